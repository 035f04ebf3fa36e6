"""Moderators approve, reject and mark spam in the admin; officers answer and export; every
action is logged with who and when."""

import csv
import io

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from wagtail.models import ModelLogEntry

import pytest
from bs4 import BeautifulSoup

from core import cache_tags
from policy_pages.models import Answer, Submission
from tests.factories import SubmissionFactory
from tests.helpers import count_queries, member_of
from tests.policy_pages.participation import unit_at

QUEUE = "wagtailsnippets_policy_pages_submission:list"


def bulk(action, *submissions):
    url = reverse("wagtail_bulk_action", args=("policy_pages", "submission", action))
    return url + "?" + "&".join(f"id={s.pk}" for s in submissions)


@pytest.fixture
def moderator(db):
    return member_of("Kiểm duyệt viên", "kiem-duyet")


@pytest.fixture
def officer(db):
    return member_of("Chuyên viên chính sách", "chuyen-vien")


@pytest.fixture
def queue(open_policy, closed_policy):
    return {
        "first": SubmissionFactory(policy=open_policy, body="Ý kiến thứ nhất."),
        "second": SubmissionFactory(policy=open_policy, body="Ý kiến thứ hai."),
        "other": SubmissionFactory(policy=closed_policy, kind="hoi-dap", body="Câu hỏi khác."),
        "done": SubmissionFactory(policy=open_policy, status="da-duyet", body="Đã duyệt rồi."),
    }


def test_the_moderators_group_holds_exactly_the_moderation_permissions(db):
    group = Group.objects.get(name="Kiểm duyệt viên")
    assert sorted(group.permissions.values_list("codename", flat=True)) == [
        "access_admin",
        "moderate_submission",
        "view_submission",
    ]


def test_the_queue_filters_by_policy_status_and_date(client, moderator, queue, open_policy):
    client.force_login(moderator)
    response = client.get(
        reverse(QUEUE),
        {"status": "cho-duyet", "policy": open_policy.pk, "created_at_from": "2000-01-01"},
    )
    assert response.status_code == 200
    text = BeautifulSoup(response.content, "html.parser").get_text(" ")
    assert queue["first"].receipt_display in text
    assert queue["second"].receipt_display in text
    assert queue["other"].receipt_display not in text
    assert queue["done"].receipt_display not in text


def test_the_queue_filters_by_unit_and_names_each_comments_unit(
    client, moderator, queue, open_policy
):
    point = unit_at(open_policy, "dieu-3-khoan-2-diem-a")
    article = unit_at(open_policy, "dieu-12")
    on_point = SubmissionFactory(policy=open_policy, unit=point, body="Về điểm a.")
    on_article = SubmissionFactory(policy=open_policy, unit=article, body="Về Điều 12.")
    client.force_login(moderator)
    everything = BeautifulSoup(client.get(reverse(QUEUE)).content, "html.parser")
    offered = {
        group["label"]: [option.get_text() for option in group.select("option")]
        for group in everything.select("select[name=unit] optgroup")
    }
    assert offered == {
        open_policy.title: [
            "Dự thảo 1 · Điều 3 – Khoản 2 – Điểm a",
            "Dự thảo 1 · Điều 12. Trách nhiệm của nhà cung cấp",
        ]
    }
    filtered = client.get(reverse(QUEUE), {"unit": point.pk})
    assert filtered.status_code == 200
    text = BeautifulSoup(filtered.content, "html.parser").get_text(" ")
    assert on_point.receipt_display in text
    assert "Dự thảo 1 · Điều 3 – Khoản 2 – Điểm a" in text
    for other in (on_article, queue["first"], queue["other"]):
        assert other.receipt_display not in text


def test_one_comment_inspected_names_its_unit_and_quote(client, moderator, open_policy):
    clause = unit_at(open_policy, "dieu-3-khoan-2")
    comment = SubmissionFactory(policy=open_policy, unit=clause, quote="Giao dịch từ xa gồm:")
    client.force_login(moderator)
    url = reverse("wagtailsnippets_policy_pages_submission:inspect", args=[comment.pk])
    text = BeautifulSoup(client.get(url).content, "html.parser").get_text(" ")
    assert "Dự thảo 1 · Điều 3 – Khoản 2" in text
    assert "Giao dịch từ xa gồm:" in text


def test_the_queue_reads_the_units_of_its_rows_in_the_same_query(client, moderator, open_policy):
    units = [unit_at(open_policy, anchor) for anchor in ("dieu-3", "dieu-3-khoan-2-diem-a")]
    SubmissionFactory(policy=open_policy, unit=units[0])
    client.force_login(moderator)
    client.get(reverse(QUEUE))
    few = count_queries(client, reverse(QUEUE))
    for n in range(20):
        SubmissionFactory(policy=open_policy, unit=units[n % 2])
    assert count_queries(client, reverse(QUEUE)) == few


def test_a_moderator_approves_one_comment_and_the_action_is_logged(client, moderator, queue):
    client.force_login(moderator)
    first = queue["first"]
    confirm = client.get(bulk("approve", first))
    assert "Ý kiến thứ nhất." in confirm.content.decode()
    assert client.post(bulk("approve", first)).status_code == 302
    first.refresh_from_db()
    assert (first.status, first.moderated_by) == ("da-duyet", moderator)
    assert first.moderated_at is not None
    entry = ModelLogEntry.objects.get(object_id=str(first.pk))
    assert (entry.action, entry.user) == ("policy_pages.submission.approve", moderator)
    assert Submission.objects.get(pk=queue["second"].pk).status == "cho-duyet"


def test_rejecting_needs_a_reason_which_the_sender_then_sees(client, moderator, queue):
    client.force_login(moderator)
    first, second = queue["first"], queue["second"]
    without = client.post(bulk("reject", first, second), {"reason": ""})
    assert without.status_code == 200
    assert Submission.objects.filter(status="tu-choi").count() == 0
    client.post(bulk("reject", first, second), {"reason": "Nội dung không liên quan dự thảo."})
    assert Submission.objects.filter(status="tu-choi").count() == 2
    receipt = client.get(reverse("policy_pages:receipt", args=[first.receipt]))
    assert "Nội dung không liên quan dự thảo." in receipt.content.decode()
    actions = ModelLogEntry.objects.filter(action="policy_pages.submission.reject")
    assert actions.count() == 2
    assert actions.first().data == {"reason": "Nội dung không liên quan dự thảo."}


def test_marking_spam_in_bulk(client, moderator, queue):
    client.force_login(moderator)
    client.post(bulk("spam", queue["first"], queue["other"]))
    statuses = dict(Submission.objects.values_list("body", "status"))
    assert statuses["Ý kiến thứ nhất."] == statuses["Câu hỏi khác."] == "spam"
    assert statuses["Ý kiến thứ hai."] == "cho-duyet"
    receipt = client.get(reverse("policy_pages:receipt", args=[queue["first"].receipt]))
    assert "Không được đăng" in receipt.content.decode()


def test_pending_rows_have_one_click_moderation_links(client, moderator, queue):
    client.force_login(moderator)
    soup = BeautifulSoup(client.get(reverse(QUEUE)).content, "html.parser")
    links = {a["href"] for a in soup.select("a[href*='/bulk/policy_pages/submission/']")}
    assert any(f"id={queue['first'].pk}" in href and "/approve/" in href for href in links)
    assert not any(f"id={queue['done'].pk}&" in href for href in links)


def test_others_cannot_moderate_export_or_rewrite(client, moderator, queue):
    reporter = member_of("Phóng viên", "phong-vien")
    client.force_login(reporter)
    assert client.get(reverse(QUEUE)).status_code in (302, 403)
    client.post(bulk("approve", queue["first"]))
    assert Submission.objects.get(pk=queue["first"].pk).status == "cho-duyet"
    confirmation = client.get(bulk("approve", queue["first"]))
    assert confirmation.status_code in (302, 403)
    assert queue["first"].name not in confirmation.content.decode()
    client.force_login(moderator)
    refused = client.get(reverse(QUEUE), {"export": "csv"})
    assert refused.status_code in (302, 403)
    assert "csv" not in refused.get("Content-Type", "")
    edit = reverse("wagtailsnippets_policy_pages_submission:edit", args=[queue["first"].pk])
    assert client.get(edit).status_code in (302, 403)


def test_the_dashboard_counts_pending_items_by_policy(client, moderator, queue, open_policy):
    client.force_login(moderator)
    soup = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser")
    panel = soup.select_one("#pending-submissions-section")
    assert "3 ý kiến đang chờ duyệt" in panel.get_text(" ", strip=True)
    rows = [tr.get_text(" ", strip=True) for tr in panel.select("tbody tr")]
    assert rows[0] == f"{open_policy.title} 2"


def test_an_officer_answers_a_group_of_approved_comments_with_one_text(
    client, officer, moderator, queue
):
    client.force_login(moderator)
    client.post(bulk("approve", queue["first"], queue["second"]))
    client.force_login(officer)
    data = {
        "outcome": "tiep-thu-mot-phan",
        "explanation": "Tiếp thu ý kiến về phạm vi; giữ nguyên mức phạt.",
        "answered_on": "2026-11-20",
    }
    response = client.post(bulk("answer", queue["first"], queue["second"]), data)
    assert response.status_code == 302
    [answer] = Answer.objects.all()
    assert set(answer.submissions.values_list("pk", flat=True)) == {
        queue["first"].pk,
        queue["second"].pk,
    }
    assert ModelLogEntry.objects.filter(action="policy_pages.submission.answer").count() == 2


@pytest.fixture
def renewals(monkeypatch):
    """The cache renewals (core/cache_tags.py), each with the tags it renews."""
    made = []
    monkeypatch.setattr(cache_tags, "_renew", lambda tags, hard: made.append(tags))
    return made


def test_approving_several_comments_renews_the_pages_once(
    client, moderator, queue, renewals, django_capture_on_commit_callbacks
):
    """Each renewal makes the policies' pages and feeds be rendered again: fifty comments
    approved in one action must not drop them fifty times in a row; and only those policies'."""
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(bulk("approve", queue["first"], queue["second"], queue["other"]))
    assert Submission.objects.filter(status="da-duyet").count() == 4
    policies = {queue[name].policy_id for name in ("first", "second", "other")}
    assert renewals == [{f"participation-{pk}" for pk in policies}]


def test_answering_several_comments_renews_the_pages_once(
    client, officer, queue, renewals, django_capture_on_commit_callbacks
):
    """The answer and each comment linked to it would each renew."""
    Submission.objects.filter(pk__in=[queue["first"].pk, queue["second"].pk]).update(
        status="da-duyet"
    )
    client.force_login(officer)
    data = {"outcome": "ghi-nhan", "explanation": "Ghi nhận.", "answered_on": "2026-11-20"}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(bulk("answer", queue["first"], queue["second"]), data)
    assert Answer.objects.get().submissions.count() == 2
    assert len(renewals) == 1


def test_answers_are_refused_for_pending_items_or_mixed_policies(client, officer, queue):
    client.force_login(officer)
    data = {"outcome": "ghi-nhan", "explanation": "Ghi nhận.", "answered_on": "2026-11-20"}
    client.post(bulk("answer", queue["first"]), data)
    client.post(bulk("answer", queue["done"], queue["other"]), data)
    assert Answer.objects.count() == 0


def test_officers_export_every_comment_as_csv_that_excel_opens(client, officer, open_policy):
    SubmissionFactory(
        policy=open_policy,
        name="Ngô Thị Thu",
        email="thu.ngo@example.vn",
        body='=HYPERLINK("http://ac-doc.example","bấm")',
        unit=unit_at(open_policy, "dieu-3-khoan-2"),
        quote="Giao dịch từ xa gồm:",
    )
    client.force_login(officer)
    response = client.get(reverse(QUEUE), {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf")  # the byte order mark Excel needs for UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    [row] = rows
    assert row["Họ và tên"] == "Ngô Thị Thu"
    assert row["Thư điện tử"] == "thu.ngo@example.vn"
    assert row["Điều, khoản góp ý"] == "Dự thảo 1 · Điều 3 – Khoản 2"
    assert row["Đoạn trích dẫn"] == "Giao dịch từ xa gồm:"
    assert row["Nội dung"].startswith("'=HYPERLINK")  # never run as a formula
    assert row["Trạng thái"] == "Chờ duyệt"
    sent = Submission.objects.get().created_at
    assert row["Ngày gửi"] == timezone.localtime(sent).strftime("%d/%m/%Y %H:%M")


def test_a_policy_with_public_input_cannot_be_deleted(admin_client, open_policy, queue):
    response = admin_client.post(reverse("wagtailadmin_pages:delete", args=[open_policy.pk]))
    assert response.status_code == 302
    assert Submission.objects.filter(policy=open_policy).count() == 3
    assert type(open_policy).objects.filter(pk=open_policy.pk).exists()


def test_select_all_in_listing_is_refused_so_no_filter_is_bypassed(client, moderator, queue):
    client.force_login(moderator)
    url = reverse("wagtail_bulk_action", args=("policy_pages", "submission", "approve"))
    response = client.post(url + "?id=all")
    assert response.status_code == 302
    assert not Submission.objects.filter(status="da-duyet").exclude(pk=queue["done"].pk).exists()


def test_approving_again_leaves_an_item_and_its_record_alone(client, moderator, queue):
    client.force_login(moderator)
    client.post(bulk("approve", queue["done"]))
    assert not ModelLogEntry.objects.filter(object_id=str(queue["done"].pk)).exists()


def test_the_queue_heads_the_receipt_column_in_vietnamese(client, moderator, queue):
    client.force_login(moderator)
    soup = BeautifulSoup(client.get(reverse(QUEUE)).content, "html.parser")
    headings = [th.get_text(" ", strip=True) for th in soup.select("thead th")]
    assert any("Mã biên nhận" in heading for heading in headings), headings
    assert not any("Receipt" in heading for heading in headings)
