"""Playwright driving Debian's chromium (never `playwright install`), with axe-core checks."""

import os
import shutil

import pytest

from tests.skips import needs_tool

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
            item.add_marker(
                needs_tool("chromium", CHROMIUM, "`apt-get install chromium` (.ci/run does)")
            )
            # Meant for one xdist worker, one after another; spread over both today, each
            # worker with its live server (the note on groups in tests/servers.py).
            item.add_marker(pytest.mark.xdist_group("browser"))
            # Committed data the live server can see; after each test the database is
            # emptied and restored as migrations left it (locale, root page, roles, workflow).
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.fixture
def page(live_url):
    """A fresh browser tab, with the live server and the database set up before it.

    Playwright's sync API keeps an asyncio loop running in this thread, and while it runs Django
    hands ORM calls a separate connection. So the browser starts after the database fixture and
    stops before it is torn down: the test framework's own connection then finds its state
    (the data to restore) intact. Tests name their data fixtures before `page`, so the data is
    made before the loop starts. Starting chromium per test costs about a second.
    """
    from django.db import connections

    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # the ORM calls tests make between steps
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True
            )
            context = chromium.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
            tab = context.new_page()
            tab.set_default_timeout(15_000)
            yield tab
            context.close()
            chromium.close()
            # Close the connections the test's ORM calls opened while the loop ran, so the test
            # database can be dropped at the end of the run.
            connections.close_all()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


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
def live_url(live_server):
    return live_server.url
