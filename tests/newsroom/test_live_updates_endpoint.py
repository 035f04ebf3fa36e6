"""What readers get of a live page's updates: on the page, from its cap-nhat/ endpoint (the
contract is core/live.py), in its feed entry and in the API. Corrections and withdrawals are
always said, never silent; a withdrawn update's content is gone everywhere; a change renews only
the live page and its endpoint."""

import datetime as dt

from django.test import TestCase
from django.utils import timezone

from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

import pytest

from core import live as live_contract
from newsroom import live_desk
from tests.factories import (
    ArticlePageFactory,
    LegalDocumentIndexPageFactory,
    LegalDocumentPageFactory,
    LiveCoveragePageFactory,
    SectionPageFactory,
    VideoPageFactory,
    live_update,
)
from tests.helpers import member_of


@pytest.fixture
def section(home_page):
    return SectionPageFactory(parent=home_page, title="Thời sự", slug="thoi-su")


@pytest.fixture
def editor(db):
    return member_of("Biên tập viên", "bien-tap-truc-tiep")


@pytest.fixture
def live(section):
    page = LiveCoveragePageFactory(parent=section, title="Trực tiếp: Khai mạc Kỳ họp Quốc hội")
    now = timezone.now()
    live_update(page, "Các đại biểu bắt đầu vào hội trường.", now - dt.timedelta(minutes=50))
    live_update(page, "Phiên khai mạc chính thức bắt đầu.", now - dt.timedelta(minutes=20))
    return page


def committed(change):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return change()


def text(content):
    return [("text", RichText(f"<p>{content}</p>"))]


def changes(client, page, since):
    response = client.get(page.url + "cap-nhat/", {"since": since})
    assert response.status_code == 200
    return response.json()


def test_a_pinned_update_comes_first_then_the_newest(client, live, editor):
    oldest = live.updates.order_by("posted_at").first()
    committed(lambda: live_desk.pin(oldest, editor))
    body = client.get(live.url).text
    assert body.index("Các đại biểu bắt đầu") < body.index("Phiên khai mạc chính thức")
    assert "live-update--pinned" in body and ">Ghim</span>" in body
    keys = [item.order_key for item in live.updates.in_page_order()]
    assert keys == sorted(keys, reverse=True)  # the script's order is the page's


def test_pinning_another_update_unpins_the_first(live, editor):
    first, second = live.updates.order_by("posted_at")
    live_desk.pin(first, editor)
    live_desk.pin(second, editor)
    assert list(live.updates.filter(pinned=True)) == [second]


def test_a_correction_is_shown_with_its_time_and_note(client, live, editor):
    update = live.updates.order_by("posted_at").first()
    committed(
        lambda: live_desk.edit(
            update, editor, text("Hơn 480 đại biểu vào hội trường."), "Sửa số đại biểu."
        )
    )
    update.refresh_from_db()
    body = client.get(live.url).text
    assert "Hơn 480 đại biểu vào hội trường." in body
    assert (
        f'Đã sửa lúc <time datetime="{timezone.localtime(update.corrected_at).isoformat()}' in body
    )
    assert "Sửa số đại biểu." in body


def test_a_withdrawn_update_keeps_its_place_as_a_notice_without_its_content(client, live, editor):
    update = live.updates.order_by("posted_at").first()
    committed(lambda: live_desk.remove(update, editor, "Thông tin chưa được kiểm chứng."))
    body = client.get(live.url).text
    assert "Các đại biểu bắt đầu vào hội trường." not in body
    assert "Cập nhật này đã được rút lúc" in body
    assert "Thông tin chưa được kiểm chứng." in body
    assert f'id="cap-nhat-{update.pk}"' in body


def test_the_endpoint_sends_changes_after_since_less_the_overlap(client, live, editor):
    first = changes(client, live, "2000-01-01T00:00:00+07:00")
    assert len(first["updates"]) == 2
    assert first["since"] == live_contract.stamp(live.updates.latest("changed_at").changed_at)
    assert {"id", "key", "changed", "html"} <= set(first["updates"][0])
    # An up-to-date reader gets again only what changed within the overlap: the newest.
    newest = live.updates.latest("changed_at")
    again = changes(client, live, first["since"])["updates"]
    assert [item["id"] for item in again] == [newest.anchor]
    later = timezone.now() + dt.timedelta(seconds=30)
    assert changes(client, live, live_contract.stamp(later))["updates"] == []

    posted = committed(lambda: live_desk.post(live, editor, text("Quốc hội biểu quyết.")))
    answer = changes(client, live, first["since"])
    ids = [item["id"] for item in answer["updates"]]
    assert f"cap-nhat-{posted.pk}" in ids
    assert answer["since"] == posted.changed_stamp
    item = next(i for i in answer["updates"] if i["id"] == f"cap-nhat-{posted.pk}")
    assert "Quốc hội biểu quyết." in item["html"] and item["key"] == posted.order_key


def test_edits_withdrawals_and_deletions_reach_open_pages(client, live, editor):
    since = changes(client, live, "2000-01-01T00:00:00+07:00")["since"]
    corrected, withdrawn = live.updates.order_by("posted_at")
    mine = committed(lambda: live_desk.post(live, editor, text("Gõ nhầm.")))
    committed(lambda: live_desk.edit(corrected, editor, text("Đã sửa."), "Sửa tên."))
    committed(lambda: live_desk.remove(withdrawn, editor, "Chưa kiểm chứng."))
    committed(lambda: live_desk.remove(mine, editor))  # within the grace period: deleted
    later = live_contract.stamp(
        live_contract.parse_since(since) + live_contract.OVERLAP + dt.timedelta(microseconds=1)
    )
    by_id = {item["id"]: item for item in changes(client, live, later)["updates"]}
    assert "Đã sửa lúc" in by_id[f"cap-nhat-{corrected.pk}"]["html"]
    assert "đã được rút lúc" in by_id[f"cap-nhat-{withdrawn.pk}"]["html"]
    assert "Các đại biểu" not in str(by_id)
    assert by_id[f"cap-nhat-{mine.pk}"] == {
        "id": f"cap-nhat-{mine.pk}",
        "changed": live.updates.get(pk=mine.pk).changed_stamp,
        "removed": True,
    }
    assert "Gõ nhầm." not in client.get(live.url).text


def test_the_endpoint_says_when_the_event_has_ended(client, live):
    live.ended_at = timezone.now() - dt.timedelta(minutes=1)
    live.closing_summary = "Kỳ họp bế mạc."
    live.save()
    assert changes(client, live, "2000-01-01T00:00:00+07:00")["live"] is False


def test_an_empty_live_page_gives_every_reader_the_same_since(client, section):
    page = LiveCoveragePageFactory(parent=section)
    body = client.get(page.url).text
    assert 'data-since="2000-01-01T00:00:00.000000+07:00"' in body
    assert "Chưa có cập nhật." in body


def test_a_video_and_a_legal_document_show_in_an_update(client, live, section, editor):
    video = VideoPageFactory(parent=section, title="Video: Phiên khai mạc")
    documents = LegalDocumentIndexPageFactory(parent=section.get_parent())
    decree = LegalDocumentPageFactory(parent=documents, number_symbol="68/2023/NĐ-CP")
    draft = LegalDocumentPageFactory(parent=documents, number_symbol="99/2026/NĐ-CP", live=False)
    content = [
        ("video", {"video": video}),
        ("legal_document", {"document": decree}),
        ("legal_document", {"document": draft}),
    ]
    committed(lambda: live_desk.post(live, editor, content))
    body = client.get(live.url).text
    assert '<track kind="captions"' in body and 'srclang="vi"' in body
    assert f'href="{video.url}#transcript-heading"' in body
    assert "68/2023/NĐ-CP" in body and decree.title in body and decree.url in body
    assert "99/2026/NĐ-CP" not in body  # a draft shows nothing


def test_a_restricted_document_shows_nothing(client, live, section, editor):
    documents = LegalDocumentIndexPageFactory(parent=section.get_parent())
    secret = LegalDocumentPageFactory(parent=documents, number_symbol="77/2026/NĐ-CP")
    PageViewRestriction.objects.create(page=secret, restriction_type="login")
    committed(lambda: live_desk.post(live, editor, [("legal_document", {"document": secret})]))
    assert "77/2026/NĐ-CP" not in client.get(live.url).text


# --- The page cache: only the live page and its endpoint are renewed -------------------------


@pytest.fixture
def page_cache_on(settings, monkeypatch):
    from core import page_cache

    settings.PAGE_CACHE_SECONDS = 600
    monkeypatch.setattr(page_cache, "seconds_to_midnight", lambda: 12 * 3600)


def test_posting_renews_the_live_page_and_its_endpoint_and_nothing_else(
    client, home_page, section, live, editor, page_cache_on
):
    other = SectionPageFactory(parent=home_page, title="Kinh tế", slug="kinh-te")
    ArticlePageFactory(parent=other, title="Giá lúa tăng")
    endpoint = live.url + "cap-nhat/?since=2000-01-01T00%3A00%3A00%2B07%3A00"
    for url in (home_page.url, other.url, section.url, live.url, endpoint):
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit", url

    committed(lambda: live_desk.post(live, editor, text("Quốc hội thông qua Nghị quyết.")))

    for url in (home_page.url, other.url, section.url):
        assert client.get(url)["X-Page-Cache"] == "hit", url
    page = client.get(live.url)
    assert page["X-Page-Cache"] == "miss" and "Quốc hội thông qua Nghị quyết." in page.text
    answer = client.get(endpoint)
    assert answer["X-Page-Cache"] == "miss"
    assert "Quốc hội thông qua Nghị quyết." in str(answer.json())


def test_an_unchanged_endpoint_answers_304_to_its_etag(client, live, page_cache_on):
    url = live.url + "cap-nhat/"
    since = {"since": live.since_stamp}
    first = client.get(url, since)
    assert first.status_code == 200 and first["ETag"]
    assert "max-age=2" in first["Cache-Control"]
    again = client.get(url, since, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


# --- Feeds and the API ------------------------------------------------------------------------


def test_the_feed_entry_follows_the_updates(client, live, editor):
    feed = f"/feeds/section/{live.get_parent().slug}.rss"
    assert "Phiên khai mạc chính thức bắt đầu." in client.get(feed).text
    update = live.updates.order_by("posted_at").last()
    committed(lambda: live_desk.remove(update, editor, "Giờ khai mạc chưa chính xác."))
    body = client.get(feed).text
    assert "Phiên khai mạc chính thức bắt đầu." not in body
    assert "Giờ khai mạc chưa chính xác." in body
    committed(lambda: live_desk.post(live, editor, text("Chủ tịch Quốc hội phát biểu.")))
    assert "Chủ tịch Quốc hội phát biểu." in client.get(feed).text


def test_the_api_shows_updates_but_never_withdrawn_content(client, live, editor):
    update = live.updates.order_by("posted_at").last()
    committed(lambda: live_desk.remove(update, editor, "Giờ khai mạc chưa chính xác."))
    data = client.get(f"/api/v2/pages/{live.pk}/").json()
    by_id = {item["id"]: item for item in data["updates"]}
    assert by_id[update.pk]["withdrawal_reason"] == "Giờ khai mạc chưa chính xác."
    assert by_id[update.pk]["html"].strip() == ""
    assert "Phiên khai mạc chính thức" not in str(data)
    assert any("Các đại biểu" in item["html"] for item in data["updates"])
    assert "posted_by" not in str(data) and editor.username not in str(data)
