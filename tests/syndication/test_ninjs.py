"""What newsrooms' systems read: every feed as IPTC ninjs 2.4, each item valid against the
published schema, with bylines, subjects, the lead photo's credit and the terms of reuse, a new
version when a story is republished, a withdrawn story marked so with nothing else of it, and
never anything unpublished, scheduled or private."""

import datetime as dt
import gzip
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest
import time_machine
from jsonschema import Draft202012Validator, FormatChecker

from core.models import SiteSettings
from syndication.models import Withdrawal
from tests.factories import ArticlePageFactory
from tests.helpers import count_queries, hidden_stories
from tests.syndication.test_feeds import every_feed_url

SCHEMA = json.loads(
    (Path(__file__).parent / "schemas" / "ninjs-schema_2.4.json").read_text(encoding="utf-8")
)
RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")
# jsonschema checks `date-time` and `uri` only with optional packages; these two say the same
# without them, so a malformed time or address fails the test rather than passing unchecked.
FORMATS = FormatChecker(formats=())


@FORMATS.checks("date-time")
def is_date_time(value):
    return bool(RFC3339.fullmatch(value))


@FORMATS.checks("uri")
def is_uri(value):
    return bool(urlsplit(value).scheme) and not any(char.isspace() for char in value)


VALIDATOR = Draft202012Validator(SCHEMA, format_checker=FORMATS)


def read(client, url):
    """The feed document at `url`, its items each checked against the ninjs schema."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    document = json.loads(response.content)
    assert set(document) == {"title", "link", "updated", "rights", "items"}, url
    for item in document["items"]:
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(item)]
        assert not errors, (url, item["uri"], errors)
    return document


def item_of(document, page):
    uri = f"tag:localhost,2026:trang-{page.pk}"
    return next(item for item in document["items"] if item["uri"] == uri)


def committed(django_capture_on_commit_callbacks, change):
    with django_capture_on_commit_callbacks(execute=True):
        change()


def test_every_feed_the_feed_list_offers_has_a_valid_ninjs_form(client, newsroom):
    urls = every_feed_url(client, (".ninjs.json",))
    for expected in [
        "latest.ninjs.json",
        "section/thoi-su.ninjs.json",
        "topic/chuyen-doi-so.ninjs.json",
        "policy/chinh-sach-so.ninjs.json",
        "legal-documents.ninjs.json",
        "legal-documents.ninjs.json?loai=nghi-dinh",
        "multimedia/video.ninjs.json",
    ]:
        assert expected in urls
    assert not any(url.startswith("podcast") for url in urls)  # podcast apps read RSS
    for url in urls:
        document = read(client, "/feeds/" + url)
        assert document["items"], url
        for item in document["items"]:
            assert item["pubstatus"] == "usable" and item["language"] == "vi"
            assert item["headlines"][0]["value"] and item["bodies"][0]["value"], item["uri"]
            assert item["renditions"][0]["href"].startswith("http://localhost/")


def test_an_article_item_carries_bylines_subjects_the_photo_credit_and_the_reuse_terms(
    client, newsroom
):
    settings = SiteSettings.for_site(newsroom["home"].get_site())
    settings.reuse_terms = "Đăng lại phải ghi rõ nguồn Chinhphu.vn và giữ tên tác giả, nguồn ảnh."
    settings.save()
    article = newsroom["article"]
    image = article.image
    image.caption, image.credit = "Phiên họp Chính phủ sáng nay", "VGP/Đỗ Minh Khôi"
    image.save()
    document = read(client, "/feeds/latest.ninjs.json")
    assert document["rights"] == settings.reuse_terms
    item = item_of(document, article)
    assert item["type"] == "text" and item["representationtype"] == "full"
    assert item["headlines"] == [
        {"role": "main", "value": "Chính phủ thông qua đề án chuyển đổi số quốc gia"}
    ]
    assert item["descriptions"][0]["value"] == article.sapo
    body = item["bodies"][0]
    assert body["contenttype"] == "text/html"
    assert 'href="http://localhost/thoi-su/"' in body["value"]  # addresses absolute
    assert item["by"] == "Minh Anh - Đức Tâm"
    assert [person["name"] for person in item["people"]] == ["Minh Anh", "Đức Tâm"]
    assert item["subjects"] == [
        {"name": "Thời sự", "rel": "section"},
        {"name": "Chuyển đổi số", "rel": "topic"},
    ]
    assert item["renditions"][0]["href"] == article.get_full_url()
    first = dt.datetime.fromisoformat(item["firstcreated"])
    assert first.utcoffset() == dt.timedelta(hours=7)
    assert abs(first - article.first_published_at) < dt.timedelta(seconds=1)
    assert item["usageterms"] == settings.reuse_terms
    assert item["rightsinfo"]["linkedrights"] == "http://localhost/feeds/#dieu-kien"
    [photo] = item["associations"]
    assert photo["type"] == "picture"
    assert photo["by"] == "VGP/Đỗ Minh Khôi"
    assert photo["usageterms"] == settings.reuse_terms
    assert {"role": "caption", "contenttype": "text/plain", "value": image.caption} in photo[
        "descriptions"
    ]
    [largest] = photo["renditions"]
    assert largest["contenttype"] == "image/jpeg" and largest["href"].endswith(".jpg")
    assert largest["width"] > 0 and largest["height"] > 0
    # The reuse terms are where the item's rights link points.
    assert "Đăng lại phải ghi rõ nguồn Chinhphu.vn" in client.get("/feeds/").text


def test_audio_video_photo_and_document_items_say_what_they_are(client, newsroom):
    document = read(client, "/feeds/latest.ninjs.json")
    audio = item_of(document, newsroom["audio"])
    assert audio["type"] == "audio"
    media = next(r for r in audio["renditions"] if r["name"] == "media")
    assert media["href"] == "http://localhost" + newsroom["audio"].media.url
    assert media["contenttype"] == "audio/mpeg"
    assert media["sizeinbytes"] == 64 and media["duration"] == 125
    video = item_of(document, newsroom["video"])
    assert video["type"] == "video"
    assert any(r["contenttype"] == "video/mp4" for r in video["renditions"])
    assert item_of(document, newsroom["photos"])["type"] == "composite"
    assert item_of(document, newsroom["infographic"])["type"] == "graphic"
    decree = item_of(document, newsroom["document"])
    issued = dt.datetime.fromisoformat(decree["contentcreated"])
    assert issued.date() == newsroom["document"].issued_on


def test_a_republished_story_has_a_new_version_and_version_time_and_the_same_id(
    client, newsroom, django_capture_on_commit_callbacks
):
    article = newsroom["article"]
    committed(django_capture_on_commit_callbacks, lambda: article.save_revision().publish())
    before = item_of(read(client, "/feeds/section/thoi-su.ninjs.json"), article)
    with time_machine.travel(timezone.now() + dt.timedelta(hours=2)):
        article.title = "Chính phủ thông qua đề án chuyển đổi số quốc gia (cập nhật)"
        committed(django_capture_on_commit_callbacks, lambda: article.save_revision().publish())
        after = item_of(read(client, "/feeds/section/thoi-su.ninjs.json"), article)
    assert after["uri"] == before["uri"]
    assert int(after["version"]) > int(before["version"])
    assert after["versioncreated"] > before["versioncreated"]
    assert after["firstcreated"] == before["firstcreated"]
    assert after["headlines"][0]["value"].endswith("(cập nhật)")


def withdraw(page, capture):
    """Unpublish `page`, committed: its withdrawal is recorded (syndication/withdrawals.py)."""
    committed(capture, page.unpublish)
    return Withdrawal.objects.get(page_id=page.pk)


def test_a_withdrawn_story_is_canceled_with_nothing_but_its_id_headline_and_time(
    client, newsroom, django_capture_on_commit_callbacks
):
    article, video = newsroom["article"], newsroom["video"]
    withdrawal = withdraw(article, django_capture_on_commit_callbacks)
    old = withdraw(video, django_capture_on_commit_callbacks)
    old.withdrawn_at = timezone.now() - dt.timedelta(days=31)
    old.save()
    latest = read(client, "/feeds/latest.ninjs.json")
    [withdrawn] = [item for item in latest["items"] if item["pubstatus"] != "usable"]
    assert withdrawn == {
        "uri": withdrawal.guid,
        "pubstatus": "canceled",
        "versioncreated": timezone.localtime(withdrawal.withdrawn_at).isoformat("T", "seconds"),
        "headlines": [{"role": "main", "value": article.title}],
    }
    text = client.get("/feeds/latest.ninjs.json").text
    assert "Toàn cảnh phiên họp" not in text  # its text, its address: gone
    assert article.get_full_url() not in text
    section_items = read(client, "/feeds/section/thoi-su.ninjs.json")["items"]
    assert [item["uri"] for item in section_items] == [withdrawal.guid]
    # Only in the feeds it was in, and for 30 days.
    assert withdrawal.guid not in client.get("/feeds/multimedia/anh.ninjs.json").text
    assert read(client, "/feeds/multimedia/video.ninjs.json")["items"] == []


def test_a_story_published_again_after_its_withdrawal_is_usable_again(
    client, newsroom, django_capture_on_commit_callbacks
):
    article = newsroom["article"]
    withdraw(article, django_capture_on_commit_callbacks)
    committed(django_capture_on_commit_callbacks, lambda: article.save_revision().publish())
    items = read(client, "/feeds/latest.ninjs.json")["items"]
    mine = [item for item in items if item["uri"].endswith(f":trang-{article.pk}")]
    assert [item["pubstatus"] for item in mine] == ["usable"]


def test_nothing_draft_scheduled_or_private_is_in_any_ninjs_feed(
    client, newsroom, django_capture_on_commit_callbacks
):
    hidden = hidden_stories(newsroom["article"].get_parent())
    urls = every_feed_url(client, (".ninjs.json",))
    items = [item for url in urls for item in read(client, "/feeds/" + url)["items"]]
    everything = json.dumps(items, ensure_ascii=False)
    for slug, page in hidden.items():
        assert f"/{slug}/" not in everything, slug
        named = [item for item in items if item["uri"].endswith(f":trang-{page.pk}")]
        if slug in ("tin-noi-bo", "tin-da-go"):
            # Out once, then made private or unpublished: only as canceled, nothing but its
            # id, headline and time (test_a_withdrawn_story_is_canceled_…).
            assert {item["pubstatus"] for item in named} == {"canceled"}, slug
        else:  # never out: nowhere
            assert not named and page.title not in everything, slug
    committed(
        django_capture_on_commit_callbacks,
        lambda: PageViewRestriction.objects.create(
            page=newsroom["policy"], restriction_type=PageViewRestriction.LOGIN
        ),
    )
    assert client.get("/feeds/policy/chinh-sach-so.ninjs.json").status_code == 404


def test_a_matching_etag_gets_304_and_a_warm_feed_costs_no_query(
    client, newsroom, django_capture_on_commit_callbacks
):
    first = client.get("/feeds/latest.ninjs.json")
    assert "max-age=60" in first["Cache-Control"] and "public" in first["Cache-Control"]
    again = client.get("/feeds/latest.ninjs.json", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    since = client.get("/feeds/latest.ninjs.json", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    assert count_queries(client, "/feeds/latest.ninjs.json") == 0
    zipped = client.get("/feeds/latest.ninjs.json", HTTP_ACCEPT_ENCODING="gzip")
    assert json.loads(gzip.decompress(zipped.content))["items"]
    story = ArticlePageFactory(
        parent=newsroom["article"].get_parent(),
        title="Tin mới",
        live=False,
        first_published_at=None,
    )
    committed(django_capture_on_commit_callbacks, lambda: story.save_revision().publish())
    changed = client.get("/feeds/latest.ninjs.json", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and "Tin mới" in changed.text


@pytest.mark.parametrize(
    "url", ["/feeds/podcast.ninjs.json", "/feeds/latest.json", "/feeds/topic/khong-co.ninjs.json"]
)
def test_unknown_ninjs_feeds_are_404(client, newsroom, url):
    assert client.get(url).status_code == 404
