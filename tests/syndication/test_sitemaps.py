"""What search engines are told: every public page with its date, the last 48 hours of news in
Google News' format, and robots.txt naming both. Nothing unpublished, private or personal."""

import datetime as dt
from xml.etree import ElementTree

from django.db import connection
from django.db.models.signals import post_init
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.http import http_date

from wagtail.models import Page

import pytest

from core.models import SiteSettings
from tests.factories import (
    ArticlePageFactory,
    PolicyIndexPageFactory,
    PolicyPageFactory,
    SectionPageFactory,
    SubmissionFactory,
)
from tests.helpers import hidden_stories

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


@pytest.fixture
def section(home_page):
    return SectionPageFactory(parent=home_page, title="Thời sự", slug="thoi-su")


def xml(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return ElementTree.fromstring(response.content)  # noqa: S314 (the portal's own output)


def sitemap_entries(client):
    """{address: lastmod} over every page sitemap the index names."""
    entries = {}
    for location in xml(client, "/sitemap.xml").iterfind("sm:sitemap/sm:loc", NS):
        path = location.text.split("://", 1)[1].split("/", 1)[1]
        for url in xml(client, "/" + path).iterfind("sm:url", NS):
            entries[url.findtext("sm:loc", namespaces=NS)] = url.findtext(
                "sm:lastmod", namespaces=NS
            )
    return entries


def test_the_sitemap_lists_every_public_page_with_its_date(client, section):
    article = ArticlePageFactory(parent=section, title="Tin đã đăng")
    article.save_revision().publish()  # as editors publish: it sets the last-published time
    entries = sitemap_entries(client)
    assert article.get_full_url() in entries
    assert section.get_full_url() in entries
    article.refresh_from_db()
    hanoi_day = timezone.localtime(article.last_published_at).date().isoformat()
    assert entries[article.get_full_url()] == hanoi_day


def test_nothing_unpublished_scheduled_private_or_personal_is_in_any_sitemap(client, section):
    open_policy = PolicyPageFactory(parent=PolicyIndexPageFactory(parent=section.get_parent()))
    hidden = hidden_stories(section)
    SubmissionFactory(policy=open_policy, status="da-duyet", email="bi-mat.9931@example.vn")
    everything = b"".join(
        client.get(url).content
        for url in ["/sitemap.xml", "/sitemap-trang.xml", "/news-sitemap.xml", "/robots.txt"]
    ).decode()
    for slug in hidden:
        assert f"/{slug}/" not in everything, slug
    assert "bi-mat.9931" not in everything
    assert open_policy.get_full_url() in everything


def test_the_news_sitemap_holds_the_last_48_hours_in_news_format(client, section):
    now = timezone.now()
    fresh = ArticlePageFactory(
        parent=section,
        title="Thủ tướng làm việc với <Bộ> & ngành",
        first_published_at=now - dt.timedelta(hours=47),
    )
    ArticlePageFactory(
        parent=section,
        title="Tin cũ",
        slug="tin-cu",
        first_published_at=now - dt.timedelta(hours=49),
    )
    root = xml(client, "/news-sitemap.xml")
    urls = root.findall("sm:url", NS)
    assert [u.findtext("sm:loc", namespaces=NS) for u in urls] == [fresh.get_full_url()]
    news = urls[0].find("news:news", NS)
    site_name = SiteSettings.for_site(section.get_site()).site_name
    assert news.findtext("news:publication/news:name", namespaces=NS) == site_name
    assert news.findtext("news:publication/news:language", namespaces=NS) == "vi"
    assert news.findtext("news:title", namespaces=NS) == "Thủ tướng làm việc với <Bộ> & ngành"
    published = dt.datetime.fromisoformat(news.findtext("news:publication_date", namespaces=NS))
    assert published.utcoffset() == dt.timedelta(hours=7)
    assert abs(published - fresh.first_published_at) < dt.timedelta(seconds=1)


def test_robots_txt_names_both_sitemaps_and_keeps_crawlers_out_of_the_admin(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://localhost/sitemap.xml" in lines
    assert "Sitemap: http://localhost/news-sitemap.xml" in lines


def test_a_page_sitemap_costs_the_same_few_queries_whatever_its_size(client, section):
    def queries():
        client.get("/sitemap-trang.xml")  # the site's root paths are cached after a first view
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/sitemap-trang.xml").status_code == 200
        return len(captured)

    for n in range(5):
        ArticlePageFactory(parent=section, title=f"Tin số {n}", slug=f"tin-so-{n}")
    few = queries()
    for n in range(5, 40):
        ArticlePageFactory(parent=section, title=f"Tin số {n}", slug=f"tin-so-{n}")
    assert queries() == few <= 6


def test_the_sitemap_index_reads_no_page_whatever_the_number_of_pages(client, section):
    """Django's index reads every item's date: an archive of 250,000 pages made them all in one
    worker for one request. The newest date is one aggregate query instead."""
    made = []

    def count(sender, instance, **kwargs):
        if isinstance(instance, Page):
            made.append(instance.pk)

    newest = None
    for n in range(30):
        newest = ArticlePageFactory(parent=section, title=f"Tin số {n}", slug=f"tin-so-{n}")
        newest.save_revision().publish()
    client.get("/sitemap.xml")  # the site's root paths are cached after a first view
    post_init.connect(count)
    try:
        response = client.get("/sitemap.xml")
    finally:
        post_init.disconnect(count)
    assert response.status_code == 200
    assert len(made) <= 2  # the site's root page, not the pages listed
    newest.refresh_from_db()
    assert response["Last-Modified"] == http_date(newest.last_published_at.timestamp())
