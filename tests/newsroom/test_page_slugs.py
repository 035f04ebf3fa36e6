"""Page addresses from Vietnamese titles, whichever way a page is saved (issue 18, point 1)."""

from django.urls import reverse

from wagtail.contrib.redirects.models import Redirect

import pytest

from core.slugs import wagtail_js_slug
from newsroom.models import ArticlePage
from tests.factories import ArticlePageFactory, PolicyPageFactory, SectionPageFactory
from tests.helpers import admin_article_form

# Real headlines: the six tones (ngang, huyền, sắc, hỏi, ngã, nặng), đ/Đ, ư/ơ/ă/â/ê/ô,
# a colon, curly quotes, a percentage and "77 năm".
TITLES = {
    "Điều hành đất nước: Thủ tướng chủ trì hội nghị": (
        "dieu-hanh-dat-nuoc-thu-tuong-chu-tri-hoi-nghi"
    ),
    "77 năm Văn phòng Chính phủ: “Hành trình vẻ vang”": (
        "77-nam-van-phong-chinh-phu-hanh-trinh-ve-vang"
    ),
    "Đổi mới thể chế, gỡ “điểm nghẽn” của nền kinh tế": (
        "doi-moi-the-che-go-diem-nghen-cua-nen-kinh-te"
    ),
    "Quốc hội thông qua Luật Đất đai (sửa đổi) với 98,5% đại biểu tán thành": (
        "quoc-hoi-thong-qua-luat-dat-dai-sua-doi-voi-98-5-dai-bieu-tan-thanh"
    ),
    "Ưu tiên nguồn lực cho vùng đồng bào dân tộc thiểu số, miền núi": (
        "uu-tien-nguon-luc-cho-vung-dong-bao-dan-toc-thieu-so-mien-nui"
    ),
    "Hà Nội–Hải Phòng: khởi công cao tốc “xanh” 12.000 tỷ đồng": (
        "ha-noi-hai-phong-khoi-cong-cao-toc-xanh-12-000-ty-dong"
    ),
}


@pytest.fixture
def section(home_page):
    return SectionPageFactory(parent=home_page, title="Thời sự", slug="thoi-su")


def add_article(admin_client, section, title, slug, action="action-publish"):
    url = reverse("wagtailadmin_pages:add", args=["newsroom", "articlepage", section.pk])
    data = admin_article_form(title, slug)
    data[action] = action.removeprefix("action-")
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    return ArticlePage.objects.filter(title=title).order_by("-pk").first()


def test_wagtails_admin_script_mangles_vietnamese_as_the_issue_reports():
    # The rendering the server must recognise, as Wagtail 8's admin script makes it.
    title = "Điều hành đất nước: Thủ tướng chủ trì hội nghị"
    assert wagtail_js_slug(title) == "djiu-hanh-djt-nc-th-tng-ch-tri-hi-ngh"


@pytest.mark.parametrize(("title", "expected"), TITLES.items())
def test_a_story_saved_in_the_admin_with_the_scripts_slug_gets_the_folded_address(
    admin_client, section, title, expected
):
    article = add_article(admin_client, section, title, wagtail_js_slug(title))
    assert article.slug == expected
    assert article.live and article.url == f"/thoi-su/{expected}/"


def test_a_draft_saved_in_the_admin_gets_the_folded_address(admin_client, section):
    title = "Điều hành đất nước: Thủ tướng chủ trì hội nghị"
    article = add_article(admin_client, section, title, wagtail_js_slug(title), "action-save")
    assert not article.live
    assert article.slug == "dieu-hanh-dat-nuoc-thu-tuong-chu-tri-hoi-nghi"


def test_the_same_headline_twice_under_one_section_gets_a_second_address(admin_client, section):
    title = "Điều hành đất nước: Thủ tướng chủ trì hội nghị"
    first = add_article(admin_client, section, title, wagtail_js_slug(title))
    second = add_article(admin_client, section, title, wagtail_js_slug(title))
    assert first.slug == "dieu-hanh-dat-nuoc-thu-tuong-chu-tri-hoi-nghi"
    assert second.slug == "dieu-hanh-dat-nuoc-thu-tuong-chu-tri-hoi-nghi-2"


def test_an_address_the_editor_typed_is_kept(admin_client, section):
    title = "Điều hành đất nước: Thủ tướng chủ trì hội nghị"
    article = add_article(admin_client, section, title, "hoi-nghi-chinh-phu-thang-6")
    assert article.slug == "hoi-nghi-chinh-phu-thang-6"


@pytest.mark.parametrize("slug", ["", "djiu-hanh-djt-nc-th-tng-ch-tri-hi-ngh", "ieu-hanh-at-nuoc"])
def test_a_page_saved_from_code_gets_the_folded_address(section, slug):
    # Empty (Wagtail's server would make "ieu-hanh-at-nuoc-…" with Django's slugify), the
    # admin script's rendering, or Django's.
    title = "Điều hành đất nước" if slug == "ieu-hanh-at-nuoc" else next(iter(TITLES))
    article = ArticlePageFactory(parent=section, title=title, slug=slug)
    article.refresh_from_db()
    assert article.slug == TITLES.get(title, "dieu-hanh-dat-nuoc")


def test_every_page_type_folds_its_address(home_page):
    policy = PolicyPageFactory(title="Chính sách hỗ trợ đồng bào vùng lũ", slug="")
    assert policy.slug == "chinh-sach-ho-tro-dong-bao-vung-lu"
    section = SectionPageFactory(parent=home_page, title="Đời sống", slug="")
    assert section.slug == "doi-song"


def test_an_address_in_vietnamese_letters_from_an_import_is_folded(section):
    article = ArticlePageFactory(parent=section, title="Tin nhập khẩu", slug="kỳ-họp-thứ-mười")
    article.refresh_from_db()
    assert article.slug == "ky-hop-thu-muoi"


def test_a_copy_gets_a_folded_address_unique_under_its_new_parent(section, home_page):
    title = "Điều hành đất nước: Thủ tướng chủ trì hội nghị"
    original = ArticlePageFactory(parent=section, title=title, slug="")
    other = SectionPageFactory(parent=home_page, title="Chính phủ", slug="chinh-phu")
    ArticlePageFactory(parent=other, title=title, slug="")
    copy = original.copy(to=other, update_attrs={"slug": wagtail_js_slug(title)})
    copy.refresh_from_db()
    assert copy.slug == "dieu-hanh-dat-nuoc-thu-tuong-chu-tri-hoi-nghi-2"
    # The draft the copy opens with, which publishing would apply, says the same.
    assert copy.get_latest_revision().content["slug"] == copy.slug


def test_a_published_story_whose_address_changes_keeps_the_old_one_as_a_redirect(
    admin_client, section, client, django_capture_on_commit_callbacks
):
    title = "Điều hành đất nước: Thủ tướng chủ trì hội nghị"
    article = add_article(admin_client, section, title, wagtail_js_slug(title))
    old_url = article.url
    article.slug = "hoi-nghi-chinh-phu-thang-6"
    # Wagtail makes the redirect once the publication is committed.
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    assert Redirect.objects.filter(old_path=old_url.rstrip("/")).exists()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"].endswith("/thoi-su/hoi-nghi-chinh-phu-thang-6/")


def test_the_promote_tab_keeps_wagtails_fields_around_the_folding_slug(admin_client, section):
    url = reverse("wagtailadmin_pages:add", args=["newsroom", "articlepage", section.pk])
    html = admin_client.get(url).text
    assert "data-w-slug-formatters-value" in html
    for field in ("id_slug", "id_seo_title", "id_search_description", "id_show_in_menus"):
        assert f'id="{field}"' in html
