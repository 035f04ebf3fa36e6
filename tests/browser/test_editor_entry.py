"""A real-length article entered through the admin as a newsroom does (issue 18): the scripted
flow `make bench-editor` times, here checked for what readers get."""

import pytest
from playwright.sync_api import expect

from bench import editor_story as story
from bench.editor_entry import enter_article, photo_files, prepare_newsroom, verified_session
from newsroom.models import ArticlePage
from tests.browser.conftest import assert_accessible


@pytest.fixture
def newsroom(live_url, home_page):
    section, user = prepare_newsroom()
    return live_url, section, verified_session(user)


def test_a_thirty_paragraph_story_with_four_uploaded_photos_is_published(newsroom, page, tmp_path):
    base_url, section, cookie = newsroom
    page.context.add_cookies([{**cookie, "url": base_url}])

    result = enter_article(page, base_url, section.pk, photo_files(tmp_path))

    article = ArticlePage.objects.get(pk=result.page_id)
    assert article.live
    assert [a.author.name for a in article.article_authors.all()] == [story.AUTHOR]
    assert list(article.topics.names()) == [story.TOPIC]
    page.context.clear_cookies()
    # The first view makes the photos' sizes (about a second each): a longer wait than usual.
    page.goto(base_url + article.url, wait_until="domcontentloaded", timeout=90_000)
    paragraphs = page.locator(".article__body p")
    expect(paragraphs).to_have_count(len(story.PARAGRAPHS))
    expect(paragraphs.first).to_have_text(story.PARAGRAPHS[0])
    expect(paragraphs.last).to_have_text(story.PARAGRAPHS[-1])
    captions = page.locator(".article__body .figure__caption")
    expect(captions).to_have_count(4)
    for number, (_name, _colour, caption, credit) in enumerate(story.PHOTOS, start=1):
        expect(captions.nth(number - 1)).to_contain_text(f"{caption} - Ảnh {number}")
        expect(captions.nth(number - 1)).to_contain_text(f"Ảnh: {credit}")
    assert_accessible(page)
    # Counted, not timed: the flow must count what it did.
    assert result.tally.clicks > 0 and result.tally.texts >= 3 + 5 + 8
