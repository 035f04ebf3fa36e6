"""The page's address under its title in the editor of every page type (issue 18, point 1):
the slug is on the "Quảng bá" tab, so the editor sees the address on the tab they work in."""

import json

from django.urls import reverse

from wagtail.models import get_page_models

import pytest
from bs4 import BeautifulSoup

from core.models import BasePage
from tests.factories import (
    ArticlePageFactory,
    InfographicPageFactory,
    LegalDocumentIndexPageFactory,
    MultimediaIndexPageFactory,
    PolicyIndexPageFactory,
    SectionPageFactory,
)

PAGE_TYPES = sorted(
    (model for model in get_page_models() if issubclass(model, BasePage)),
    key=lambda model: model.__name__,
)


@pytest.fixture
def parents(home_page):
    return [
        home_page,
        SectionPageFactory(parent=home_page, title="Thời sự", slug="thoi-su"),
        MultimediaIndexPageFactory(parent=home_page),
        LegalDocumentIndexPageFactory(parent=home_page),
        PolicyIndexPageFactory(parent=home_page),
    ]


def address_under_title(html):
    """The address shown right after the title field, in the content tab."""
    title = BeautifulSoup(html, "html.parser").select_one("#id_title")
    panel = title.find_next(class_="page-address")
    return panel.select_one(".page-address__url").get_text(strip=True) if panel else None


@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda model: model.__name__)
def test_a_new_page_of_every_type_shows_its_parents_address_under_the_title(
    admin_client, parents, model
):
    parent = next((p for p in parents if model in p.specific_class.allowed_subpage_models()), None)
    if parent is None:  # the home page: its place is the site's root, not a parent's child
        assert model.__name__ == "HomePage"
        return
    existing = model.objects.first()
    if model.max_count and existing:  # one per site, made by the fixture: its own editor
        url, expected = reverse("wagtailadmin_pages:edit", args=[existing.pk]), existing.url
    else:
        args = [model._meta.app_label, model._meta.model_name, parent.pk]
        url, expected = reverse("wagtailadmin_pages:add", args=args), parent.url
    response = admin_client.get(url)
    assert response.status_code == 200
    assert address_under_title(response.text) == "http://localhost" + expected


def test_an_existing_page_shows_its_full_address_and_a_way_to_the_slug(admin_client, parents):
    article = ArticlePageFactory(
        parent=parents[1], slug="dieu-hanh-dat-nuoc-thu-tuong-chu-tri-hoi-nghi"
    )
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).text
    assert address_under_title(html) == (
        "http://localhost/thoi-su/dieu-hanh-dat-nuoc-thu-tuong-chu-tri-hoi-nghi/"
    )
    edit = BeautifulSoup(html, "html.parser").select_one(".page-address__edit")
    assert edit.get_text(strip=True) == "Sửa đường dẫn"
    assert "js/admin/page-address.js" in html


def test_an_address_changed_in_the_editor_keeps_the_old_one_as_a_redirect(
    admin_client, parents, client, django_capture_on_commit_callbacks
):
    """Wagtail's automatic redirects, through the admin's form for a multimedia page."""
    infographic = InfographicPageFactory(parent=parents[2], slug="giai-ngan-von")
    old_url = infographic.url
    text = {"blocks": [{"key": "a", "type": "unstyled", "text": "Giải ngân đạt 65%."}]}
    data = {
        "title": infographic.title,
        "slug": "ket-qua-giai-ngan-von-dau-tu-cong",
        "sapo": infographic.sapo,
        "byline": infographic.byline,
        "image": infographic.image_id,
        "text_alternative": json.dumps({**text, "entityMap": {}}),
        "comment_notifications": "",
        "action-publish": "publish",
    }
    url = reverse("wagtailadmin_pages:edit", args=[infographic.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(url, data).status_code == 302
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"].endswith("/multimedia/ket-qua-giai-ngan-von-dau-tu-cong/")
