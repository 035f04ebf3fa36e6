"""What the ~800 outlets read: RSS and Atom that a feed reader parses cleanly, with the full text,
bylines, categories, the lead photo's credit and the media file, answered 304 when nothing changed,
and never anything unpublished, private or personal."""

import datetime as dt
import gzip
import re
from xml.etree import ElementTree

from django.core.cache import cache
from django.utils import timezone

from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

import feedparser
import pytest
import time_machine

from core.models import SiteSettings
from newsroom.models import Topic
from policy_pages.models import Answer, PolicyLegalDocument, PolicyRelatedArticle
from tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
    IssuingBodyFactory,
    LegalDocumentPageFactory,
    PortalImageFactory,
    SubmissionFactory,
    milestone,
)
from tests.helpers import count_queries, hidden_stories

HANOI = dt.timedelta(hours=7)
FEED_FIELDS = ("id", "title", "link", "summary", "published", "content")


def read(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, (url, response.status_code)
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, (url, parsed.get("bozo_exception"))
    return parsed


def without_tombstones(text):
    """A feed's text without its RFC 6721 tombstones: the stories withdrawn after they were out
    (public, then unpublished or made private) are named there, and only there
    (tests/syndication/test_withdrawals.py)."""
    return re.sub(r"<at:deleted-entry .*?</at:deleted-entry>", "", text, flags=re.S)


def every_feed_url(client, suffixes=(".rss", ".atom")):
    """Every RSS and Atom address /feeds/ lists (ninjs: test_ninjs.py)."""
    html = client.get("/feeds/").text
    urls = {part.split('"', 1)[0].replace("&amp;", "&") for part in html.split('href="/feeds/')[1:]}
    return sorted(url for url in urls if url.split("?")[0].endswith(suffixes))


def test_every_listed_feed_parses_cleanly_and_each_item_has_what_outlets_republish(
    client, newsroom
):
    urls = every_feed_url(client)
    for expected in [
        "latest.rss",
        "latest.atom",
        "section/thoi-su.rss",
        "topic/chuyen-doi-so.atom",
        "policy/chinh-sach-so.rss",
        "legal-documents.rss",
        "multimedia/video.atom",
        "podcast.rss",
    ]:
        assert expected in urls
    for url in urls:
        parsed = read(client, "/feeds/" + url)
        if url.split("?")[0].endswith(".rss"):
            assert parsed.feed.language == "vi"
        else:
            assert parsed.feed.author  # Atom: the agency stands for items with no byline
        if url != "withdrawn.atom":  # tombstones only (test_withdrawals.py)
            assert parsed.entries, url
        for entry in parsed.entries:
            for name in FEED_FIELDS:
                assert entry.get(name), (url, entry.get("link"), name)


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_an_article_item_carries_full_text_bylines_categories_time_and_credited_photo(
    client, newsroom, fmt
):
    article = newsroom["article"]
    image = article.image
    image.caption, image.credit = "Phiên họp Chính phủ sáng nay", "VGP/Đỗ Minh Khôi"
    image.save()
    parsed = read(client, f"/feeds/latest.{fmt}")
    entry = next(e for e in parsed.entries if e.link == article.get_full_url())
    # Its id is the page's, not its address: a new slug does not make it a new story.
    assert entry.id == f"tag:localhost,2026:trang-{article.pk}"
    assert entry.title == "Chính phủ thông qua đề án chuyển đổi số quốc gia"
    assert item_element(client, f"/feeds/latest.{fmt}", article, "description") == article.sapo
    body = entry.content[0].value
    assert 'href="http://localhost/thoi-su/"' in body  # links made absolute for other sites
    assert 'src="http://localhost/' in body and 'src="/' not in body
    assert "Toàn cảnh phiên họp - Ảnh 2" in body
    assert [a.name for a in entry.authors] == ["Minh Anh", "Đức Tâm"]
    assert {tag.term for tag in entry.tags} == {"Thời sự", "Chuyển đổi số"}
    published = dt.datetime.fromisoformat(
        parsed_time(client, f"/feeds/latest.{fmt}", article.get_full_url(), fmt)
    )
    assert published.utcoffset() == HANOI
    assert abs(published - article.first_published_at) < dt.timedelta(seconds=1)
    photo = entry.media_content[0]
    assert photo["medium"] == "image" and photo["url"].startswith("http://localhost/")
    assert entry.media_credit[0]["content"] == "VGP/Đỗ Minh Khôi"
    assert "Phiên họp Chính phủ sáng nay" in client.get(f"/feeds/latest.{fmt}").text


def item_element(client, url, page, name):
    """The text of one element of a page's item, read as XML (feedparser takes Media RSS's
    caption for the summary)."""
    root = ElementTree.fromstring(client.get(url).content)  # noqa: S314 (the portal's own output)
    if root.tag == "rss":
        item = next(i for i in root.iter("item") if i.findtext("link") == page.get_full_url())
        return item.findtext(name)
    atom = "{http://www.w3.org/2005/Atom}"
    entry = next(
        e
        for e in root.iter(f"{atom}entry")
        if e.find(f"{atom}link").get("href") == page.get_full_url()
    )
    return entry.findtext(atom + {"description": "summary"}.get(name, name))


def parsed_time(client, url, link, fmt):
    """The item's publication time exactly as written (feedparser keeps only UTC)."""
    text = client.get(url).text
    item = text[text.index(f"{link}<") :] if fmt == "rss" else text[text.index(f'href="{link}"') :]
    tag = "pubDate" if fmt == "rss" else "published"
    raw = item.split(f"<{tag}>", 1)[1].split("<", 1)[0]
    if fmt == "rss":
        return dt.datetime.strptime(raw, "%a, %d %b %Y %H:%M:%S %z").isoformat()
    return raw


def test_feeds_hold_the_fifty_newest_items_newest_first(client, section):
    for n in range(53):
        ArticlePageFactory(
            parent=section,
            title=f"Tin số {n}",
            first_published_at=timezone.now() - dt.timedelta(minutes=n),
        )
    titles = [e.title for e in read(client, "/feeds/section/thoi-su.rss").entries]
    assert titles == [f"Tin số {n}" for n in range(50)]


def test_a_fresh_feed_costs_the_same_queries_for_five_items_as_for_fifty(client, section):
    """Built cold (no entry kept), a feed reads each relation, each model its bodies refer to
    and the photos' renditions once for all its items, not once an item."""

    def add(count, start):
        for n in range(start, start + count):
            story = ArticlePageFactory(
                parent=section,
                slug=f"tin-anh-{n}",
                authors=[AuthorFactory(name=f"Phóng viên {n}")],
                image=PortalImageFactory(title=f"Ảnh {n}"),
            )
            story.body = [
                ("image", {"image": PortalImageFactory(), "caption": "", "display": ""}),
                (
                    "paragraph",
                    RichText(f'<p>Xem <a linktype="page" id="{section.pk}">mục</a> {n}.</p>'),
                ),
            ]
            story.topics.add(f"Chủ đề {n}")
            story.save()

    def cold_queries():
        cache.clear()
        return count_queries(client, "/feeds/section/thoi-su.rss")

    add(5, 0)
    cold_queries()  # the photos' sizes are made once, as on any portal
    five = cold_queries()
    add(45, 5)
    cold_queries()
    assert cold_queries() <= five + 2


def test_the_podcast_feed_has_itunes_tags_and_enclosures_with_length_and_type(client, newsroom):
    audio = newsroom["audio"]
    parsed = read(client, "/feeds/podcast.rss")
    assert "<itunes:explicit>false</itunes:explicit>" in client.get("/feeds/podcast.rss").text
    assert parsed.feed.image.href.endswith(".png")
    assert parsed.feed.tags[0].term == "Government"
    [entry] = parsed.entries
    assert entry.link == audio.get_full_url()
    [enclosure] = entry.enclosures
    assert enclosure.href == "http://localhost" + audio.media.url
    assert enclosure.type == "audio/mpeg"
    assert int(enclosure.length) == audio.media.file.size == 64
    assert entry.itunes_duration == "125"
    assert "Xin chào quý vị và các bạn" in entry.content[0].value  # the transcript


def test_video_items_carry_their_file_and_each_kind_has_its_own_feed(client, newsroom):
    video = read(client, "/feeds/multimedia/video.rss")
    [entry] = video.entries
    assert entry.enclosures[0].type == "video/mp4"
    photos = read(client, "/feeds/multimedia/anh.atom")
    assert [e.link for e in photos.entries] == [newsroom["photos"].get_full_url()]
    assert photos.entries[0].content[0].value.count("<figure") == 3
    assert client.get("/feeds/multimedia/khong-co.rss").status_code == 404


def test_the_document_feed_narrows_by_type_and_issuer_and_ignores_anything_else(client, newsroom):
    documents = newsroom["document"].get_parent()
    ministry = IssuingBodyFactory(name="Bộ Tài chính")
    circular = LegalDocumentPageFactory(
        parent=documents,
        title="Thông tư hướng dẫn quản lý thuế",
        number_symbol="80/2024/TT-BTC",
        document_type="thong-tu",
        issuing_body=ministry,
    )
    all_titles = {e.title for e in read(client, "/feeds/legal-documents.rss").entries}
    assert all_titles == {circular.title, newsroom["document"].title}
    by_type = read(client, "/feeds/legal-documents.rss?loai=thong-tu")
    assert [e.title for e in by_type.entries] == [circular.title]
    assert "Thông tư" in by_type.feed.title
    by_issuer = read(client, f"/feeds/legal-documents.atom?co-quan={ministry.slug}")
    assert [e.title for e in by_issuer.entries] == [circular.title]
    item = by_type.entries[0].content[0].value
    assert "80/2024/TT-BTC" in item and "Bộ Tài chính" in item
    odd = read(client, "/feeds/legal-documents.rss?loai=<script>&co-quan=%00&nam=99999")
    assert {e.title for e in odd.entries} == all_titles


def test_following_a_policy_gives_its_milestones_documents_answers_and_news(
    client, newsroom, django_capture_on_commit_callbacks
):
    policy, document = newsroom["policy"], newsroom["document"]
    today = timezone.localdate()
    milestone(policy, "soan-thao", today - dt.timedelta(days=40), note="Ban soạn thảo họp lần đầu.")
    milestone(policy, "thong-qua", today + dt.timedelta(days=5), legal_document=document)
    PolicyLegalDocument.objects.create(page=policy, document=document, role="ban-hanh")
    PolicyRelatedArticle.objects.create(page=policy, article=newsroom["article"])
    question = SubmissionFactory(
        policy=policy,
        kind="hoi-dap",
        status="da-duyet",
        name="Trần Thị Hoa",
        email="hoa.tran.4471@example.vn",
        body="Hộ kinh doanh có được hưởng chính sách này không?",
    )
    question.answer = Answer.objects.create(
        policy=policy, outcome="tra-loi", explanation="Có, từ ngày nghị định có hiệu lực."
    )
    question.save()
    policy.save_revision().publish()
    parsed = read(client, "/feeds/policy/chinh-sach-so.rss")
    titles = [e.title for e in parsed.entries]
    assert any("Soạn thảo" in t for t in titles)
    assert not any("Thông qua" in t for t in titles)  # dated ahead: not yet
    assert document.title in titles and newsroom["article"].title in titles
    answer = next(e for e in parsed.entries if "Hộ kinh doanh" in e.title)
    assert "Có, từ ngày nghị định có hiệu lực." in answer.content[0].value
    text = client.get("/feeds/policy/chinh-sach-so.rss").text
    assert "hoa.tran.4471" not in text and "Trần Thị Hoa" not in text
    with time_machine.travel(timezone.now() + dt.timedelta(days=6)):
        later = [e.title for e in read(client, "/feeds/policy/chinh-sach-so.rss").entries]
    assert any("Thông qua" in t for t in later)  # the milestone joins on its day
    with django_capture_on_commit_callbacks(execute=True):
        question.delete()  # say, at the sender's request
    assert "Hộ kinh doanh" not in client.get("/feeds/policy/chinh-sach-so.rss").text


def test_a_conditional_request_gets_304_with_no_body_and_a_change_gets_a_new_etag(
    client, newsroom, django_capture_on_commit_callbacks
):
    first = client.get("/feeds/latest.rss")
    assert first["Content-Type"] == "application/rss+xml; charset=utf-8"
    assert "max-age=60" in first["Cache-Control"] and "public" in first["Cache-Control"]
    etag, modified = first["ETag"], first["Last-Modified"]
    again = client.get("/feeds/latest.rss", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag
    since = client.get("/feeds/latest.rss", HTTP_IF_MODIFIED_SINCE=modified)
    assert since.status_code == 304
    with django_capture_on_commit_callbacks(execute=True):
        fresh = ArticlePageFactory(parent=newsroom["article"].get_parent(), title="Tin mới")
        fresh.unpublish()
        fresh.save_revision()  # a draft changes no feed
    assert client.get("/feeds/latest.rss", HTTP_IF_NONE_MATCH=etag).status_code == 304
    with django_capture_on_commit_callbacks(execute=True):
        fresh.save_revision().publish()
    changed = client.get("/feeds/latest.rss", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert "Tin mới" in changed.text


def test_a_rebuild_that_changes_nothing_in_a_feed_keeps_its_date_for_if_modified_since(
    client, newsroom, django_capture_on_commit_callbacks
):
    first = client.get("/feeds/multimedia/video.rss")
    with django_capture_on_commit_callbacks(execute=True):
        newsroom["article"].save_revision().publish()  # every feed is rebuilt; this one is alike
    again = client.get("/feeds/multimedia/video.rss", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 304


def test_a_picture_missing_from_storage_leaves_the_item_without_it_not_the_feed_broken(
    client, newsroom
):
    image = newsroom["article"].image
    image.renditions.all().delete()
    image.file.storage.delete(image.file.name)
    parsed = read(client, "/feeds/latest.rss")
    entry = next(e for e in parsed.entries if e.link == newsroom["article"].get_full_url())
    assert "media_content" not in entry
    assert client.get(newsroom["article"].url).status_code == 200  # nor the page itself


def test_feeds_are_gzipped_for_readers_that_ask(client, newsroom):
    response = client.get("/feeds/latest.atom", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert feedparser.parse(gzip.decompress(response.content)).entries


def test_a_cached_feed_costs_no_query_and_is_refreshed_by_publish_unpublish_and_edits(
    client, newsroom, django_capture_on_commit_callbacks
):
    def committed(change):
        with django_capture_on_commit_callbacks(execute=True):
            change()

    article = newsroom["article"]
    client.get("/feeds/latest.rss")
    assert count_queries(client, "/feeds/latest.rss") == 0
    committed(article.unpublish)
    assert article.title not in client.get("/feeds/latest.rss").text
    article.title = "Đề án chuyển đổi số được điều chỉnh"
    committed(lambda: article.save_revision().publish())
    assert "Đề án chuyển đổi số được điều chỉnh" in client.get("/feeds/latest.rss").text
    image = article.image
    image.credit = "TTXVN/Vũ Đình Lộc"
    committed(image.save)
    assert "TTXVN/Vũ Đình Lộc" in client.get("/feeds/latest.rss").text
    settings = SiteSettings.for_site(newsroom["home"].get_site())
    settings.site_name = "Cổng Thông tin Thử nghiệm"
    committed(settings.save)
    assert "Cổng Thông tin Thử nghiệm" in read(client, "/feeds/latest.atom").feed.title


def test_nothing_unpublished_scheduled_private_or_personal_is_in_any_feed(
    client, newsroom, django_capture_on_commit_callbacks
):
    section = newsroom["article"].get_parent()
    hidden = hidden_stories(section)
    SubmissionFactory(policy=newsroom["policy"], status="da-duyet", email="bi-mat.9931@example.vn")
    everything = "".join(
        without_tombstones(client.get("/feeds/" + url).text) for url in every_feed_url(client)
    )
    for slug in hidden:
        assert f"/{slug}/" not in everything, slug
    assert "bi-mat.9931" not in everything
    assert client.get("/feeds/section/khong-co.rss").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=newsroom["policy"], restriction_type="login")
    assert client.get("/feeds/policy/chinh-sach-so.rss").status_code == 404


def test_control_characters_in_a_caption_do_not_break_the_feed(client, newsroom):
    image = newsroom["article"].image
    # (NUL aside: PostgreSQL refuses to store it.)
    image.caption = "Chú thích\x01 có\x0b ký tự điều khiển\x1f\ufffe"
    image.save()
    link = newsroom["article"].get_full_url()
    entry = next(e for e in read(client, "/feeds/latest.rss").entries if e.link == link)
    assert entry.media_content
    assert "Chú thích có ký tự điều khiển" in client.get("/feeds/latest.atom").text


def test_every_page_links_the_feeds_that_follow_it(client, newsroom):
    article = newsroom["article"]
    html = client.get(article.url).text
    head = html.split("</head>", 1)[0]
    assert '<link rel="alternate" type="application/rss+xml"' in head
    for url in [
        "/feeds/latest.rss",
        "/feeds/section/thoi-su.rss",
        "/feeds/topic/chuyen-doi-so.atom",
    ]:
        assert f'href="{url}"' in head
    policy_head = client.get(newsroom["policy"].url).text.split("</head>", 1)[0]
    assert 'href="/feeds/policy/chinh-sach-so.rss"' in policy_head
    audio_head = client.get(newsroom["audio"].url).text.split("</head>", 1)[0]
    assert 'href="/feeds/podcast.rss"' in audio_head
    topic = Topic.objects.get(name="Chuyển đổi số")
    topic_head = client.get(topic.get_absolute_url()).text.split("</head>", 1)[0]
    assert 'href="/feeds/topic/chuyen-doi-so.rss"' in topic_head


def test_the_feed_list_shows_every_feed_and_the_reuse_terms(client, newsroom):
    settings = SiteSettings.for_site(newsroom["home"].get_site())
    settings.reuse_terms = "Đăng lại phải ghi rõ nguồn và dẫn đường link về bài gốc."
    settings.save()
    response = client.get("/feeds/")
    assert response.status_code == 200
    assert "Đăng lại phải ghi rõ nguồn" in response.text
    for url in ["section/thoi-su.rss", "policy/chinh-sach-so.atom", "podcast.rss"]:
        assert f'href="/feeds/{url}"' in response.text
    assert "legal-documents.rss?loai=nghi-dinh" in response.text


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/latest.xml",
        "/feeds/topic/khong-co-chu-de.rss",
        "/feeds/policy/khong-co.atom",
        "/feeds/podcast.atom",
    ],
)
def test_unknown_feeds_are_404(client, newsroom, url):
    assert client.get(url).status_code == 404


def test_feeds_refuse_writes(client, newsroom):
    assert client.post("/feeds/latest.rss").status_code == 405


@pytest.fixture
def feed_key(rf):
    """The cache key of /feeds/latest.rss."""
    from syndication import views

    request = rf.get("/feeds/latest.rss")
    return views._cache_key(request, "latest", "rss", {}, "")


def test_a_feed_another_request_is_building_is_waited_for_not_built_twice(
    client, newsroom, feed_key, monkeypatch
):
    """After a publication the outlets ask at once: one request builds, the others wait."""
    import threading

    from django.core.cache import cache

    from core import cache_tags
    from syndication import render as feed_render

    def second_build(*args, **kwargs):
        raise AssertionError("the feed was built a second time")

    monkeypatch.setattr(feed_render, "render", second_build)
    cache.add(f"{feed_key}:building", 1, 10)
    built = {"body": b"<rss>built by the other request</rss>", "etag": '"abc"', "modified": 0}
    stamp = cache_tags.clock()
    threading.Timer(0.2, lambda: cache_tags.store(feed_key, stamp, 60, {"all"}, **built)).start()
    assert client.get("/feeds/latest.rss").content == built["body"]


def test_a_feed_whose_builder_died_is_built_after_a_short_wait(
    client, newsroom, feed_key, monkeypatch
):
    from django.core.cache import cache

    from syndication import views

    monkeypatch.setattr(views, "BUILD_WAIT_SECONDS", 0.2)
    cache.add(f"{feed_key}:building", 1, 10)
    titles = [entry.title for entry in read(client, "/feeds/latest.rss").entries]
    assert newsroom["article"].title in titles


def test_after_a_publication_only_the_new_story_is_rendered_again(
    client, newsroom, django_capture_on_commit_callbacks, monkeypatch
):
    """Rendering fifty full texts is most of a feed's cost; the others' entries are kept."""
    from syndication import entries

    rendered = []
    render_body = entries.render_body
    monkeypatch.setattr(
        entries, "render_body", lambda page: rendered.append(page.pk) or render_body(page)
    )
    client.get("/feeds/latest.rss")
    assert len(rendered) > 3
    rendered.clear()
    story = ArticlePageFactory(  # a new draft: never published before
        parent=newsroom["article"].get_parent(),
        title="Tin mới nhất",
        slug="tin-moi",
        live=False,
        first_published_at=None,
    )
    with django_capture_on_commit_callbacks(execute=True):
        story.save_revision().publish()
    assert "Tin mới nhất" in client.get("/feeds/latest.rss").text
    assert rendered == [story.pk]
    rendered.clear()
    with django_capture_on_commit_callbacks(execute=True):
        newsroom["photos"].unpublish()  # shown by its own entry only: nothing to render again
    assert newsroom["photos"].title not in client.get("/feeds/latest.rss").text
    assert rendered == []
    author = newsroom["article"].authors[0]
    author.name = "Trần Minh Đức"
    with django_capture_on_commit_callbacks(execute=True):
        author.save()  # a byline: the entries that show it, and only those, again
    assert "Trần Minh Đức" in client.get("/feeds/latest.rss").text
    assert newsroom["article"].pk in rendered and story.pk not in rendered


def test_with_the_cache_down_a_feed_is_built_at_once_without_waiting(client, newsroom, monkeypatch):
    """django-redis answers add() with None when Redis does not answer: nobody holds the lock."""
    from django.core.cache import cache

    from syndication import views

    monkeypatch.setattr(cache, "add", lambda *args, **kwargs: None)

    def no_wait(seconds):
        raise AssertionError("waited for a builder that cannot exist")

    monkeypatch.setattr(views.time, "sleep", no_wait)
    assert newsroom["article"].title in client.get("/feeds/latest.rss").text
