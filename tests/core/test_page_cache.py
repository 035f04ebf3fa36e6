"""Anonymous readers get whole pages from the shared cache, never stale after a publication,
never with another reader's token, and editors never get a cached page."""

import datetime as dt
import gzip

from django.conf import settings as django_settings
from django.http import HttpResponse
from django.test import Client

import pytest
import time_machine

from core import cache_tags, tag_clock
from core.page_cache import PageCacheMiddleware
from newsroom.models import Author
from tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
    PolicyIndexPageFactory,
    PolicyPageFactory,
    SectionPageFactory,
    milestone,
)
from tests.helpers import count_queries, member_of

pytestmark = pytest.mark.usefixtures("page_cache_on")


@pytest.fixture
def section(home_page):
    return SectionPageFactory(parent=home_page, title="Kinh tế", slug="kinh-te")


@pytest.fixture
def article(section):
    return ArticlePageFactory(
        parent=section,
        title="Xuất khẩu nông sản tăng mạnh trong quý ba",
        slug="xuat-khau-nong-san",
        authors=[AuthorFactory(name="Hoàng Lan")],
    )


def test_a_second_anonymous_view_is_served_from_the_cache_with_no_query(
    client, article, far_from_midnight
):
    first = client.get(article.url)
    assert first["X-Page-Cache"] == "miss"
    assert count_queries(client, article.url) == 0
    second = client.get(article.url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert "s-maxage=600" in second["Cache-Control"]


def test_a_cached_page_goes_compressed_to_readers_who_accept_gzip(client, article):
    plain = client.get(article.url).content
    zipped = client.get(article.url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert zipped["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped["Vary"]
    assert gzip.decompress(zipped.content) == plain
    assert len(zipped.content) < len(plain) / 3


def test_a_cached_page_is_answered_304_to_its_etag(client, article):
    etag = client.get(article.url)["ETag"]
    response = client.get(article.url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""


def test_publishing_a_story_refreshes_home_and_its_section_at_once(
    client, home_page, section, article, committed
):
    for url in (home_page.url, section.url):
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit"
    newer = ArticlePageFactory(
        parent=section, title="Giá lúa gạo ổn định", slug="gia-lua-gao", live=False
    )
    committed(lambda: newer.save_revision().publish())
    for url in (home_page.url, section.url):
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss"
        assert "Giá lúa gạo ổn định" in response.text


def test_a_withdrawn_story_vanishes_from_its_page_and_listings_at_once(
    client, section, article, committed
):
    for url in (article.url, section.url):
        client.get(url)
    assert client.get(article.url).status_code == 200
    committed(article.unpublish)
    assert client.get(article.url).status_code == 404
    assert article.title not in client.get(section.url).text


def test_a_moved_story_leaves_its_old_address_for_the_new(client, home_page, article, committed):
    old_url = article.url
    client.get(old_url)
    other = SectionPageFactory(parent=home_page, title="Xã hội", slug="xa-hoi")
    committed(lambda: article.move(other, pos="last-child"))
    response = client.get(old_url)
    assert response.status_code == 301  # Wagtail's automatic redirect, not the cached page
    assert response["Location"] == "/xa-hoi/xuat-khau-nong-san/"
    assert client.get("/xa-hoi/xuat-khau-nong-san/").status_code == 200


def test_renaming_a_byline_refreshes_the_pages_that_show_it(client, article, committed):
    client.get(article.url)
    author = Author.objects.get(name="Hoàng Lan")
    author.name = "Hoàng Thị Lan"
    committed(author.save)
    assert "Hoàng Thị Lan" in client.get(article.url).text


def test_a_page_is_not_kept_past_the_day_it_was_made(client, article):
    with time_machine.travel(dt.datetime(2026, 11, 20, 10, tzinfo=dt.UTC), tick=False):
        client.get(article.url)
        assert client.get(article.url)["X-Page-Cache"] == "hit"
    with time_machine.travel(dt.datetime(2026, 11, 21, 10, tzinfo=dt.UTC), tick=False):
        assert client.get(article.url)["X-Page-Cache"] == "miss"


def test_a_logged_in_editor_never_gets_nor_leaves_a_cached_page(client, article):
    editor = Client()
    editor.force_login(member_of("Phóng viên", "phong-vien"))
    client.get(article.url)
    response = editor.get(article.url)
    assert "X-Page-Cache" not in response
    editor.get(article.url + "?tu-bien-tap")
    assert client.get(article.url + "?tu-bien-tap")["X-Page-Cache"] == "miss"


def test_a_policy_page_with_a_form_is_cached_without_any_reader_token(client, home_page):
    policy = PolicyPageFactory(parent=PolicyIndexPageFactory(parent=home_page))
    today = dt.date.today()
    milestone(policy, "lay-y-kien", today - dt.timedelta(1), closes_on=today + dt.timedelta(10))
    first = client.get(policy.url)
    assert not first.cookies
    assert "csrfmiddlewaretoken" not in first.text
    assert client.get(policy.url)["X-Page-Cache"] == "hit"
    tokens = client.get(f"/y-kien/phien/{policy.pk}/")
    assert "X-Page-Cache" not in tokens
    assert tokens.cookies[django_settings.CSRF_COOKIE_NAME].value


def test_a_response_that_sets_a_cookie_is_never_kept(rf, home_page):
    """Whatever a future template does with a token, the cookie that comes with it stops it."""

    def view(request):
        response = HttpResponse("<p>Trang mang mã của một người đọc</p>")
        response.set_cookie("csrftoken", "bi-mat-cua-mot-nguoi-doc")
        return response

    middleware = PageCacheMiddleware(view)
    for _ in range(2):
        assert "X-Page-Cache" not in middleware(rf.get("/trang-co-ma/"))


def test_feeds_from_the_cache_answer_304_to_either_validator_and_gzip_only_to_who_asks(
    client, article
):
    plain = client.get("/feeds/latest.rss")
    again_plain = client.get("/feeds/latest.rss")
    assert again_plain["X-Page-Cache"] == "hit"
    assert "Content-Encoding" not in again_plain
    assert again_plain.content == plain.content
    again_zipped = client.get("/feeds/latest.rss", HTTP_ACCEPT_ENCODING="gzip")
    assert again_zipped["X-Page-Cache"] == "hit"
    assert again_zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(again_zipped.content) == plain.content
    by_etag = client.get("/feeds/latest.rss", HTTP_IF_NONE_MATCH=plain["ETag"])
    by_date = client.get("/feeds/latest.rss", HTTP_IF_MODIFIED_SINCE=plain["Last-Modified"])
    assert (by_etag["X-Page-Cache"], by_etag.status_code) == ("hit", 304)
    assert (by_date["X-Page-Cache"], by_date.status_code) == ("hit", 304)


def test_an_api_answer_is_kept_and_renewed_when_a_story_is_withdrawn(client, article, committed):
    url = "/api/v2/pages/?type=newsroom.ArticlePage&fields=sapo"
    client.get(url)
    kept = client.get(url)
    assert kept["X-Page-Cache"] == "hit"
    assert article.title in kept.text
    committed(article.unpublish)
    assert article.title not in client.get(url).text


def test_the_admin_reader_forms_and_files_are_never_kept(client, home_page):
    for url in ("/admin/login/", "/y-kien/tra-cuu/", "/healthz"):
        client.get(url)
        assert "X-Page-Cache" not in client.get(url), url


def test_the_page_cache_can_be_turned_off(client, article, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(article.url)
    assert "X-Page-Cache" not in client.get(article.url)


def test_a_page_rendered_while_a_change_was_committed_is_kept_by_no_shared_cache(
    rf, home_page, settings, committed, far_from_midnight
):
    """Varnish could get such a page just after the change's purge and keep it for minutes."""
    settings.FRONTEND_CACHE_URLS = ["http://127.0.0.1:6091"]
    published_meanwhile = []

    def view(request):
        if published_meanwhile:
            committed(lambda: cache_tags.invalidate(cache_tags.PUBLICATIONS))
        return HttpResponse("<p>Trang chủ trước khi tin mới lên</p>")

    middleware = PageCacheMiddleware(view)
    steady = middleware(rf.get("/trang-chu-cu/"))
    assert "s-maxage=600" in steady["Cache-Control"]

    published_meanwhile.append(True)
    raced = middleware(rf.get("/trang-dang-doi/"))
    assert "private" in raced["Cache-Control"]
    assert "s-maxage" not in raced["Cache-Control"]
    assert "X-Page-Cache" not in middleware(rf.get("/trang-dang-doi/"))  # nor kept in Redis


def test_a_lost_renewal_is_retried_then_logged(monkeypatch, caplog):
    """A Redis blip must not leave old pages valid without anyone knowing."""
    writes = []

    class Flaky:
        def __init__(self, failures):
            self.failures = failures

        def add(self, key, value, timeout):
            pass

        def incr(self, key):
            return 7

        def set_many(self, values, timeout):
            writes.append(values)
            if len(writes) <= self.failures:
                raise ConnectionError("Redis không trả lời")

    monkeypatch.setattr(cache_tags, "RENEWAL_PAUSE_SECONDS", 0)
    monkeypatch.setattr(tag_clock, "raising_cache", lambda: Flaky(failures=2))
    cache_tags._renew({"page-5"}, hard=False)
    assert writes[-1] == {"tag:page-5": 7}
    assert len(writes) == 3
    assert "Could not renew" not in caplog.text

    writes.clear()
    monkeypatch.setattr(tag_clock, "raising_cache", lambda: Flaky(failures=99))
    cache_tags._renew({"page-5"}, hard=True)
    assert len(writes) == cache_tags.RENEWAL_ATTEMPTS
    assert "Could not renew cache tags ['page-5']" in caplog.text


def test_a_page_is_kept_no_later_than_midnight_in_ha_noi(client, article):
    """What follows the date (a consultation's days left, a cited document's status) changes
    at midnight: neither the shared cache nor Varnish in front keeps a page past it."""
    import datetime as dt
    import zoneinfo

    import time_machine

    late = dt.datetime(2026, 5, 18, 23, 58, 30, tzinfo=zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh"))
    with time_machine.travel(late - dt.timedelta(minutes=6), tick=False):
        kept = client.get(article.url)
    assert kept["X-Page-Cache"] == "miss"
    assert "s-maxage=450" in kept["Cache-Control"]
    with time_machine.travel(late, tick=False):
        served = client.get(article.url)
    assert served["X-Page-Cache"] == "hit"
    assert "s-maxage=90" in served["Cache-Control"]
