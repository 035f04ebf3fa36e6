"""An archived story's publication time, set in the real article editor (issue 18, point 2)."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from newsroom.models import ArticlePage
from tests.browser.conftest import assert_accessible
from tests.browser.test_newsroom_admin import log_in, member, run_action, wait_until
from tests.factories import ArticlePageFactory, SectionPageFactory

HANOI = dt.timezone(dt.timedelta(hours=7))
TITLE = "Khánh thành cầu Thăng Long sau hai năm thi công"


@pytest.fixture
def archived(live_url, home_page):
    member("tongbientap", "Tổng biên tập")
    section = SectionPageFactory(parent=home_page, title="Thời sự", slug="thoi-su")
    return live_url, ArticlePageFactory(parent=section, title=TITLE, slug="khanh-thanh-cau")


def test_the_editor_sets_an_earlier_publication_time_and_readers_see_it(archived, page):
    base_url, article = archived
    log_in(page, base_url, "tongbientap")
    page.goto(f"{base_url}/admin/pages/{article.pk}/edit/")
    field = page.get_by_label("Thời điểm đăng")
    expect(field).to_be_visible()
    field.fill("09/05/1985 08:00")
    field.press("Escape")  # closes the date picker the field opened
    run_action(page, 'button[name="action-publish"]')

    published = dt.datetime(1985, 5, 9, 8, tzinfo=HANOI)
    wait_until(
        lambda: ArticlePage.objects.get(pk=article.pk).first_published_at == published,
        "publication with the editor's time",
    )
    page.context.clear_cookies()
    page.goto(base_url + article.url)
    expect(page.locator(".article__header time")).to_have_text("09/05/1985 08:00")
    assert_accessible(page)
