"""The admin's searches find what editors type: no diacritics, punctuation as it comes.

Every library, chooser, listing and explorer search of the admin goes through the search backend
(core/search/backend.py), which folds the query as the site search does, and every indexed model
holds folded copies of its words.
"""

from importlib import import_module

from django.apps import apps as django_apps
from django.core.files.base import ContentFile
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.search.models import IndexEntry

import pytest

from media.models import PortalImage
from tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
    IssuingBodyFactory,
    PortalImageFactory,
    PortalMediaFactory,
    SectionPageFactory,
)

CREDITED = "Đại biểu dự lễ kỷ niệm tại hội trường"
NUMBERED = "VPCP 77 năm - ảnh 1"


def found(response, *titles):
    """Which of `titles` the answer lists."""
    assert response.status_code == 200
    return {title for title in titles if title in response.text}


@pytest.fixture
def photos(db):
    PortalImageFactory(title=CREDITED, credit="VGP/Trần Văn Sơn")
    PortalImageFactory(title="Toàn cảnh phiên họp", credit="VGP/Trần Văn Sáu")
    PortalImageFactory(title=NUMBERED, credit="VGP/Nhật Bắc")
    PortalImageFactory(title="VPCP 77 năm - ảnh 2", credit="VGP/Nhật Bắc")


ALL_PHOTOS = (CREDITED, "Toàn cảnh phiên họp", NUMBERED, "VPCP 77 năm - ảnh 2")


@pytest.mark.parametrize(
    "url_name", ["wagtailimages:index", "wagtailimages_chooser:choose_results"]
)
@pytest.mark.parametrize(
    ("query", "expected"),
    [("tran van son", {CREDITED}), ("Trần Văn Sơn", {CREDITED}), (NUMBERED, {NUMBERED})],
)
def test_the_image_library_and_chooser_fold_accents_and_punctuation(
    admin_client, photos, url_name, query, expected
):
    response = admin_client.get(reverse(url_name), {"q": query})
    assert found(response, *ALL_PHOTOS) == expected


@pytest.mark.parametrize("url_name", ["wagtaildocs:index", "wagtaildocs_chooser:choose_results"])
def test_the_document_library_and_chooser_fold_accents_and_punctuation(admin_client, url_name):
    titles = ("Báo cáo tổng kết năm 2025 - bản 1", "Báo cáo tổng kết năm 2025 - bản 2", "Tờ trình")
    for title in titles:
        get_document_model().objects.create(
            title=title, file=ContentFile(b"%PDF-1.4", name="bao-cao.pdf")
        )
    url = reverse(url_name)
    assert found(admin_client.get(url, {"q": "bao cao tong ket"}), *titles) == set(titles[:2])
    assert found(admin_client.get(url, {"q": titles[0]}), *titles) == {titles[0]}
    assert found(admin_client.get(url, {"q": "to trinh"}), *titles) == {"Tờ trình"}


def test_the_audio_and_video_library_folds_accents(admin_client):
    titles = ("Bản tin thời sự sáng 6/12", "Điểm tin kinh tế tuần")
    for title in titles:
        PortalMediaFactory(title=title)
    response = admin_client.get(reverse("wagtailmedia:index"), {"q": "ban tin thoi su"})
    assert found(response, *titles) == {titles[0]}


@pytest.fixture
def stories(home_page):
    section = SectionPageFactory(parent=home_page, title="Thời sự", slug="thoi-su")
    chaired = ArticlePageFactory(
        parent=section, title="Điều hành đất nước: Thủ tướng chủ trì hội nghị"
    )
    ArticlePageFactory(parent=section, title="Thủ tướng tiếp Đại sứ Nhật Bản")
    return section, chaired


STORIES = ("Điều hành đất nước: Thủ tướng chủ trì hội nghị", "Thủ tướng tiếp Đại sứ Nhật Bản")


@pytest.mark.parametrize(
    "query",
    ["thu tuong chu tri", "dieu hanh dat nuoc", "Điều hành đất nước: Thủ tướng chủ trì hội nghị"],
)
def test_the_page_search_explorer_and_chooser_fold_accents_and_punctuation(
    admin_client, stories, query
):
    section, _ = stories
    for url in (
        reverse("wagtailadmin_pages:search"),
        reverse("wagtailadmin_explore", args=[section.pk]),
        reverse("wagtailadmin_choose_page_search"),
    ):
        assert found(admin_client.get(url, {"q": query}), *STORIES) == {STORIES[0]}, url


@pytest.mark.parametrize(
    "url_name",
    [
        "wagtailsnippets_newsroom_author:list",
        "wagtailsnippetchoosers_newsroom_author:choose_results",
    ],
)
def test_the_author_listing_and_chooser_fold_accents(admin_client, url_name):
    AuthorFactory(name="Trần Văn Sơn", slug="tran-van-son")
    AuthorFactory(name="Trần Văn Sáu", slug="tran-van-sau")
    response = admin_client.get(reverse(url_name), {"q": "tran van son"})
    assert found(response, "Trần Văn Sơn", "Trần Văn Sáu") == {"Trần Văn Sơn"}


@pytest.mark.parametrize(
    "url_name",
    [
        "wagtailsnippets_policy_pages_issuingbody:list",
        "wagtailsnippetchoosers_policy_pages_issuingbody:choose_results",
    ],
)
def test_the_issuer_listing_and_chooser_fold_accents_and_punctuation(admin_client, url_name):
    names = ("Văn phòng Chính phủ (VPCP)", "Bộ Tư pháp", "Ủy ban Thường vụ Quốc hội")
    for name in names:
        IssuingBodyFactory(name=name)
    url = reverse(url_name)
    assert found(admin_client.get(url, {"q": "van phong chinh phu (vpcp)"}), *names) == {names[0]}
    assert found(admin_client.get(url, {"q": "uy ban thuong vu"}), *names) == {names[2]}


def test_photos_indexed_before_the_change_are_found_after_migrate(admin_client, photos):
    """An existing database holds index rows written without the folded words: the migration
    indexes the photos again."""
    IndexEntry.objects.all().delete()
    assert (
        found(admin_client.get(reverse("wagtailimages:index"), {"q": "tran"}), *ALL_PHOTOS) == set()
    )
    (operation,) = import_module("media.migrations.0005_admin_search").Migration.operations
    operation.code(django_apps, None)  # the models as they are now stand for the historical ones
    response = admin_client.get(reverse("wagtailimages:index"), {"q": "tran van son"})
    assert found(response, *ALL_PHOTOS) == {CREDITED}
    assert PortalImage.objects.count() == 4


def test_a_database_releases_behind_migrates_and_leaves_indexing_to_update_index(
    photos, monkeypatch, caplog
):
    """The migration indexes with the models as the code has them: on a database whose tables
    still lack a column a later migration adds, reading the rows fails. The migration must go on
    (later migrations add the column); `update_index` in the release steps indexes the rows."""

    def rows_of_a_newer_model(model):
        PortalImage.objects.extra(select={"later_column": "no_such_column"}).first()

    monkeypatch.setattr("core.search.indexing._index_rows", rows_of_a_newer_model)
    (operation,) = import_module("media.migrations.0005_admin_search").Migration.operations
    operation.code(django_apps, None)
    assert "left to update_index" in caplog.text
    assert PortalImage.objects.count() == 4  # the database still answers after the failure
