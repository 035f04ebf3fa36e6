"""One origin for every absolute address: the Wagtail Site's (core/addresses.py).

In dev the Site said `localhost:80` while BASE_URL said `127.0.0.1:8000`, and one article page
carried both origins, and the request's Host as a third: these tests serve the portal as
`testserver` with the Site somewhere else, so any address built from the request or from
BASE_URL shows up as a stray origin.
"""

import json
import re
from datetime import timedelta
from io import StringIO
from urllib.parse import urlsplit
from xml.etree import ElementTree

from django.core import checks, mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from wagtail.models import Site

import pytest

from policy_pages.mail_tasks import send_receipt
from tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
    PolicyIndexPageFactory,
    PolicyPageFactory,
    SectionPageFactory,
    SubmissionFactory,
)

ORIGIN = "http://cong.example.vn:8000"
# Every absolute address in an attribute, a JSON string or an XML text.
ADDRESS = re.compile(r"https?://[^\s\"'<>]+")
# Namespaces and schemas are names, not addresses of ours.
NOT_OURS = {
    "www.w3.org",
    "schema.org",
    "www.sitemaps.org",
    "www.google.com",
    "search.yahoo.com",
    "www.rssboard.org",
    "purl.org",
    "www.itunes.com",
}


def origins(text):
    found = {urlsplit(url) for url in ADDRESS.findall(text)}
    return {f"{url.scheme}://{url.netloc}" for url in found if url.hostname not in NOT_OURS}


@pytest.fixture
def site(home_page):
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "cong.example.vn", 8000
    site.save()
    return site


@pytest.fixture
def article(site):
    section = SectionPageFactory(parent=site.root_page, title="Thời sự", slug="thoi-su")
    return ArticlePageFactory(
        parent=section,
        title="Chính phủ thông qua đề án chuyển đổi số",
        authors=[AuthorFactory(name="Trần Minh Khôi")],
        # Within the news sitemap's 48 hours whatever the factory's sequence has reached.
        first_published_at=timezone.now() - timedelta(hours=1),
    )


def test_an_article_its_feed_api_and_news_sitemap_carry_only_the_sites_origin(client, article):
    page = client.get(article.url).text
    url = ORIGIN + article.url
    assert f'<link rel="canonical" href="{url}">' in page
    assert f'<meta property="og:url" content="{url}">' in page
    assert re.search(rf'<meta property="og:image" content="{ORIGIN}/uploads/[^"]+">', page)
    ld = [json.loads(data) for data in re.findall(r"ld\+json\">(.*?)</script>", page, re.S)]
    [news] = [data for data in ld if data["@type"] == "NewsArticle"]
    assert news["url"] == url
    assert news["image"][0].startswith(ORIGIN + "/uploads/")
    assert news["author"][0]["url"] == ORIGIN + "/tac-gia/tran-minh-khoi/"
    assert news["publisher"]["logo"]["url"].startswith(ORIGIN + "/")
    assert origins(page) == {ORIGIN}

    feed = client.get("/feeds/latest.rss").content.decode()
    items = ElementTree.fromstring(feed).iter("item")  # noqa: S314 (the portal's own output)
    links = [item.findtext("link") for item in items]
    assert url in links
    assert origins(feed) == {ORIGIN}

    api = client.get(f"/api/v2/pages/{article.pk}/").json()
    assert api["meta"]["html_url"] == url
    assert api["meta"]["detail_url"].startswith(ORIGIN + "/api/v2/pages/")
    assert origins(json.dumps(api)) == {ORIGIN}

    sitemap = client.get("/news-sitemap.xml").content.decode()
    assert f"<loc>{url}</loc>" in sitemap
    assert origins(sitemap) == {ORIGIN}


def test_robots_txt_and_an_authors_canonical_name_the_sites_origin(client, article):
    robots = client.get("/robots.txt").content.decode()
    assert f"Sitemap: {ORIGIN}/sitemap.xml" in robots
    author = client.get("/tac-gia/tran-minh-khoi/").text
    assert f'<link rel="canonical" href="{ORIGIN}/tac-gia/tran-minh-khoi/">' in author


@override_settings(BASE_URL="http://127.0.0.1:8000")
def test_the_receipt_mail_links_to_the_sites_origin_not_base_url(site):
    policy = PolicyPageFactory(parent=PolicyIndexPageFactory(parent=site.root_page))
    submission = SubmissionFactory(policy=policy)
    send_receipt.call(submission.pk)
    [message] = mail.outbox
    assert f"{ORIGIN}/" in message.body
    assert origins(message.body) == {ORIGIN}


def portal_warnings():
    return [message for message in checks.run_checks() if message.id == "portal.W001"]


def test_the_check_warns_when_the_site_and_base_url_disagree_and_only_then(site):
    with override_settings(BASE_URL="http://127.0.0.1:8000"):
        [warning] = portal_warnings()
    assert ORIGIN in warning.msg
    assert "http://127.0.0.1:8000" in warning.msg
    assert "set_site" in warning.hint
    with override_settings(BASE_URL=ORIGIN + "/"):
        assert portal_warnings() == []


def test_set_site_points_the_default_site_at_host_and_port_and_can_run_again(home_page):
    for _ in range(2):
        out = StringIO()
        call_command("set_site", host="cong.example.vn", port=443, stdout=out)
        assert "https://cong.example.vn/" in out.getvalue()
        site = Site.objects.get(is_default_site=True)
        assert (site.hostname, site.port) == ("cong.example.vn", 443)
        assert site.root_url == "https://cong.example.vn"
    assert Site.objects.count() == 1


@override_settings(BASE_URL="http://127.0.0.1:9000")
def test_set_site_without_arguments_follows_base_url(home_page):
    call_command("set_site", stdout=StringIO())
    assert Site.objects.get(is_default_site=True).root_url == "http://127.0.0.1:9000"
