"""Playwright driving Debian's chromium (never `playwright install`), with axe-core checks."""

import os
import shutil

import pytest

CHROMIUM = shutil.which("chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed: `apt-get install chromium` (.ci/run does)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the ORM calls the tests make
    # between browser steps are still plain synchronous calls.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True
        )
        yield chromium
        chromium.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


def assert_accessible(tab):
    """No serious or critical axe-core violation on the page as the reader sees it now."""
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(tab).response["violations"]
    bad = [v for v in violations if v["impact"] in {"serious", "critical"}]
    assert not bad, "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in bad
    )


@pytest.fixture
def live_url(django_db_serialized_rollback, transactional_db, live_server):
    """The address of a live server over a committed database. After each test the database is
    emptied and restored as migrations left it (locale, root page, roles and workflow)."""
    return live_server.url
