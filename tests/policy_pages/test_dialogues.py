"""The dialogue's public page and its live endpoint (core/live.py's contract, oldest first):
only approved, handed-over, answered questions, in the moderator's order; a clean transcript
once it ends; the sender's email nowhere."""

import json
from datetime import timedelta
from unittest import mock

from django.core.cache import cache
from django.utils import timezone
from django.utils.cache import get_max_age

import pytest
from bs4 import BeautifulSoup

from core import live
from core.page_cache import get_shared_max_age
from policy_pages import dialogue_desk
from policy_pages.models import (
    DialoguePage,
    DialogueQuestion,
    RemovedDialogueQuestion,
    Submission,
)
from policy_pages.models.participation import APPROVED, REJECTED, SPAM
from tests.factories import answered, dialogue_question

ASKER_EMAIL = "nguoi-hoi-bi-mat@example.vn"


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def with_answers(dialogue, guests):
    minister, banker = guests
    first = answered(
        dialogue,
        "Người thu nhập thấp vay mua nhà ở xã hội với lãi suất bao nhiêu?",
        banker,
        "Lãi suất cho vay ưu đãi hiện là 6,6%/năm, thời hạn tối đa 25 năm.",
        name="Phạm Văn Bình",
        email=ASKER_EMAIL,
    )
    second = answered(
        dialogue,
        "Thủ tục mua nhà ở xã hội gồm những giấy tờ gì?",
        minister,
        "Người mua cần đơn đăng ký, giấy tờ chứng minh đối tượng và điều kiện thu nhập.",
        name="Trần Thị Cúc",
    )
    return first, second


def test_a_dialogue_is_a_story_of_a_section_with_its_own_badge(client, section, dialogue):
    assert DialoguePage in section.specific_class.allowed_subpage_models()
    page = soup_of(client.get(dialogue.url))
    assert page.select_one(".kind-badge").get_text() == "Giao lưu trực tuyến"
    assert "Đang giao lưu" in page.select_one(".live-badge").get_text()
    listing = soup_of(client.get(section.url))
    assert "Giao lưu trực tuyến" in [badge.get_text() for badge in listing.select(".kind-badge")]


def test_the_page_names_its_guests_host_and_policy(client, dialogue, housing_policy):
    text = soup_of(client.get(dialogue.url)).get_text(" ", strip=True)
    assert "Nguyễn Văn Sinh" in text and "Thứ trưởng, Bộ Xây dựng" in text
    assert "Người dẫn chương trình: Nguyễn Thu Hà" in text
    assert "Chính sách được trao đổi: Chính sách hỗ trợ nhà ở xã hội" in text


def test_answers_show_in_the_moderators_order_per_the_live_contract(client, dialogue, with_answers):
    first, second = with_answers
    dialogue_desk.move(dialogue, second.pk, -1)
    page = soup_of(client.get(dialogue.url))
    section = page.select_one("section[data-live-updates]")
    assert section["data-order"] == "oldest-first"
    assert section["data-live"] == "true"
    assert section["data-endpoint"] == f"{dialogue.url}cap-nhat/"
    assert section.select_one("[data-live-status]")["aria-live"] == "polite"
    items = section.select("[data-live-list] > li")
    assert [item["id"] for item in items] == [f"cau-hoi-{second.pk}", f"cau-hoi-{first.pk}"]
    keys = [item["data-order-key"] for item in items]
    assert keys == sorted(keys)
    assert section["data-since"] == max(item["data-changed"] for item in items)
    text = items[1].get_text(" ", strip=True)
    assert "Câu hỏi của Phạm Văn Bình" in text
    assert "Lê Thị Hồng , Phó Vụ trưởng Vụ Tín dụng, Ngân hàng Nhà nước trả lời" in text
    assert "6,6%/năm" in text
    assert items[1].select_one("time")["datetime"]


def test_questions_never_show_before_approval_nor_unanswered(client, dialogue, with_answers):
    dialogue_question(dialogue, "Câu hỏi còn chờ duyệt về nhà ở xã hội.")
    approved_only = dialogue_question(dialogue, "Câu hỏi đã duyệt nhưng chưa trả lời.")
    dialogue_desk.judge(dialogue, [approved_only.pk], APPROVED, None)
    passed_only = dialogue_question(dialogue, "Câu hỏi đã chuyển nhưng chưa trả lời.")
    dialogue_desk.judge(dialogue, [passed_only.pk], APPROVED, None)
    dialogue_desk.pass_to_host(dialogue, [passed_only.pk], None)
    since = live.stamp(timezone.now() - timedelta(hours=3))
    for body in (
        client.get(dialogue.url).content.decode(),
        json.dumps(
            client.get(f"{dialogue.url}cap-nhat/", {"since": since}).json(), ensure_ascii=False
        ),
    ):
        assert "chờ duyệt" not in body
        assert "chưa trả lời" not in body
        assert ASKER_EMAIL not in body
        assert "Người thu nhập thấp vay mua nhà" in body


def test_the_endpoint_answers_changes_after_since(client, dialogue, with_answers):
    first, second = with_answers
    url = f"{dialogue.url}cap-nhat/"
    everything = client.get(url, {"since": live.stamp(timezone.now() - timedelta(hours=3))})
    assert everything.status_code == 200
    data = everything.json()
    assert data["live"] is True
    assert [item["id"] for item in data["updates"]] == [
        f"cau-hoi-{first.pk}",
        f"cau-hoi-{second.pk}",
    ]
    assert set(data["updates"][0]) == {"id", "key", "changed", "html"}
    assert f'id="cau-hoi-{first.pk}"' in data["updates"][0]["html"]
    assert "max-age=2" in everything["Cache-Control"]
    # Later than every change and the overlap: nothing.
    later = live.stamp(timezone.now() + timedelta(seconds=30))
    assert client.get(url, {"since": later}).json()["updates"] == []
    # The guest edits one answer: it alone comes again.
    since = data["since"]
    place = second.dialogue_place
    place.refresh_from_db()
    dialogue_desk.post_answer(
        dialogue, place, None, guest=place.guest_answer.guest, text="Câu trả lời đã bổ sung."
    )
    after = client.get(url, {"since": since}).json()
    assert f"cau-hoi-{second.pk}" in [item["id"] for item in after["updates"]]
    assert after["since"] >= since


def test_a_rejected_answered_question_is_taken_away(client, dialogue, with_answers):
    first, _second = with_answers
    since = live.stamp(timezone.now())
    dialogue_desk.judge(dialogue, [first.pk], "tu-choi", None, "Trùng câu hỏi khác.")
    data = client.get(f"{dialogue.url}cap-nhat/", {"since": since}).json()
    by_id = {item["id"]: item for item in data["updates"]}
    assert by_id[f"cau-hoi-{first.pk}"]["removed"] is True
    assert "html" not in by_id[f"cau-hoi-{first.pk}"]
    assert "Người thu nhập thấp" not in client.get(dialogue.url).content.decode()


@pytest.mark.parametrize("since", ["", "hôm qua", "2026-13-45", "99999-01-01T00:00:00"])
def test_a_bad_since_is_a_clear_400(client, dialogue, since):
    response = client.get(f"{dialogue.url}cap-nhat/", {"since": since})
    assert response.status_code == 400
    assert "ISO 8601" in response.json()["error"]


def test_after_the_end_the_page_is_a_clean_transcript(client, dialogue, with_answers):
    dialogue.ends_at = timezone.now() - timedelta(minutes=1)
    dialogue.save_revision().publish()
    page = soup_of(client.get(dialogue.url))
    assert page.select_one(".live-badge") is None
    assert page.select_one("form.participation-form") is None
    assert page.select_one("#dialogue-questions-heading").get_text() == "Toàn văn buổi giao lưu"
    assert page.select_one("section[data-live-updates]")["data-live"] == "false"
    assert len(page.select("[data-live-list] > li")) == 2
    data = client.get(f"{dialogue.url}cap-nhat/", {"since": live.stamp(timezone.now())}).json()
    assert data["live"] is False


def test_an_unpublished_dialogue_and_its_endpoint_are_not_public(client, dialogue, with_answers):
    url = dialogue.url
    dialogue.unpublish()
    assert client.get(url).status_code == 404
    assert client.get(f"{url}cap-nhat/", {"since": live.stamp(timezone.now())}).status_code == 404


def test_the_api_shows_the_dialogue_without_any_senders_email(client, dialogue, with_answers):
    response = client.get("/api/v2/pages/", {"type": "policy_pages.DialoguePage", "fields": "*"})
    assert response.status_code == 200
    assert response.json()["meta"]["total_count"] == 1
    detail = client.get(f"/api/v2/pages/{dialogue.pk}/")
    assert detail.status_code == 200
    assert detail.json()["guests"][1] == {
        "name": "Lê Thị Hồng",
        "position": "Phó Vụ trưởng Vụ Tín dụng",
        "agency": "Ngân hàng Nhà nước",
    }
    assert detail.json()["starts_at"]
    assert ASKER_EMAIL not in detail.content.decode()
    assert ASKER_EMAIL not in response.content.decode()


def test_the_demo_has_an_ended_dialogue_with_its_transcript_and_an_upcoming_one(db, client):
    from io import StringIO

    from django.core.management import call_command

    call_command("seed_demo", stdout=StringIO())
    ended = DialoguePage.objects.get(slug="giao-luu-truc-tuyen-mien-hoc-phi")
    upcoming = DialoguePage.objects.get(slug="giao-luu-truc-tuyen-luong-toi-thieu-vung")
    assert ended.has_ended and not upcoming.has_ended and not upcoming.is_live
    transcript = soup_of(client.get(ended.url))
    assert transcript.select_one("#dialogue-questions-heading").get_text() == (
        "Toàn văn buổi giao lưu"
    )
    assert len(transcript.select("[data-live-list] > li")) == 3
    assert soup_of(client.get(upcoming.url)).select_one("form#cau-hoi-giao-luu") is not None
    policy_page = client.get(ended.policy.url).content.decode()
    assert "Trả lời tại buổi giao lưu trực tuyến" in policy_page


def test_each_change_renews_the_dialogues_live_answers_never_a_publication(dialogue, guests):
    """Answers, hand-overs and the order are records of their own: they renew the page and its
    endpoint (core.live.renew, once committed), and leave the page's revisions alone."""
    revisions = dialogue.revisions.count()
    with mock.patch("core.live.cache_tags.invalidate") as invalidate:
        question = answered(dialogue, "Câu hỏi thứ nhất?", guests[0], "Trả lời thứ nhất.")
        other = answered(dialogue, "Câu hỏi thứ hai?", guests[1], "Trả lời thứ hai.")
        invalidate.reset_mock()
        dialogue_desk.move(dialogue, other.pk, -1)
        assert invalidate.call_args_list == [mock.call(live.live_tag(dialogue.pk), hard=False)]
        invalidate.reset_mock()
        place = question.dialogue_place
        dialogue_desk.post_answer(dialogue, place, None, guest=guests[0], text="Đã sửa.")
        assert mock.call(live.live_tag(dialogue.pk), hard=False) in invalidate.call_args_list
    assert dialogue.revisions.count() == revisions


def test_a_kept_copy_lasts_no_longer_than_the_dialogues_state(client, dialogue, settings):
    """Nothing renews the page when the clock starts or ends the dialogue: its copy in the page
    cache and Varnish must lapse then, or it would go on showing the form."""
    settings.PAGE_CACHE_SECONDS = 600
    dialogue.ends_at = timezone.now() + timedelta(minutes=5)
    dialogue.save_revision().publish()
    response = client.get(dialogue.url)
    assert 290 <= get_shared_max_age(response) <= 300
    assert get_max_age(response) is None  # browsers ask again each time
    assert (
        290
        <= get_shared_max_age(client.get(dialogue.url + "cap-nhat/", {"since": "2026-01-01"}))
        <= 300
    )
    dialogue.ends_at = timezone.now() + timedelta(hours=2)
    dialogue.save_revision().publish()
    cache.clear()  # the publication's renewal runs on commit, which this test never reaches
    assert get_shared_max_age(client.get(dialogue.url)) == 600  # the page cache's usual time


def settled():
    """The answers given a minute ago, out of the endpoint's overlap with what follows."""
    DialogueQuestion.objects.update(changed_at=timezone.now() - timedelta(minutes=1))


def live_renewals(invalidate, dialogue):
    """The `hard` of each renewal of the dialogue's live answers, in order."""
    tag = live.live_tag(dialogue.pk)
    return [c.kwargs.get("hard", False) for c in invalidate.call_args_list if c.args == (tag,)]


@pytest.mark.parametrize("verdict", [REJECTED, SPAM])
def test_a_shown_question_taken_away_is_renewed_hard(dialogue, with_answers, verdict):
    """No cache may serve the taken-away answer while the new copy is made."""
    first, _second = with_answers
    with mock.patch("core.live.cache_tags.invalidate") as invalidate:
        dialogue_desk.judge(dialogue, [first.pk], verdict, None, "Trùng câu hỏi khác.")
    assert live_renewals(invalidate, dialogue) == [True]
    # Approved again, it shows again: a plain renewal.
    with mock.patch("core.live.cache_tags.invalidate") as invalidate:
        dialogue_desk.judge(dialogue, [first.pk], APPROVED, None)
    assert live_renewals(invalidate, dialogue) == [False]


def test_a_verdict_on_a_question_nobody_saw_renews_nothing(dialogue, guests):
    """Approving or rejecting a pending question, or handing over, taking back, ordering and
    judging one approved but not yet answered, changes nothing readers see: the page is not
    purged for every reader."""
    pending = dialogue_question(dialogue, "Câu hỏi còn chờ duyệt?")
    passed = dialogue_question(dialogue, "Câu hỏi đã chuyển, chưa trả lời?")
    dialogue_desk.judge(dialogue, [passed.pk], APPROVED, None)
    with mock.patch("core.live.cache_tags.invalidate") as invalidate:
        dialogue_desk.pass_to_host(dialogue, [passed.pk], None)
        dialogue_desk.take_back(dialogue, passed.pk)
        dialogue_desk.pass_to_host(dialogue, [passed.pk], None)
        dialogue_desk.judge(dialogue, [pending.pk], APPROVED, None)
        dialogue_desk.move(dialogue, pending.pk, -1)
        dialogue_desk.judge(dialogue, [pending.pk], REJECTED, None, "Không liên quan.")
        dialogue_desk.judge(dialogue, [passed.pk], SPAM, None)
    assert live_renewals(invalidate, dialogue) == []


def test_the_endpoint_tells_nothing_of_questions_nobody_saw(client, dialogue, with_answers):
    """Approving, ordering, handing over, taking back and rejecting questions that were never
    shown sends open pages no id, no count and no time."""
    url = f"{dialogue.url}cap-nhat/"
    page_since = soup_of(client.get(dialogue.url)).select_one("[data-live-updates]")["data-since"]
    since = live.stamp(timezone.now())
    unseen = [dialogue_question(dialogue, f"Câu hỏi chưa ai thấy số {n}?") for n in range(3)]
    ids = [question.pk for question in unseen]
    dialogue_desk.judge(dialogue, ids, APPROVED, None)
    dialogue_desk.pass_to_host(dialogue, ids[:2], None)
    dialogue_desk.move(dialogue, ids[2], -1)
    dialogue_desk.take_back(dialogue, ids[0])
    dialogue_desk.judge(dialogue, ids[1:], REJECTED, None, "Trùng câu hỏi khác.")
    data = client.get(url, {"since": since}).json()
    leaked = {f"cau-hoi-{pk}" for pk in ids} & {item["id"] for item in data["updates"]}
    assert leaked == set()
    assert data["since"] == since
    # Nor does the page's own stamp move for them.
    page = soup_of(client.get(dialogue.url)).select_one("[data-live-updates]")
    assert page["data-since"] == page_since


def test_a_deleted_shown_question_leaves_the_page_and_open_pages(client, dialogue, with_answers):
    """Deleting the question (the moderation queue, the personal-data tools) takes its answer
    away at once: a hard renewal, and a removal the endpoint sends to open pages."""
    first, second = with_answers
    url = f"{dialogue.url}cap-nhat/"
    settled()
    since = live.stamp(timezone.now())
    with mock.patch("core.live.cache_tags.invalidate") as invalidate:
        Submission.objects.get(pk=first.pk).delete()
    assert True in live_renewals(invalidate, dialogue)
    assert "Người thu nhập thấp vay mua nhà" not in client.get(dialogue.url).content.decode()
    data = client.get(url, {"since": since}).json()
    by_id = {item["id"]: item for item in data["updates"]}
    assert by_id[f"cau-hoi-{first.pk}"]["removed"] is True
    assert set(by_id[f"cau-hoi-{first.pk}"]) == {"id", "changed", "removed"}
    assert f"cau-hoi-{second.pk}" not in by_id
    assert data["since"] == by_id[f"cau-hoi-{first.pk}"]["changed"]
    # Once past it, it is not sent again.
    assert (
        client.get(url, {"since": live.stamp(timezone.now() + timedelta(seconds=30))}).json()[
            "updates"
        ]
        == []
    )


def test_a_deleted_question_nobody_saw_leaves_no_trace(client, dialogue, with_answers):
    unseen = dialogue_question(dialogue, "Câu hỏi chưa ai thấy?")
    dialogue_desk.judge(dialogue, [unseen.pk], APPROVED, None)
    dialogue_desk.pass_to_host(dialogue, [unseen.pk], None)
    settled()
    since = live.stamp(timezone.now())
    with mock.patch("core.live.cache_tags.invalidate") as invalidate:
        Submission.objects.get(pk=unseen.pk).delete()
    assert live_renewals(invalidate, dialogue) == []
    assert not RemovedDialogueQuestion.objects.exists()
    assert client.get(f"{dialogue.url}cap-nhat/", {"since": since}).json()["updates"] == []
