"""The Content-Security-Policy blocks nothing the portal itself needs, as the browser enforces it.

tests/security/test_csp.py reads the header and the templates; only a browser says whether a
script, a style, a picture or a request of the portal's own was refused. Every refusal fires a
`securitypolicyviolation` event and writes a console message, and both are collected here.
"""

from io import StringIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

import pytest

from media.models import AudioBulletinPage, PhotoStoryPage, VideoPage
from newsroom.models import ArticlePage, LiveCoveragePage
from policy_pages.models import LegalDocumentIndexPage, PolicyPage
from tests.factories import ArticlePageFactory, PortalImageFactory, SectionPageFactory

PASSWORD = "mat-khau-du-dai-2026"
WATCH_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(
        `${event.effectiveDirective}: ${event.blockedURI || "inline"} on ${location.pathname}`
    );
});
"""


@pytest.fixture
def demo_urls(live_url):
    call_command("seed_demo", stdout=StringIO())
    call_command("generate_renditions", stdout=StringIO())
    pages = {
        model.__name__: model.objects.live().filter(depth__gt=2).first()
        for model in (
            ArticlePage,
            LiveCoveragePage,
            PolicyPage,
            LegalDocumentIndexPage,
            PhotoStoryPage,
            VideoPage,
            AudioBulletinPage,
        )
    }
    missing = [name for name, page in pages.items() if page is None]
    assert not missing, f"the demo portal has no {missing}"
    # A policy open for comment shows the comment form and its script.
    open_policy = next(
        p for p in PolicyPage.objects.live() if p.consultation and p.consultation.state == "open"
    )
    return {
        "public": [
            "/",
            *(page.url for page in pages.values()),
            open_policy.url,
            "/search/?q=ngan+sach",
            "/khong-co-trang-nay/",
        ],
        "open_policy": open_policy.url,
        "base": live_url,
    }


@pytest.fixture
def watched(page):
    """The tab, with every CSP refusal it meets from now on recorded."""
    console = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.add_init_script(WATCH_VIOLATIONS)
    page.csp_console = console
    return page


def refusals(tab):
    return tab.evaluate("window.__cspViolations") + tab.csp_console


def visit(tab, url):
    tab.goto(url)
    tab.wait_for_load_state("networkidle")
    return refusals(tab)


def test_reader_pages_meet_no_refusal(demo_urls, watched):
    base = demo_urls["base"]
    seen = {}
    for path in demo_urls["public"]:
        response = watched.goto(base + path)
        assert "script-src 'self'" in response.headers["content-security-policy"]
        watched.wait_for_load_state("networkidle")
        seen[path] = refusals(watched)
    assert {path: found for path, found in seen.items() if found} == {}

    # The portal's own scripts run under it: the comment form fetches its tokens on first use.
    watched.goto(base + demo_urls["open_policy"])
    form = watched.locator("form.participation-form")
    with watched.expect_response(lambda r: "/y-kien/phien/" in r.url) as tokens:
        form.locator("textarea").first.focus()
    assert tokens.value.status == 200
    watched.wait_for_load_state("networkidle")
    assert form.locator('input[name="token"]').input_value() != ""
    assert refusals(watched) == []


@pytest.fixture
def newsroom(live_url, home_page):
    section = SectionPageFactory(parent=home_page, title="Thời sự", slug="thoi-su")
    article = ArticlePageFactory(
        parent=section, title="Chính phủ họp phiên thường kỳ tháng Mười", slug="phien-hop"
    )
    PortalImageFactory(title="Phiên họp Chính phủ", caption="Toàn cảnh phiên họp", credit="VGP")
    editor = get_user_model().objects.create_user("bientap-csp", password=PASSWORD)
    editor.groups.add(Group.objects.get(name="Biên tập viên"))
    return live_url, article


def test_editors_admin_meets_no_refusal(newsroom, watched):
    base, article = newsroom
    watched.goto(base + "/admin/login/")
    assert refusals(watched) == []
    watched.fill("#id_username", "bientap-csp")
    watched.fill("#id_password", PASSWORD)
    watched.locator("form button[type=submit]").click()
    watched.wait_for_url(base + "/admin/")
    for path in [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{article.id}/edit/",
        "/admin/images/",
        "/admin/documents/",
    ]:
        assert visit(watched, base + path) == [], path
    # The editor's userbar on a reader's page lives under the public policy.
    assert visit(watched, base + article.url) == []
    assert watched.locator("wagtail-userbar").count() == 1
