"""A sapo pasted with the portal's own "(Chinhphu.vn) - " shows it once: the page adds it."""

from django.urls import reverse

from wagtail.models import Site

import pytest
from bs4 import BeautifulSoup

from core.models import SiteSettings
from newsroom.models import ArticlePage
from tests.factories import ArticlePageFactory, SectionPageFactory
from tests.helpers import admin_article_form

SAPO = "Chính phủ họp phiên thường kỳ tháng 8, bàn giải pháp thúc đẩy tăng trưởng."
PASTED = [
    "(Chinhphu.vn) - ",
    "(Chinhphu.vn)- ",
    "(Chinhphu.vn) -",
    "(Chinhphu.vn)-",
    "( Chinhphu.vn )  –  ",
    "(chinhphu.vn) – ",
    "(CHINHPHU.VN) — ",
    "  (Chinhphu.vn)\u00a0-\u00a0",
]
OTHER_OUTLET = "(TTXVN) - " + SAPO
PUBLISH = {"action-publish": "publish"}


@pytest.fixture
def section(home_page):
    return SectionPageFactory(parent=home_page, title="Thời sự", slug="thoi-su")


def shown_sapo(client, article):
    response = client.get(article.url)
    assert response.status_code == 200
    return BeautifulSoup(response.text, "html.parser").select_one(".article__sapo").get_text()


@pytest.mark.parametrize("pasted", PASTED)
def test_a_prefix_pasted_in_the_add_form_is_shown_once(admin_client, section, pasted):
    url = reverse("wagtailadmin_pages:add", args=["newsroom", "articlepage", section.pk])
    assert (
        admin_client.post(url, admin_article_form(sapo=pasted + SAPO, **PUBLISH)).status_code == 302
    )
    article = ArticlePage.objects.get(slug="hop-chinh-phu-thuong-ky")
    assert article.sapo == SAPO
    assert shown_sapo(admin_client, article) == f"(Chinhphu.vn) - {SAPO}"


@pytest.mark.parametrize("pasted", PASTED)
def test_a_prefix_pasted_in_the_edit_form_is_shown_once(admin_client, section, pasted):
    article = ArticlePageFactory(parent=section, slug="hop-chinh-phu-thuong-ky")
    url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    assert (
        admin_client.post(url, admin_article_form(sapo=pasted + SAPO, **PUBLISH)).status_code == 302
    )
    article.refresh_from_db()
    assert article.sapo == SAPO
    assert shown_sapo(admin_client, article) == f"(Chinhphu.vn) - {SAPO}"


def test_a_draft_keeps_the_sapo_the_editor_will_see_on_the_page(admin_client, section):
    article = ArticlePageFactory(parent=section, slug="hop-chinh-phu-thuong-ky")
    data = admin_article_form(sapo="(Chinhphu.vn) - " + SAPO, **PUBLISH)
    del data["action-publish"]
    url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    assert admin_client.post(url, data).status_code == 302
    article.refresh_from_db()
    assert article.get_latest_revision_as_object().sapo == SAPO
    form = BeautifulSoup(admin_client.get(url).text, "html.parser")
    assert form.select_one("textarea[name=sapo]").get_text().strip() == SAPO


@pytest.mark.parametrize("pasted", PASTED)
def test_a_prefix_in_a_sapo_saved_from_code_is_shown_once(client, section, pasted):
    article = ArticlePageFactory(parent=section, sapo=pasted + SAPO)
    assert ArticlePage.objects.get(pk=article.pk).sapo == SAPO
    assert shown_sapo(client, article) == f"(Chinhphu.vn) - {SAPO}"


def test_a_prefix_in_a_revision_published_from_code_is_shown_once(client, section):
    article = ArticlePageFactory(parent=section)
    article.sapo = "(Chinhphu.vn) – " + SAPO
    article.save_revision().publish()
    assert shown_sapo(client, ArticlePage.objects.get(pk=article.pk)) == f"(Chinhphu.vn) - {SAPO}"


def test_another_outlets_prefix_is_kept_from_the_admin(admin_client, section):
    url = reverse("wagtailadmin_pages:add", args=["newsroom", "articlepage", section.pk])
    pasted = "(Chinhphu.vn) - " + OTHER_OUTLET
    assert admin_client.post(url, admin_article_form(sapo=pasted, **PUBLISH)).status_code == 302
    article = ArticlePage.objects.get(slug="hop-chinh-phu-thuong-ky")
    assert shown_sapo(admin_client, article) == f"(Chinhphu.vn) - {OTHER_OUTLET}"


def test_another_outlets_prefix_is_kept_from_code(client, section):
    article = ArticlePageFactory(parent=section, sapo="(Chinhphu.vn) - " + OTHER_OUTLET)
    assert shown_sapo(client, article) == f"(Chinhphu.vn) - {OTHER_OUTLET}"


def test_the_prefix_stripped_is_the_one_in_the_site_settings(client, section):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.short_name = "Baochinhphu.vn"
    settings.save()
    article = ArticlePageFactory(parent=section, sapo="(baochinhphu.vn) - (Chinhphu.vn) - " + SAPO)
    assert shown_sapo(client, article) == f"(Baochinhphu.vn) - (Chinhphu.vn) - {SAPO}"
