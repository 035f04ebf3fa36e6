"""The security headers and cookie flags a reader's browser gets under the production settings,
on a freshly rendered page and on one answered from the page cache. (`check --deploy` with the
production settings runs in tests/core/test_settings.py.)"""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.contrib.auth import get_user_model

import pytest

from tests.factories import ArticlePageFactory, SectionPageFactory

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "SECRET_KEY": "k" * 20 + "-production-secret-for-the-headers-test-0123456789",
    "ALLOWED_HOSTS": "chinhphu.example",
    "REDIS_URL": "redis://127.0.0.1:6379/11",
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
}
# What production sets that decides the headers and cookies; the rest (database, cache) stays
# as the test settings have it.
SECURITY_SETTINGS = [
    "MIDDLEWARE",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SAMESITE",
    "X_FRAME_OPTIONS",
    "CONTENT_SECURITY_POLICY",
    "PORTAL_ADMIN_CONTENT_SECURITY_POLICY",
]
HTTPS = {"HTTP_X_FORWARDED_PROTO": "https", "HTTP_HOST": "chinhphu.example"}


def _production(code):
    return subprocess.run(  # noqa: S603 (our own interpreter)
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, **PRODUCTION_ENV},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def production_security_settings():
    result = _production(
        "import django, json; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{k: getattr(settings, k) for k in {SECURITY_SETTINGS!r}}}))"
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


@pytest.fixture
def production(settings, production_security_settings):
    for name, value in production_security_settings.items():
        setattr(settings, name, value)
    settings.ALLOWED_HOSTS = ["chinhphu.example"]
    return settings


@pytest.fixture
def article(home_page):
    section = SectionPageFactory(parent=home_page, title="Thời sự", slug="thoi-su")
    return ArticlePageFactory(
        parent=section, title="Chính phủ họp phiên thường kỳ tháng Mười", slug="phien-hop"
    )


def assert_reader_protections(response):
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    # Directives in any order: the settings come from another interpreter, whose sets differ.
    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert policy["frame-ancestors"] == "'none'"
    assert policy["script-src"] == "'self'"


def test_a_page_over_https_carries_every_protection(production, client, article):
    response = client.get(article.url, **HTTPS)
    assert response.status_code == 200
    assert_reader_protections(response)


def test_a_page_from_the_page_cache_carries_them_too(production, client, article):
    """The page cache answers before most middleware runs: the headers must still be there."""
    production.PAGE_CACHE_SECONDS = 600
    first = client.get(article.url, **HTTPS)
    second = client.get(article.url, **HTTPS)
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert_reader_protections(second)
    # A policy changed since (a deployment) reaches pages already in the cache at once: the
    # headers are added outside the cache, not kept in it.
    production.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {**production.CONTENT_SECURITY_POLICY["DIRECTIVES"], "report-to": "csp"}
    }
    third = client.get(article.url, **HTTPS)
    assert third["X-Page-Cache"] == "hit"
    assert "report-to csp" in third["Content-Security-Policy"]
    # And a reader who already has the page is told so with the same protections.
    not_modified = client.get(article.url, HTTP_IF_NONE_MATCH=first["ETag"], **HTTPS)
    assert not_modified.status_code == 304
    assert "Content-Security-Policy" in not_modified


def test_a_missing_page_carries_them_too(production, client, home_page):
    response = client.get("/khong-co-trang-nay/", **HTTPS)
    assert response.status_code == 404
    assert_reader_protections(response)


def test_plain_http_is_sent_to_https(production, client, article):
    response = client.get(article.url, HTTP_HOST="chinhphu.example")
    assert response.status_code == 301
    assert response["Location"] == f"https://chinhphu.example{article.url}"


def test_the_forms_token_cookie_is_secure_httponly_and_same_site(production, client, db):
    response = client.get("/admin/login/", **HTTPS)
    cookie = response.cookies["csrftoken"]
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_an_editors_session_cookie_is_secure_httponly_and_same_site(production, client, db):
    get_user_model().objects.create_superuser("bien-tap-vien", password="mat-khau-dai-2026")
    client.get("/admin/login/", **HTTPS)
    response = client.post(
        "/admin/login/",
        {"username": "bien-tap-vien", "password": "mat-khau-dai-2026"},
        **HTTPS,
    )
    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
