"""Wagtail's own editing tools work with the newsroom's models: editing, history, comparison."""

from django.urls import reverse

from wagtail.rich_text import RichText

import pytest

from tests.factories import ArticlePageFactory, LiveCoveragePageFactory, SectionPageFactory


@pytest.fixture
def section(home_page):
    return SectionPageFactory(parent=home_page, title="Thời sự", slug="thoi-su")


@pytest.mark.parametrize("factory", [ArticlePageFactory, LiveCoveragePageFactory])
def test_the_editor_opens_every_page_type(admin_client, section, factory):
    page = factory(parent=section)
    for target in (page, section, section.get_parent()):
        response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[target.pk]))
        assert response.status_code == 200


@pytest.mark.parametrize("model", ["articlepage", "livecoveragepage", "sectionpage"])
def test_the_add_form_opens_under_a_section(admin_client, section, model):
    url = reverse("wagtailadmin_pages:add", args=["newsroom", model, section.pk])
    assert admin_client.get(url).status_code == 200


def test_revisions_compare_body_changes_sensibly(admin_client, section):
    article = ArticlePageFactory(parent=section)
    first = article.save_revision()
    article.body = [
        ("paragraph", RichText("<p>Đoạn văn đã được biên tập lại.</p>")),
        ("pull_quote", {"quote": "Câu trích dẫn mới thêm.", "attribution": "Bộ trưởng"}),
    ]
    second = article.save_revision()
    url = reverse("wagtailadmin_pages:revisions_compare", args=[article.pk, first.pk, second.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "Đoạn văn đã được biên tập lại." in response.text
    assert "Câu trích dẫn mới thêm." in response.text


def test_an_old_revision_can_be_restored(admin_client, section):
    article = ArticlePageFactory(parent=section, title="Tiêu đề ban đầu")
    first = article.save_revision()
    article.title = "Tiêu đề sửa sai"
    article.save_revision().publish()
    url = reverse("wagtailadmin_pages:revisions_revert", args=[article.pk, first.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "Tiêu đề ban đầu" in response.text
