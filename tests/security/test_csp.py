"""The Content-Security-Policy readers and editors get, and templates that keep to it.

A strict policy only protects while no template needs it loosened: the scan below fails as soon
as someone writes an inline script, an event handler attribute or a style attribute, where the
browser would otherwise block it on the live site (tests/browser/test_csp_browser.py watches
the browser itself).
"""

import json
import os
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

import pytest

from tests.factories import (
    ArticlePageFactory,
    IssuingBodyFactory,
    PolicyIndexPageFactory,
    PolicyPageFactory,
    SectionPageFactory,
    milestone,
)
from tests.helpers import log_in_verified

ROOT = Path(settings.BASE_DIR)


def directives(response):
    policy = response["Content-Security-Policy"]
    parsed = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


@pytest.fixture
def public_urls(home_page):
    section = SectionPageFactory(parent=home_page, title="Thời sự", slug="thoi-su")
    article = ArticlePageFactory(
        parent=section, title="Chính phủ họp phiên thường kỳ tháng Mười", slug="phien-hop"
    )
    policies = PolicyIndexPageFactory(parent=home_page)
    policy = PolicyPageFactory(
        parent=policies,
        title="Dự thảo Luật Thử nghiệm (sửa đổi)",
        drafting_agency=IssuingBodyFactory(name="Bộ Kiểm thử"),
    )
    today = timezone.localdate()
    milestone(policy, "lay-y-kien", today - timedelta(days=5), closes_on=today + timedelta(days=25))
    return {
        "home": (home_page.url, 200),
        "article": (article.url, 200),
        "policy page with its comment form": (policy.url, 200),
        "search": ("/search/?q=ngan+sach", 200),
        "missing page": ("/khong-co-trang-nay/", 404),
    }


@pytest.mark.parametrize(
    "name", ["home", "article", "policy page with its comment form", "search", "missing page"]
)
def test_public_pages_allow_only_the_portals_own_files(client, public_urls, name):
    url, status = public_urls[name]
    response = client.get(url)
    assert response.status_code == status
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]  # no inline script, no eval, nobody else's
    assert policy["style-src"] == ["'self'"]  # no <style> or style="" either
    assert policy["img-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]


def test_public_pages_allow_uploads_from_object_storage_when_they_live_there():
    """With MEDIA_URL on another origin, pictures and video load from there and nowhere else."""
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "d = s.CONTENT_SECURITY_POLICY['DIRECTIVES']; "
        "print(json.dumps([d['img-src'], d['media-src']]))"
    )
    result = subprocess.run(  # noqa: S603 (our own interpreter)
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.test",
            "MEDIA_URL": "https://tep.chinhphu.example/uploads/",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    img_src, media_src = json.loads(result.stdout.strip().splitlines()[-1])
    assert img_src == media_src == ["'self'", "https://tep.chinhphu.example"]


def test_the_admin_gets_its_own_policy_that_keeps_it_working(client, db):
    """Wagtail 8's admin writes some inline scripts and styles; the rest stays as strict."""
    editor = get_user_model().objects.create_superuser("bien-tap", password="mat-khau-dai-2026")
    log_in_verified(client, editor)
    response = client.get("/admin/")
    assert response.status_code == 200
    policy = directives(response)
    assert "'unsafe-inline'" in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    # The live preview panel frames the admin's own preview; no other site may frame it.
    assert policy["frame-ancestors"] == ["'self'"]


def test_the_admin_login_page_has_the_admin_policy(client, db):
    response = client.get("/admin/login/")
    assert directives(response)["frame-ancestors"] == ["'self'"]


def test_the_admin_makes_no_call_outside(client, db):
    """No update check and no gravatar: editors' browsers reach no outside service."""
    editor = get_user_model().objects.create_superuser(
        "bien-tap", email="bien-tap@example.vn", password="mat-khau-dai-2026"
    )
    log_in_verified(client, editor)
    for url in ("/admin/", "/admin/account/"):
        response = client.get(url)
        assert response.status_code == 200
        html = response.text
        assert "gravatar.com" not in html
        assert "w-upgrade" not in html  # the browser would ask releases.wagtail.org


# --- Templates -------------------------------------------------------------------------------

# Data blocks are never run by the browser, so CSP does not cover them and needs no exception.
DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
TYPE_ATTRIBUTE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"""<[a-z][^>]*\s(on[a-z]+)\s*=""", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"""<[a-z][^>]*\sstyle\s*=""", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style\b", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)


def portal_templates():
    folders = [ROOT / "templates"]
    for app in apps.get_app_configs():
        path = Path(app.path)
        if path.is_relative_to(ROOT) and ".venv" not in path.parts:
            folders.append(path / "templates")
    return sorted(t for folder in folders if folder.is_dir() for t in folder.rglob("*.html"))


def inline_code(source):
    """What in a template's source the strict policy would block."""
    found = []
    for match in SCRIPT_TAG.finditer(source):
        attributes = match.group(1)
        script_type = TYPE_ATTRIBUTE.search(attributes)
        is_data = script_type and script_type.group(1).lower() in DATA_SCRIPT_TYPES
        if "src=" not in attributes.lower() and not is_data:
            found.append(f"inline script: {match.group(0)}")
    found += [f"event handler: {m.group(1)}" for m in EVENT_HANDLER.finditer(source)]
    found += [f"style attribute: {m.group(0)[:60]}" for m in STYLE_ATTRIBUTE.finditer(source)]
    found += ["style element" for _ in STYLE_ELEMENT.finditer(source)]
    found += [f"javascript: URL in {m.group(1)}" for m in JAVASCRIPT_URL.finditer(source)]
    return found


def test_the_scan_finds_each_kind_of_inline_code():
    """The check below can fail: each thing it looks for is found in a sample."""
    sample = """
        <script>alert(1)</script>
        <script type="text/javascript">alert(2)</script>
        <button onclick="alert(3)">x</button>
        <img src="x.png" onerror = "alert(4)">
        <div class="card" style="color: red">x</div>
        <style>p { color: red }</style>
        <a href="javascript:alert(5)">x</a>
    """
    kinds = [item.split(":")[0] for item in inline_code(sample)]
    assert kinds.count("inline script") == 2
    assert kinds.count("event handler") == 2
    assert kinds.count("style attribute") == 1
    assert kinds.count("style element") == 1
    assert kinds.count("javascript") == 1
    allowed = """
        <script src="/static/js/gallery.js" defer></script>
        <script type="application/ld+json">{"@type": "NewsArticle"}</script>
        <a class="button" data-online="1" href="/tin-tuc/">x</a>
    """
    assert inline_code(allowed) == []


def test_no_portal_template_holds_inline_script_or_style():
    templates = portal_templates()
    assert len(templates) > 40  # templates/ and the apps' own
    offenders = {
        str(t.relative_to(ROOT)): found for t in templates if (found := inline_code(t.read_text()))
    }
    assert offenders == {}
