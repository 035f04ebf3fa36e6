"""Corrections and withdrawals travel to the ~800 outlets: a corrected story's item says what was
corrected and when; a withdrawn one leaves an RFC 6721 tombstone in every Atom feed it was in for 30
days, a line in /feeds/withdrawn.atom and in /api/v2/withdrawn/, and nothing else of it."""

import datetime as dt
from xml.etree import ElementTree

from django.core.cache import cache
from django.utils import timezone

from wagtail.models import Page, PageViewRestriction

import feedparser
import pytest
import time_machine

from policy_pages.models import PolicyRelatedArticle
from syndication.changes import feeds_changed
from syndication.models import Withdrawal
from tests.factories import (
    ArticlePageFactory,
    AudioBulletinPageFactory,
    MultimediaIndexPageFactory,
    PolicyIndexPageFactory,
    PolicyPageFactory,
    SectionPageFactory,
)
from tests.syndication.feed_rules import feed_problems

ATOM = "{http://www.w3.org/2005/Atom}"
AT = "{http://purl.org/atompub/tombstones/1.0}"
SECRET_WORDS = "Nội dung riêng của bài bị gỡ"


@pytest.fixture
def story(home_page):
    section = SectionPageFactory(parent=home_page, title="Kinh tế", slug="kinh-te")
    article = ArticlePageFactory(
        parent=section,
        title="Giá lúa tăng mạnh tại Đồng bằng sông Cửu Long",
        slug="gia-lua-tang",
        sapo=f"{SECRET_WORDS}: giá lúa tăng vì nhu cầu xuất khẩu.",
    )
    article.topics.add("Nông nghiệp")
    article.save_revision().publish()
    policy = PolicyPageFactory(parent=PolicyIndexPageFactory(parent=home_page), slug="lua-gao")
    PolicyRelatedArticle.objects.create(page=policy, article=article)
    return article


def tombstones(client, url):
    root = ElementTree.fromstring(client.get(url).content)  # noqa: S314 (the portal's own output)
    return root.findall(f"{AT}deleted-entry")


def guid(page):
    return f"tag:localhost,2026:trang-{page.pk}"


def unpublish(page, capture):
    with capture(execute=True):
        page.unpublish()


def test_an_unpublished_story_leaves_a_tombstone_in_every_atom_feed_it_was_in(
    client, story, django_capture_on_commit_callbacks
):
    unpublish(story, django_capture_on_commit_callbacks)
    for url in [
        "/feeds/latest.atom",
        "/feeds/section/kinh-te.atom",
        "/feeds/topic/nong-nghiep.atom",
        "/feeds/policy/lua-gao.atom",
        "/feeds/withdrawn.atom",
    ]:
        (tombstone,) = tombstones(client, url)
        assert tombstone.get("ref") == guid(story), url
        when = dt.datetime.fromisoformat(tombstone.get("when"))
        assert abs(when - timezone.now()) < dt.timedelta(minutes=1)
        assert tombstone.find(f"{ATOM}link").get("href") == "http://localhost/kinh-te/gia-lua-tang/"
        # Its title aside, nothing of the story comes out again.
        assert story.title in tombstone.find(f"{AT}comment").text
        assert feed_problems(client.get(url).content, "http://localhost" + url) == [], url
        text = client.get(url).text
        assert SECRET_WORDS not in text
        assert "<entry><id>" + guid(story) not in text
    # Feeds that never listed it carry no tombstone of it; RSS simply drops the item.
    assert tombstones(client, "/feeds/legal-documents.atom") == []
    rss = feedparser.parse(client.get("/feeds/latest.rss").content)
    assert story.title not in [entry.title for entry in rss.entries]


def test_an_outlet_asks_the_api_what_was_withdrawn_since_a_time(
    client, story, django_capture_on_commit_callbacks
):
    before = timezone.now() - dt.timedelta(seconds=1)
    unpublish(story, django_capture_on_commit_callbacks)
    answer = client.get("/api/v2/withdrawn/", {"since": before.isoformat()}).json()
    (item,) = answer["items"]
    assert item["page_id"] == story.pk
    assert item["guid"] == guid(story)
    assert item["url"] == "http://localhost/kinh-te/gia-lua-tang/"
    assert dt.datetime.fromisoformat(item["withdrawn_at"]) >= before
    assert SECRET_WORDS not in str(answer)
    later = (timezone.now() + dt.timedelta(minutes=1)).isoformat()
    assert client.get("/api/v2/withdrawn/", {"since": later}).json()["items"] == []
    # A date alone is its midnight in Hà Nội; no `since` is the last 30 days.
    today = timezone.localdate().isoformat()
    assert len(client.get("/api/v2/withdrawn/", {"since": today}).json()["items"]) == 1
    assert len(client.get("/api/v2/withdrawn/").json()["items"]) == 1


@pytest.mark.parametrize("since", ["hôm qua", "2026-13-45", "1" * 60, "2026-12-01T25:00"])
def test_a_since_that_is_no_time_is_a_400_in_vietnamese(client, home_page, since):
    response = client.get("/api/v2/withdrawn/", {"since": since})
    assert response.status_code == 400
    assert "ISO 8601" in response.json()["message"]
    assert "phải là thời điểm" in response.json()["message"]


def test_a_story_made_private_is_withdrawn_and_comes_back_when_the_restriction_goes(
    client, story, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=story, restriction_type=PageViewRestriction.LOGIN
        )
    (tombstone,) = tombstones(client, "/feeds/section/kinh-te.atom")
    assert tombstone.get("ref") == guid(story)
    assert Withdrawal.objects.get().reason == "private"
    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert tombstones(client, "/feeds/section/kinh-te.atom") == []
    entries = feedparser.parse(client.get("/feeds/section/kinh-te.atom").content).entries
    assert [entry.id for entry in entries] == [guid(story)]


def test_a_section_made_private_withdraws_the_stories_under_it(
    client, story, django_capture_on_commit_callbacks
):
    other = ArticlePageFactory(parent=story.get_parent(), slug="tin-thu-hai")
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=story.get_parent(), restriction_type=PageViewRestriction.LOGIN
        )
    refs = {t.get("ref") for t in tombstones(client, "/feeds/latest.atom")}
    assert refs == {guid(story), guid(other)}


def test_a_story_moved_under_a_private_section_is_withdrawn(
    client, story, home_page, django_capture_on_commit_callbacks
):
    internal = SectionPageFactory(parent=home_page, slug="noi-bo")
    PageViewRestriction.objects.create(page=internal, restriction_type=PageViewRestriction.LOGIN)
    with django_capture_on_commit_callbacks(execute=True):
        story.move(internal, pos="last-child")
    (tombstone,) = tombstones(client, "/feeds/latest.atom")
    assert tombstone.get("ref") == guid(story)


def test_a_deleted_story_keeps_its_tombstone(client, story, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        story.delete()
    assert Withdrawal.objects.get(page_id=story.pk).reason == "deleted"
    (tombstone,) = tombstones(client, "/feeds/latest.atom")
    assert tombstone.get("ref") == guid(story)


def test_a_story_published_again_loses_its_tombstone(
    client, story, django_capture_on_commit_callbacks
):
    unpublish(story, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        story.save_revision().publish()
    assert tombstones(client, "/feeds/latest.atom") == []
    assert not Withdrawal.objects.exists()


def test_tombstones_leave_the_feeds_after_thirty_days_and_stay_in_the_api(
    client, story, django_capture_on_commit_callbacks
):
    unpublish(story, django_capture_on_commit_callbacks)
    with time_machine.travel(timezone.now() + dt.timedelta(days=29)):
        assert len(tombstones(client, "/feeds/latest.atom")) == 1
    with time_machine.travel(timezone.now() + dt.timedelta(days=31)):
        assert tombstones(client, "/feeds/latest.atom") == []
        assert tombstones(client, "/feeds/withdrawn.atom") == []
        since = (timezone.now() - dt.timedelta(days=40)).isoformat()
        assert len(client.get("/api/v2/withdrawn/", {"since": since}).json()["items"]) == 1


def test_what_readers_never_saw_leaves_no_tombstone(
    client, story, django_capture_on_commit_callbacks
):
    section = story.get_parent()
    private = ArticlePageFactory(parent=section, title="Tin nội bộ chưa từng công khai")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau"
    )
    Withdrawal.objects.all().delete()  # the restriction withdrew it: it was public a moment
    draft = ArticlePageFactory(parent=section, title="Bản nháp chưa đăng", live=False)
    with django_capture_on_commit_callbacks(execute=True):
        private.unpublish()
        draft.delete()
    assert not Withdrawal.objects.exists()
    text = client.get("/feeds/withdrawn.atom").text
    assert "Tin nội bộ" not in text and "Bản nháp" not in text


def test_a_withdrawal_tells_the_feeds_subscribers(story, django_capture_on_commit_callbacks):
    heard = []

    def listener(sender, names, root_url, **kwargs):
        heard.append((set(names), root_url))

    feeds_changed.connect(listener)
    try:
        unpublish(story, django_capture_on_commit_callbacks)
    finally:
        feeds_changed.disconnect(listener)
    (names, root_url) = heard[-1]
    assert {"latest", "section/kinh-te", "topic/nong-nghiep", "policy/lua-gao"} <= names
    assert root_url == "http://localhost"


def test_a_podcast_episode_withdrawn_is_tombstoned_in_its_multimedia_feed(
    client, home_page, django_capture_on_commit_callbacks
):
    episode = AudioBulletinPageFactory(parent=MultimediaIndexPageFactory(parent=home_page))
    unpublish(episode, django_capture_on_commit_callbacks)
    (tombstone,) = tombstones(client, "/feeds/multimedia/am-thanh.atom")
    assert tombstone.get("ref") == guid(episode)
    assert Withdrawal.objects.get().feeds.filter(feed="podcast").exists()


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_a_corrected_story_carries_its_dated_note_on_top_under_the_same_id(
    client, story, fmt, django_capture_on_commit_callbacks
):
    url = f"/feeds/section/kinh-te.{fmt}"
    before = feedparser.parse(client.get(url).content).entries[0]
    corrected_at = timezone.now().replace(microsecond=0) + dt.timedelta(minutes=5)
    with time_machine.travel(corrected_at + dt.timedelta(seconds=10)):
        story.corrections.create(
            corrected_at=corrected_at, text="Sửa số liệu sản lượng ở đoạn thứ hai."
        )
        with django_capture_on_commit_callbacks(execute=True):
            story.save_revision().publish()
        after = feedparser.parse(client.get(url).content).entries[0]
    assert after.id == before.id == guid(story)
    content = after.content[0].value
    assert content.index("Đính chính") < content.index("Sửa số liệu") < 200
    local = timezone.localtime(corrected_at)
    assert local.strftime("%H:%M") in content and local.strftime("%d/%m/%Y") in content
    if fmt == "atom":
        assert dt.datetime(*after.updated_parsed[:6], tzinfo=dt.UTC) > dt.datetime(
            *before.updated_parsed[:6], tzinfo=dt.UTC
        )


def test_a_private_story_moved_between_public_sections_is_not_named_anywhere(
    client, story, home_page, django_capture_on_commit_callbacks
):
    secret = ArticlePageFactory(parent=story.get_parent(), title="Kế hoạch nội bộ tuyệt mật")
    PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau"
    )
    Withdrawal.objects.all().delete()  # the restriction withdrew it: it was public a moment
    other = SectionPageFactory(parent=home_page, slug="xa-hoi")
    with django_capture_on_commit_callbacks(execute=True):
        secret.move(other, pos="last-child")
    assert not Withdrawal.objects.exists()
    assert "tuyệt mật" not in client.get("/feeds/withdrawn.atom").text


def test_a_story_moved_under_a_private_section_keeps_the_address_outlets_have(
    client, story, home_page, django_capture_on_commit_callbacks
):
    section = story.get_parent()
    hidden = SectionPageFactory(parent=home_page, slug="noi-bo-mat")
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    with django_capture_on_commit_callbacks(execute=True):
        story.move(hidden, pos="last-child")
    withdrawal = Withdrawal.objects.get()
    assert withdrawal.url == "http://localhost/kinh-te/gia-lua-tang/"
    assert "section/kinh-te" in set(withdrawal.feeds.values_list("feed", flat=True))
    (tombstone,) = tombstones(client, "/feeds/section/kinh-te.atom")
    assert "noi-bo-mat" not in client.get("/feeds/withdrawn.atom").text
    # Moved back where readers see it: out again, no tombstone.
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=story.pk).move(Page.objects.get(pk=section.pk), pos="last-child")
    assert not Withdrawal.objects.exists()
    assert tombstones(client, "/feeds/latest.atom") == []


def test_a_withdrawal_tells_the_subscribers_of_the_withdrawn_feed(
    story, django_capture_on_commit_callbacks
):
    heard = []

    def listener(sender, names, root_url, **kwargs):
        heard.append(set(names))

    feeds_changed.connect(listener)
    try:
        unpublish(story, django_capture_on_commit_callbacks)
        with django_capture_on_commit_callbacks(execute=True):
            story.save_revision().publish()
    finally:
        feeds_changed.disconnect(listener)
    assert "withdrawn" in heard[0]  # withdrawn…
    assert any("withdrawn" in names and "latest" in names for names in heard[1:])  # …and back


def test_tombstones_are_bounded_in_each_feed(client, story, django_capture_on_commit_callbacks):
    section = story.get_parent()
    stories = [ArticlePageFactory(parent=section) for _ in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=section, restriction_type="login")
    assert len(tombstones(client, "/feeds/latest.atom")) == 4
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("syndication.withdrawals.MOST_TOMBSTONES", 2)
        cache.clear()
        newest = tombstones(client, "/feeds/latest.atom")
    assert len(newest) == 2
    assert {t.get("ref") for t in newest} <= {guid(page) for page in [story, *stories]}
    assert len(client.get("/api/v2/withdrawn/").json()["items"]) == 4


@pytest.mark.parametrize("since", ["0001-01-01", "9999-12-31T23:59:59"])
def test_a_since_beyond_any_date_kept_is_a_400(client, home_page, since):
    assert client.get("/api/v2/withdrawn/", {"since": since}).status_code == 400
