"""Every page with a sapo shows the portal's "(Chinhphu.vn) - " once: the multimedia kinds and
live coverage strip a pasted one on save, as articles do, and their editors say so."""

import json

from django.urls import reverse

import pytest
from bs4 import BeautifulSoup

from core.sapo import SAPO_HELP_TEXT
from tests.factories import (
    AudioBulletinPageFactory,
    InfographicPageFactory,
    LiveCoveragePageFactory,
    PhotoStoryPageFactory,
    PortalImageFactory,
    VideoPageFactory,
)

SAPO = "Những khoảnh khắc đáng nhớ của phiên họp Chính phủ thường kỳ tháng 8."
PASTED = ["(Chinhphu.vn) - ", "( chinhphu.vn )\u00a0–\u00a0", "(CHINHPHU.VN)—"]
MULTIMEDIA = [
    PhotoStoryPageFactory,
    VideoPageFactory,
    AudioBulletinPageFactory,
    InfographicPageFactory,
]


def shown_sapo(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.text, "html.parser").select_one(".article__sapo").get_text()


@pytest.mark.parametrize("pasted", PASTED)
@pytest.mark.parametrize("factory", MULTIMEDIA, ids=lambda f: f._meta.model.__name__)
def test_a_multimedia_sapo_saved_with_the_prefix_shows_it_once(
    client, multimedia_index, factory, pasted
):
    page = factory(parent=multimedia_index, sapo=pasted + SAPO)
    page.refresh_from_db()
    assert page.sapo == SAPO
    assert shown_sapo(client, page) == f"(Chinhphu.vn) - {SAPO}"


@pytest.mark.parametrize("pasted", PASTED)
def test_a_live_coverage_sapo_saved_with_the_prefix_shows_it_once(client, section, pasted):
    page = LiveCoveragePageFactory(parent=section, sapo=pasted + SAPO)
    page.refresh_from_db()
    assert page.sapo == SAPO
    assert shown_sapo(client, page) == f"(Chinhphu.vn) - {SAPO}"


def test_a_multimedia_revision_published_from_code_loses_the_prefix(client, multimedia_index):
    page = VideoPageFactory(parent=multimedia_index)
    page.sapo = "(Chinhphu.vn) – " + SAPO
    page.save_revision().publish()
    page.refresh_from_db()
    assert shown_sapo(client, page) == f"(Chinhphu.vn) - {SAPO}"


def test_another_outlets_prefix_on_a_multimedia_sapo_is_kept(client, multimedia_index):
    page = AudioBulletinPageFactory(parent=multimedia_index, sapo="(VOV) - " + SAPO)
    assert shown_sapo(client, page) == f"(Chinhphu.vn) - (VOV) - {SAPO}"


@pytest.mark.parametrize(
    ("model", "parent"),
    [
        ("photostorypage", "multimedia_index"),
        ("videopage", "multimedia_index"),
        ("audiobulletinpage", "multimedia_index"),
        ("infographicpage", "multimedia_index"),
        ("livecoveragepage", "section"),
    ],
)
def test_every_editor_with_a_sapo_says_the_prefix_is_added(admin_client, request, model, parent):
    app = "newsroom" if model == "livecoveragepage" else "media"
    parent_page = request.getfixturevalue(parent)
    url = reverse("wagtailadmin_pages:add", args=[app, model, parent_page.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert str(SAPO_HELP_TEXT) in response.content.decode()


def test_a_draft_infographic_keeps_the_sapo_the_editor_will_see(admin_client, multimedia_index):
    """A draft is a revision saved without the page's save(): the admin form strips too."""
    page = InfographicPageFactory(parent=multimedia_index)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    text = {"blocks": [{"key": "a", "type": "unstyled", "text": "Giải ngân đạt 65%."}]}
    data = {
        "title": page.title,
        "slug": page.slug,
        "sapo": "(Chinhphu.vn) - " + SAPO,
        "byline": "Minh Anh",
        "image": PortalImageFactory().pk,
        "text_alternative": json.dumps({**text, "entityMap": {}}),
        "comment_notifications": "",
    }
    assert admin_client.post(url, data).status_code == 302
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().sapo == SAPO
    form = BeautifulSoup(admin_client.get(url).text, "html.parser")
    assert form.select_one("textarea[name=sapo]").get_text().strip() == SAPO
