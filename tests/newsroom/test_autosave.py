"""Autosave (Wagtail 8 posts the editor's form with `Accept: application/json`) saves a draft
while the editor is halfway through adding a byline, a related story or a "xem thêm" link."""

from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, rich_text, streamfield

import pytest

from newsroom.models import ArticlePage
from tests.factories import ArticlePageFactory, AuthorFactory, SectionPageFactory
from tests.helpers import admin_article_form

AUTOSAVE = {"HTTP_ACCEPT": "application/json"}
HALF_DONE = {
    "a byline row whose author is not chosen yet": {
        "article_authors": inline_formset([{"author": ""}])
    },
    "a related-story row whose story is not chosen yet": {
        "related_links": inline_formset([{"article": ""}])
    },
    "a 'xem thêm' link block not filled in yet": {
        "body": streamfield(
            [
                ("paragraph", rich_text("<p>Nội dung bài.</p>")),
                ("related_link", {"page": "", "url": "", "title": ""}),
            ]
        )
    },
}


@pytest.fixture
def article(home_page):
    section = SectionPageFactory(parent=home_page, title="Thời sự", slug="thoi-su")
    return ArticlePageFactory(parent=section, slug="hop-chinh-phu-thuong-ky", live=False)


def edit_url(article):
    return reverse("wagtailadmin_pages:edit", args=[article.pk])


@pytest.mark.parametrize("half_done", HALF_DONE.values(), ids=HALF_DONE.keys())
def test_autosave_keeps_the_draft_while_a_row_or_block_is_half_done(
    admin_client, article, half_done
):
    data = admin_article_form(sapo="Bản nháp mới của sapo.", **half_done)
    response = admin_client.post(edit_url(article), data, **AUTOSAVE)

    assert response.status_code == 200, response.content
    assert response.json()["success"] is True
    draft = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    assert draft.sapo == "Bản nháp mới của sapo."
    assert list(draft.article_authors.all()) == []


def test_autosave_keeps_a_byline_once_its_author_is_chosen(admin_client, article):
    author = AuthorFactory(name="Trần Thu Hà")
    data = admin_article_form(article_authors=inline_formset([{"author": author.pk}]))

    assert admin_client.post(edit_url(article), data, **AUTOSAVE).status_code == 200
    draft = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    assert [link.author for link in draft.article_authors.all()] == [author]


@pytest.mark.parametrize("half_done", HALF_DONE.values(), ids=HALF_DONE.keys())
def test_publishing_still_refuses_what_is_half_done(admin_client, article, half_done):
    data = admin_article_form(**half_done, **{"action-publish": "publish"})
    response = admin_client.post(edit_url(article), data)

    assert response.status_code == 200  # the editor again, with the errors shown
    assert "Không thể lưu trang vì có lỗi nhập liệu." in response.content.decode()
    assert not ArticlePage.objects.get(pk=article.pk).live
