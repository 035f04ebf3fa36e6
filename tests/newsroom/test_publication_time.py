"""A story's publication time ("Thời điểm đăng"), set by its editor in the admin: a story first
published earlier or elsewhere shows that time wherever its date shows or sorts."""

import datetime as dt
import json
from email.utils import parsedate_to_datetime
from xml.etree import ElementTree

from django.urls import reverse
from django.utils import timezone

from wagtail.test.utils.form_data import inline_formset

import pytest
from bs4 import BeautifulSoup

from newsroom.models import ArticlePage
from tests.factories import ArticlePageFactory, MultimediaIndexPageFactory, SectionPageFactory
from tests.helpers import admin_article_form

HANOI = dt.timezone(dt.timedelta(hours=7))
ARCHIVED = dt.datetime(2024, 3, 15, 8, 30, tzinfo=HANOI)
ARCHIVED_ISO = "2024-03-15T08:30:00+07:00"
PUBLISH = {"action-publish": "publish"}
SLUG = "hop-chinh-phu-thuong-ky"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def section(home_page):
    return SectionPageFactory(parent=home_page, title="Thời sự", slug="thoi-su")


def as_typed(moment):
    """A time as the admin's date-time field takes it (WAGTAIL_DATETIME_FORMAT, Hà Nội time)."""
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M")


def publish_through_admin(client, section, **fields):
    url = reverse("wagtailadmin_pages:add", args=["newsroom", "articlepage", section.pk])
    response = client.post(url, admin_article_form(**PUBLISH, **fields))
    assert response.status_code == 302, response.context and response.context["form"].errors
    return ArticlePage.objects.get(slug=SLUG)


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.text, "html.parser")


def xml(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return ElementTree.fromstring(response.content)  # noqa: S314 (the portal's own output)


def test_an_earlier_publication_time_set_in_the_admin_shows_everywhere(admin_client, section):
    newest = ArticlePageFactory(parent=section, first_published_at=timezone.now())
    older = ArticlePageFactory(
        parent=section, first_published_at=dt.datetime(2025, 1, 10, 9, tzinfo=HANOI)
    )
    archived = publish_through_admin(admin_client, section, first_published_at=as_typed(ARCHIVED))
    assert archived.first_published_at == ARCHIVED
    assert archived.last_published_at > timezone.now() - dt.timedelta(minutes=5)

    page = html(admin_client, archived.url)
    assert page.select_one(".article__header time, header time")["datetime"] == ARCHIVED_ISO
    published_meta = page.select_one('meta[property="article:published_time"]')
    assert published_meta["content"] == ARCHIVED_ISO
    ld = [json.loads(s.string) for s in page.select('script[type="application/ld+json"]')]
    article_ld = next(data for data in ld if data["@type"] == "NewsArticle")
    assert article_ld["datePublished"] == ARCHIVED_ISO
    # Published here just now: the change is news to crawlers, the story is not.
    assert dt.datetime.fromisoformat(article_ld["dateModified"]) > ARCHIVED

    # Listings sort by it: the archived story comes after one from 2025.
    for listing in (section.url, "/"):
        links = [a["href"] for a in html(admin_client, listing).select(".card__title a")]
        story_links = [
            u for u in dict.fromkeys(links) if u in {newest.url, older.url, archived.url}
        ]
        assert story_links == [newest.url, older.url, archived.url], listing

    rss = xml(admin_client, "/feeds/latest.rss")
    item = next(i for i in rss.iter("item") if i.findtext("link") == archived.get_full_url())
    assert parsedate_to_datetime(item.findtext("pubDate")) == ARCHIVED
    atom = xml(admin_client, "/feeds/latest.atom")
    entry = next(
        e
        for e in atom.iter(f"{ATOM}entry")
        if e.find(f"{ATOM}link").get("href") == archived.get_full_url()
    )
    assert entry.findtext(f"{ATOM}published") == ARCHIVED_ISO
    feed_order = [i.findtext("link") for i in rss.iter("item")]
    assert feed_order.index(older.get_full_url()) < feed_order.index(archived.get_full_url())

    api = admin_client.get(f"/api/v2/pages/{archived.pk}/").json()
    assert dt.datetime.fromisoformat(api["publication_time"]) == ARCHIVED

    sitemap = admin_client.get("/sitemap-trang.xml").text
    assert archived.get_full_url() in sitemap
    assert archived.get_full_url() not in admin_client.get("/news-sitemap.xml").text

    found = html(admin_client, "/search/?q=thuong+ky")
    hit = found.select_one(f'.search-results__title a[href="{archived.url}"]')
    assert hit.find_parent("li").select_one("time")["datetime"] == ARCHIVED_ISO


def test_a_future_publication_time_is_refused_pointing_to_the_schedule(admin_client, section):
    tomorrow = timezone.now() + dt.timedelta(days=1)
    url = reverse("wagtailadmin_pages:add", args=["newsroom", "articlepage", section.pk])
    response = admin_client.post(
        url, admin_article_form(first_published_at=as_typed(tomorrow), **PUBLISH)
    )
    assert response.status_code == 200
    (error,) = response.context["form"].errors["first_published_at"]
    assert error.startswith("Thời điểm đăng không thể ở tương lai.")
    assert "“Lịch xuất bản”" in error
    page = BeautifulSoup(response.content, "html.parser")
    field = page.select_one("input[name=first_published_at]").find_parent(
        attrs={"data-field": True}
    )
    assert error in field.select_one(".error-message").text
    assert not ArticlePage.objects.filter(slug=SLUG).exists()


def test_an_empty_publication_time_becomes_the_first_publication(admin_client, section):
    before = timezone.now()
    article = publish_through_admin(admin_client, section, first_published_at="")
    assert article.first_published_at >= before.replace(microsecond=0)
    assert article.get_full_url() in admin_client.get("/news-sitemap.xml").text
    form = html(admin_client, reverse("wagtailadmin_pages:edit", args=[article.pk]))
    shown = form.select_one("input[name=first_published_at]")["value"]
    assert shown == as_typed(article.first_published_at)


@pytest.mark.parametrize("typed", ["as shown", ""], ids=["kept-in-the-form", "cleared"])
def test_a_correction_republished_keeps_the_publication_time(admin_client, section, typed):
    article = publish_through_admin(admin_client, section, first_published_at=as_typed(ARCHIVED))
    url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    shown = html(admin_client, url).select_one("input[name=first_published_at]")["value"]
    correction = {"corrected_at": as_typed(timezone.now()), "text": "Sửa tên người phát biểu."}
    data = admin_article_form(
        first_published_at=shown if typed else "",
        corrections=inline_formset([correction]),
        **PUBLISH,
    )
    assert admin_client.post(url, data).status_code == 302
    article.refresh_from_db()
    assert article.corrections.count() == 1
    assert article.first_published_at == ARCHIVED
    assert article.last_published_at > ARCHIVED
    page = html(admin_client, article.url)
    assert page.select_one('meta[property="article:published_time"]')["content"] == ARCHIVED_ISO


def test_the_news_sitemap_leaves_out_a_story_first_published_days_before(admin_client, section):
    three_days_ago = timezone.now() - dt.timedelta(days=3)
    article = publish_through_admin(
        admin_client, section, first_published_at=as_typed(three_days_ago)
    )
    fresh = ArticlePageFactory(parent=section, first_published_at=timezone.now())
    assert article.last_published_at > timezone.now() - dt.timedelta(minutes=5)  # today
    news = admin_client.get("/news-sitemap.xml").text
    assert fresh.get_full_url() in news
    assert article.get_full_url() not in news


@pytest.mark.parametrize(
    "model",
    [
        "newsroom.articlepage",
        "newsroom.livecoveragepage",
        "media.photostorypage",
        "media.videopage",
        "media.audiobulletinpage",
        "media.infographicpage",
    ],
)
def test_every_story_type_has_the_field_in_its_editor(admin_client, section, model):
    app, name = model.split(".")
    parent = section
    if app == "media":
        parent = MultimediaIndexPageFactory(parent=section.get_parent())
    form = html(admin_client, reverse("wagtailadmin_pages:add", args=[app, name, parent.pk]))
    field = form.select_one("input[name=first_published_at]")
    assert field is not None
    label = form.select_one(f'label[for="{field["id"]}"]').get_text(" ", strip=True)
    assert "Thời điểm đăng" in label
    help_text = field.find_parent(attrs={"data-field": True}).select_one(".help").get_text()
    assert "để trống thì lấy lúc bài được xuất bản lần đầu" in help_text
    assert "“Lịch xuất bản”" in help_text


def test_admin_dates_are_read_day_first_as_the_field_shows_them(admin_client, section):
    """The admin shows dates as dd/mm/yyyy (WAGTAIL_DATETIME_FORMAT); Django's defaults read
    them back month first, so 03/04 became 4 March and 15/03 was refused."""
    article = publish_through_admin(admin_client, section, first_published_at="03/04/2024 10:00")
    assert article.first_published_at == dt.datetime(2024, 4, 3, 10, tzinfo=HANOI)
    url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    correction = {"corrected_at": "15/04/2024 09:05", "text": "Sửa chức danh người phát biểu."}
    data = admin_article_form(
        first_published_at="03/04/2024 10:00", corrections=inline_formset([correction]), **PUBLISH
    )
    assert admin_client.post(url, data).status_code == 302
    corrected = article.corrections.get().corrected_at
    assert corrected == dt.datetime(2024, 4, 15, 9, 5, tzinfo=HANOI)
