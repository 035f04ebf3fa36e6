"""A reader sends a comment, question or proposal: what is stored, what is refused, and why."""

import unicodedata
from datetime import timedelta
from unittest import mock

from django.core import mail
from django.db import OperationalError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest
import time_machine
from bs4 import BeautifulSoup
from django_tasks_db.models import DBTaskResult

from policy_pages.models import Submission
from tests.policy_pages.participation import form_fields, send, stored, unit_at
from tests.queue import run_queue

pytestmark = pytest.mark.usefixtures("instant_forms")


def text_of(response):
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def test_an_open_consultation_offers_the_comment_form_with_the_drafts_units(client, open_policy):
    soup = BeautifulSoup(client.get(open_policy.url).content, "html.parser")
    form = soup.select_one("form.participation-form")
    kinds = [radio["value"] for radio in form.select("input[name=kind]")]
    assert kinds == ["gop-y", "hoi-dap", "kien-nghi"]
    select = form.select_one("select[name=unit]")
    assert form.select_one(f"label[for={select['id']}]").get_text() == "Điều, khoản góp ý"
    assert select.option.get_text() == "Toàn bộ dự thảo (không chọn điều, khoản cụ thể)"
    groups = {
        group["label"]: [
            option.get_text().replace("\xa0", "_") for option in group.select("option")
        ]
        for group in select.select("optgroup")
    }
    assert groups == {
        "Chương I. NHỮNG QUY ĐỊNH CHUNG": [
            "Cả Chương I",
            "Điều 3. Giải thích từ ngữ",
            "__Điều 3 – Khoản 1",
            "__Điều 3 – Khoản 2",
            "____Điều 3 – Khoản 2 – Điểm a",
            "____Điều 3 – Khoản 2 – Điểm b",
        ],
        "Chương II. TRÁCH NHIỆM CỦA NHÀ CUNG CẤP": [
            "Cả Chương II",
            "Điều 12. Trách nhiệm của nhà cung cấp",
            "__Điều 12 – Khoản 1",
        ],
    }
    assert form.select_one("textarea[name=quote]")["maxlength"] == "1000"
    assert form.select_one("textarea[name=body]")["maxlength"] == "5000"
    consent = form.select_one("input[name=consent]").find_parent("label")
    assert consent.a["href"] == reverse("policy_pages:privacy_notice")
    assert client.get(consent.a["href"]).status_code == 200


def test_a_valid_comment_is_stored_pending_and_the_reader_gets_a_receipt(client, open_policy):
    point = unit_at(open_policy, "dieu-3-khoan-2-diem-a")
    response = send(
        client,
        open_policy,
        unit=point.pk,
        quote="Giao dịch trên sàn thương mại điện tử;",
        capacity="chuyen-gia",
    )
    assert response.status_code == 303
    [comment] = stored()
    assert (comment.status, comment.kind, comment.unit, comment.quote, comment.capacity) == (
        "cho-duyet",
        "gop-y",
        point,
        "Giao dịch trên sàn thương mại điện tử;",
        "chuyen-gia",
    )
    assert comment.consent_at is not None
    assert comment.ip_hash and "203.0.113.7" not in comment.ip_hash
    receipt_page = client.get(response["Location"])
    assert comment.receipt_display in text_of(receipt_page)
    assert "Chờ duyệt" in text_of(receipt_page)
    # The receipt by mail too, with the link to look it up: queued with the comment, sent by a
    # worker, not in the reader's request.
    assert mail.outbox == []
    run_queue()
    [message] = mail.outbox
    assert message.to == ["an.nguyen@example.vn"]
    assert comment.receipt_display in message.subject
    assert reverse("policy_pages:receipt", args=[comment.receipt]) in message.body


def test_receipts_are_unique_random_codes_that_readers_can_type_loosely(client, open_policy):
    send(client, open_policy, body="Ý kiến thứ nhất về điều 3.")
    send(client, open_policy, body="Ý kiến thứ hai về điều 12.", email="b@example.vn")
    first, second = stored()
    assert first.receipt != second.receipt
    assert len(first.receipt) == 16 and first.receipt.isalnum()
    assert str(first.pk) not in first.receipt_display.split("-")
    typed = first.receipt_display.lower().replace("-", " ")
    response = client.get(reverse("policy_pages:receipt_lookup"), {"ma": typed})
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200


def test_a_receipt_page_shows_the_status_but_never_the_text_or_the_email(client, open_policy):
    send(client, open_policy, body="Nội dung riêng chưa được duyệt.")
    [comment] = stored()
    html = client.get(reverse("policy_pages:receipt", args=[comment.receipt])).content.decode()
    assert "Nội dung riêng chưa được duyệt" not in html
    assert comment.email not in html


def test_an_unknown_or_malformed_receipt_gets_a_clear_answer(client, db):
    missing = client.get(reverse("policy_pages:receipt_lookup"), {"ma": "YK-0000-0000-0000-0000"})
    assert missing.status_code == 302
    not_found = client.get(missing["Location"])
    assert not_found.status_code == 404
    assert "Không tìm thấy" in text_of(not_found)
    malformed = client.get(reverse("policy_pages:receipt_lookup"), {"ma": "<script>1</script>"})
    assert malformed.status_code == 400
    assert "không đúng dạng" in text_of(malformed)
    assert "<script>1" not in malformed.content.decode()


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert('xss')</script>",
        '<img src=x onerror="alert(1)">',
        '<a href="javascript:alert(1)">bấm vào đây</a>',
        "<b><i>thẻ không đóng <div",
        "Xem thêm tại https://vi-du.example/lua-dao và javascript:alert(1)",
        "'; DROP TABLE policy_pages_submission; --",
        "1' OR '1'='1",
    ],
)
def test_markup_and_sql_are_stored_as_text_and_shown_escaped(client, open_policy, payload):
    assert send(client, open_policy, body=payload).status_code == 303
    [comment] = stored()
    assert comment.body == payload
    comment.status = "da-duyet"
    comment.save()
    soup = BeautifulSoup(client.get(open_policy.url).content, "html.parser")
    shown = soup.select_one(".comment__body")
    assert shown.get_text() == payload
    assert shown.find(["script", "img", "a", "b", "div"]) is None


def test_a_100_kb_body_is_refused_with_the_limit_and_the_text_kept(client, open_policy):
    body = "Góp ý rất dài. " * 7000
    response = send(client, open_policy, body=body)
    assert response.status_code == 400
    assert "tối đa 5.000 ký tự" in text_of(response)
    assert stored() == []
    # What the reader typed is still in the form to shorten, with a fresh token to send again.
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("textarea[name=body]").get_text().startswith("Góp ý rất dài.")
    assert soup.select_one("input[name=token]")["value"]


def test_nfd_vietnamese_is_stored_and_shown_as_nfc(client, open_policy):
    nfd = unicodedata.normalize("NFD", "Đề nghị bổ sung quy định về bảo hành điện thoại")
    send(client, open_policy, body=nfd, name=unicodedata.normalize("NFD", "Phạm Thị Hương"))
    [comment] = stored()
    assert comment.body == "Đề nghị bổ sung quy định về bảo hành điện thoại"
    assert unicodedata.is_normalized("NFC", comment.body)
    assert comment.name == "Phạm Thị Hương"


def test_emoji_stay_and_invisible_or_control_characters_go(client, open_policy):
    body = "Đồng ý\u200b với dự thảo 👍🏽 👨\u200d👩\u200d👧\x00\x07 \u202egnol\u202c\r\nDòng hai"
    send(client, open_policy, body=body, name="Lê\u200b Văn\tBình")
    [comment] = stored()
    assert comment.body == "Đồng ý với dự thảo 👍🏽 👨\u200d👩\u200d👧 gnol\nDòng hai"
    assert comment.name == "Lê Văn Bình"
    comment.status = "da-duyet"
    comment.save()
    shown = BeautifulSoup(client.get(open_policy.url).content, "html.parser")
    assert shown.select_one(".comment__body br") is not None  # line breaks are kept


def test_a_post_with_the_fetched_tokens_passes_the_csrf_check(open_policy):
    strict = Client(enforce_csrf_checks=True)
    data, action = form_fields(strict, open_policy)
    assert strict.post(action, data).status_code == 303
    assert len(stored()) == 1


def test_the_policy_page_carries_no_token_of_a_reader(client, open_policy):
    """The page is cached for everyone: a token in it would be handed to every other reader."""
    response = client.get(open_policy.url)
    form = BeautifulSoup(response.content, "html.parser").select_one("form.participation-form")
    assert form.select_one("[name=csrfmiddlewaretoken]") is None
    assert not form.select_one("input[name=token]").get("value")
    assert not response.cookies


def test_each_token_request_gets_its_own_time_token_and_is_never_cached(client, open_policy):
    url = f"/y-kien/phien/{open_policy.pk}/"
    first, second = client.get(url), client.get(url)
    assert first.json()["token"] != second.json()["token"]
    assert first.json()["csrfmiddlewaretoken"]
    assert "no-store" in first["Cache-Control"]
    assert client.get("/y-kien/phien/999999/").status_code == 404
    assert client.post(url).status_code == 405


def test_a_form_sent_without_its_tokens_comes_back_filled_in_to_send_again(open_policy):
    """A cached page's form sent with JavaScript off: nothing is stored, nothing is lost."""
    strict = Client(enforce_csrf_checks=True)
    data, action = form_fields(strict, open_policy)
    del data["csrfmiddlewaretoken"]
    data["token"] = ""
    response = strict.post(action, data)
    assert response.status_code == 403
    assert "vui lòng đánh dấu ô đồng ý rồi bấm Gửi một lần nữa" in text_of(response)
    assert stored() == []
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("textarea[name=body]").get_text() == data["body"]
    assert not soup.select_one("input[name=consent]").has_attr("checked")
    again = {
        field["name"]: field["value"]
        for field in soup.select("input[type=hidden]")
        if field.get("value")
    }
    response = strict.post(action, {**data, **again})
    assert response.status_code == 303
    assert [comment.body for comment in stored()] == [data["body"]]


def test_a_missing_forged_or_replayed_time_token_is_refused(client, open_policy):
    assert send(client, open_policy, token="").status_code == 400
    assert send(client, open_policy, token="eyJwIjoxfQ:forged:sig").status_code == 400
    data, action = form_fields(client, open_policy)
    assert client.post(action, data).status_code == 303
    replay = client.post(action, {**data, "body": "Một ý kiến khác, cùng phiếu cũ."})
    assert replay.status_code == 400
    assert "đã được gửi từ trang này" in text_of(replay)
    assert len(stored()) == 1


def test_a_token_from_another_policy_is_refused(client, open_policy, closed_policy):
    data, action = form_fields(client, closed_policy)
    other_action = reverse("policy_pages:submit", args=[open_policy.pk])
    assert client.post(other_action, {**data, "kind": "hoi-dap"}).status_code == 400
    assert stored() == []


def test_a_form_sent_too_fast_or_too_late_is_refused(client, open_policy, settings):
    settings.PORTAL_PARTICIPATION = {**settings.PORTAL_PARTICIPATION, "MIN_SECONDS": 3}
    data, action = form_fields(client, open_policy)
    too_fast = client.post(action, data)
    assert too_fast.status_code == 400
    assert "quá nhanh" in text_of(too_fast)
    with time_machine.travel(timedelta(hours=5)):
        too_late = client.post(action, data)
    assert too_late.status_code == 400
    assert "hết hạn" in text_of(too_late)
    with time_machine.travel(timedelta(seconds=10)):
        assert client.post(action, data).status_code == 303
    assert len(stored()) == 1


def test_a_filled_honeypot_is_refused_and_nothing_stored(client, open_policy):
    response = send(client, open_policy, website="http://spam.example")
    assert response.status_code == 400
    assert stored() == []
    assert mail.outbox == []


def test_a_burst_from_one_address_is_stopped_by_the_rate_limit(client, open_policy, settings):
    settings.PORTAL_PARTICIPATION = {**settings.PORTAL_PARTICIPATION, "PER_IP": (3, 600)}
    codes = [
        send(client, open_policy, body=f"Ý kiến số {n}", email=f"a{n}@example.vn").status_code
        for n in range(5)
    ]
    assert codes == [303, 303, 303, 429, 429]
    assert len(stored()) == 3
    # Another address is not affected.
    assert send(client, open_policy, body="Từ máy khác", ip="198.51.100.9").status_code == 303


def test_behind_trusted_proxies_the_limit_follows_the_readers_address(
    client, open_policy, settings
):
    settings.PORTAL_TRUSTED_PROXIES = 1
    settings.PORTAL_PARTICIPATION = {**settings.PORTAL_PARTICIPATION, "PER_IP": (2, 600)}

    def through_proxy(reader, n):
        data, action = form_fields(client, open_policy)
        data.update(body=f"Ý kiến {reader} số {n}", email=f"doc-gia-{n}-{len(reader)}@example.vn")
        # A forged first entry is ignored: only the balancer's own entry counts.
        forwarded = f"10.0.0.{n}, {reader}"
        return client.post(
            action, data, REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR=forwarded
        ).status_code

    assert [through_proxy("203.0.113.5", n) for n in range(3)] == [303, 303, 429]
    assert through_proxy("203.0.113.6", 9) == 303
    # IPv6 readers are counted per /64 network: changing the last bits does not help.
    assert [through_proxy(f"2001:db8:1:2::{n}", n) for n in range(1, 4)] == [303, 303, 429]


def test_one_email_is_rate_limited_across_addresses(client, open_policy, settings):
    settings.PORTAL_PARTICIPATION = {**settings.PORTAL_PARTICIPATION, "PER_EMAIL": (2, 600)}
    codes = [
        send(client, open_policy, body=f"Ý kiến {n}", ip=f"198.51.100.{n}").status_code
        for n in range(3)
    ]
    assert codes == [303, 303, 429]
    response = send(client, open_policy, body="Ý kiến 9", ip="198.51.100.9")
    assert "thử lại sau 10 phút" in text_of(response)


def test_the_same_text_twice_from_one_sender_is_refused(client, open_policy):
    send(client, open_policy, body="Đề nghị giữ nguyên Điều 12.")
    again = send(client, open_policy, body="  đề nghị   giữ nguyên điều 12. ", ip="198.51.100.1")
    assert again.status_code == 400
    assert "không nhận bản trùng" in text_of(again)
    assert len(stored()) == 1
    # Another citizen may say the same thing.
    other = send(client, open_policy, body="Đề nghị giữ nguyên Điều 12.", email="b@example.vn")
    assert other.status_code == 303
    assert len(stored()) == 2


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": "   \u200b "}, "Vui lòng nhập họ và tên."),
        ({"email": "khong-phai-email"}, "Địa chỉ thư điện tử chưa đúng"),
        ({"consent": ""}, "Cần bạn đồng ý xử lý dữ liệu cá nhân"),
        ({"body": "\u200b\u200b  "}, "Vui lòng nhập nội dung."),
        ({"kind": "khac"}, "Hãy chọn một lựa chọn hợp lệ"),
        ({"unit": "999999"}, "không thuộc dự thảo đã công bố của chính sách này"),
        ({"unit": "Điều 3"}, "không thuộc dự thảo đã công bố của chính sách này"),
        ({"quote": "trích " * 201}, "Đoạn trích dẫn tối đa 1.000 ký tự; bạn đã nhập 1.205"),
    ],
)
def test_invalid_fields_get_a_vietnamese_message_and_nothing_is_stored(
    client, open_policy, changes, message
):
    response = send(client, open_policy, **changes)
    assert response.status_code == 400
    assert message in text_of(response)
    assert stored() == []


def test_a_comment_outside_the_consultation_is_refused_but_a_question_is_taken(
    client, closed_policy
):
    soup = BeautifulSoup(client.get(closed_policy.url).content, "html.parser")
    offered = [radio["value"] for radio in soup.select("form.participation-form input[name=kind]")]
    assert offered == ["hoi-dap", "kien-nghi"]
    refused = send(client, closed_policy, kind="gop-y")
    assert refused.status_code == 400
    assert "không lấy ý kiến về dự thảo" in text_of(refused)
    assert stored() == []
    question = send(client, closed_policy, kind="hoi-dap", body="Ai được miễn học phí?")
    proposal = send(client, closed_policy, kind="kien-nghi", body="Mở rộng cho trường nghề.")
    assert (question.status_code, proposal.status_code) == (303, 303)
    assert [s.kind for s in stored()] == ["hoi-dap", "kien-nghi"]


def test_when_the_insert_fails_the_reader_is_told_and_can_send_the_same_form_again(
    client, open_policy
):
    data, action = form_fields(client, open_policy)
    failing = mock.patch.object(
        Submission.objects, "create", side_effect=OperationalError("server closed")
    )
    with failing:
        response = client.post(action, data)
    assert response.status_code == 503
    assert "chưa được lưu" in text_of(response)
    assert "YK-" not in response.content.decode()
    assert stored() == []
    assert mail.outbox == []
    # "Go back and send again": the same form, same token, now goes through.
    assert client.post(action, data).status_code == 303
    assert len(stored()) == 1


def test_a_broken_mail_server_loses_no_comment_and_the_receipt_is_tried_again_later(
    client, open_policy
):
    response = send(client, open_policy)
    assert response.status_code == 303
    refused = OSError("no route to host")
    with mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages", side_effect=refused
    ):
        run_queue()
    [comment] = stored()
    assert comment.receipt_sent_at is None and mail.outbox == []
    # Tried again after a pause, not at once and not never.
    [retry] = DBTaskResult.objects.filter(status="READY")
    assert retry.args_kwargs["kwargs"] == {"attempt": 2}
    assert retry.run_after > timezone.now()
    assert run_queue() == 0
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    run_queue()
    [message] = mail.outbox
    assert comment.receipt_display in message.subject
    comment.refresh_from_db()
    assert comment.receipt_sent_at is not None
    assert run_queue() == 0 and len(mail.outbox) == 1


def test_no_form_and_no_post_for_unpublished_or_private_policies(client, admin_user, open_policy):
    data, action = form_fields(client, open_policy)
    PageViewRestriction.objects.create(page=open_policy, restriction_type="login")
    assert client.post(action, data).status_code == 404
    client.force_login(admin_user)  # may read the page, but the form could not be sent
    page = BeautifulSoup(client.get(open_policy.url).content, "html.parser")
    assert page.select_one("form.participation-form") is None
    client.logout()
    PageViewRestriction.objects.all().delete()
    open_policy.unpublish()
    assert client.post(action, data).status_code == 404
    assert client.get(action).status_code == 404
    assert stored() == []
