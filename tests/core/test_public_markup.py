"""Public pages carry no inline script or style, so a strict Content-Security-Policy can be set."""

import re

import pytest

from tests.factories import ArticlePageFactory, SectionPageFactory

# Structured data (application/ld+json) is data, not script: CSP does not govern it.
INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\ssrc=)(?![^>]*type=\"application/ld\+json\")[^>]*>", re.IGNORECASE
)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=|\son[a-z]+=", re.IGNORECASE)
# Links to other sites are fine; loading a script, style, font or image from one is not.
OUTSIDE_RESOURCE = re.compile(
    r"""\ssrc=["'](?:https?:)?//|<link[^>]*rel=["'](?:stylesheet|icon|preload)["'][^>]*href=["'](?:https?:)?//""",
    re.IGNORECASE,
)


@pytest.fixture
def public_urls(home_page):
    section = SectionPageFactory(parent=home_page)
    article = ArticlePageFactory(parent=section)
    return ["/", section.url, article.url, "/search/?q=chinh+phu", "/khong-co/"]


def test_public_pages_have_no_inline_script_style_or_outside_resource(client, public_urls):
    for url in public_urls:
        html = client.get(url).text
        assert not INLINE_SCRIPT.search(html), url
        assert not INLINE_STYLE.search(html), url
        assert not OUTSIDE_RESOURCE.search(html), url
        assert '<html lang="vi">' in html, url
