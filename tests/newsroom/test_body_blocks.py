from django.core.files.base import ContentFile

from wagtail.blocks import StructBlockValidationError
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

import pytest

from media.models import PortalDocument
from newsroom.blocks import RelatedLinkBlock
from tests.factories import ArticlePageFactory, PortalImageFactory, SectionPageFactory


@pytest.fixture
def section(home_page):
    return SectionPageFactory(parent=home_page, title="Xã hội", slug="xa-hoi")


def article_html(client, section, body, **kwargs):
    article = ArticlePageFactory(parent=section, body=body, **kwargs)
    response = client.get(article.url)
    assert response.status_code == 200
    return response.text


def test_photos_are_numbered_in_order_lead_photo_first(client, section):
    second = PortalImageFactory(caption="Nông dân thu hoạch lúa", credit="TTXVN/Vũ Sinh")
    third = PortalImageFactory(caption="Máy gặt đập liên hợp trên cánh đồng", credit="")
    html = article_html(
        client,
        section,
        [
            ("image", {"image": second, "caption": ""}),
            ("paragraph", RichText("<p>Vụ mùa năm nay được mùa, được giá.</p>")),
            ("image", {"image": third, "caption": "Cánh đồng mẫu lớn ở Cần Thơ"}),
        ],
    )
    assert "Quang cảnh hội nghị trực tuyến với các địa phương - Ảnh 1" in html
    assert "Nông dân thu hoạch lúa - Ảnh 2" in html
    assert "Cánh đồng mẫu lớn ở Cần Thơ - Ảnh 3" in html  # the block's caption wins
    assert html.index("Ảnh 1") < html.index("Ảnh 2") < html.index("Ảnh 3")
    assert "Ảnh: TTXVN/Vũ Sinh" in html


def test_body_photos_start_at_one_without_a_lead_photo(client, section):
    photo = PortalImageFactory(caption="Toàn cảnh cầu Cần Thơ")
    html = article_html(client, section, [("image", {"image": photo, "caption": ""})], image=None)
    assert "Toàn cảnh cầu Cần Thơ - Ảnh 1" in html


def test_pull_quote_shows_the_quote_and_who_said_it(client, section):
    html = article_html(
        client,
        section,
        [("pull_quote", {"quote": "Không để ai bị bỏ lại phía sau.", "attribution": "Thủ tướng"})],
    )
    assert "<blockquote><p>Không để ai bị bỏ lại phía sau.</p></blockquote>" in html
    assert "<figcaption>Thủ tướng</figcaption>" in html


def test_table_has_caption_and_header_cells_and_scrolls_in_its_frame(client, section):
    table = {
        "data": [["Tỉnh", "Tăng trưởng"], ["Bắc Ninh", "7,1%"], ["Quảng Ninh", "10,2%"]],
        "first_row_is_table_header": True,
        "first_col_is_header": False,
        "table_caption": "Tăng trưởng GRDP 9 tháng",
    }
    html = article_html(client, section, [("table", table)])
    assert 'class="table-wrap" role="region" tabindex="0"' in html
    assert "<caption>Tăng trưởng GRDP 9 tháng</caption>" in html
    assert '<th scope="col"' in html and "Tăng trưởng" in html
    assert "10,2%" in html


def test_attachment_shows_type_and_size(client, section):
    document = PortalDocument(title="Dự thảo nghị định")
    document.file.save("du-thao.pdf", ContentFile(b"%PDF-1.4\n" + b"0" * 2048), save=False)
    document.file_size = document.file.size  # as the admin's upload form records it
    document.save()
    html = article_html(client, section, [("document", {"document": document, "title": ""})])
    assert f'href="{document.url}"' in html
    assert "Dự thảo nghị định" in html
    assert "(PDF, 2,0\xa0KB)" in html or "(PDF, 2.0\xa0KB)" in html


def test_related_link_to_a_portal_page_uses_its_title(client, section):
    other = ArticlePageFactory(parent=section, title="Bài liên quan về giáo dục")
    html = article_html(
        client, section, [("related_link", {"page": other, "url": "", "title": ""})]
    )
    assert f'<a href="{other.url}">Bài liên quan về giáo dục</a>' in html


def test_a_see_also_link_to_a_story_readers_cannot_see_yet_shows_nothing(client, section):
    draft = ArticlePageFactory(parent=section, title="Tin chưa đăng về học phí", live=False)
    private = ArticlePageFactory(parent=section, title="Tin nội bộ về biên chế")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    body = [
        ("related_link", {"page": draft, "url": "", "title": "Xem tin học phí"}),
        ("related_link", {"page": private, "url": "", "title": ""}),
    ]
    html = article_html(client, section, body)
    assert "học phí" not in html and "biên chế" not in html
    assert "Xem thêm:" not in html
    draft.save_revision().publish()
    assert "Xem tin học phí" in client.get(section.get_children().last().url).text


def test_a_rich_text_link_to_a_story_readers_cannot_see_keeps_its_words_not_its_address(
    client, section
):
    draft = ArticlePageFactory(parent=section, slug="tang-hoc-phi-tu-thang-chin", live=False)
    shown = ArticlePageFactory(parent=section, slug="tin-da-dang-ve-hoc-phi")
    link = '<p>Xem <a linktype="page" id="{}">{}</a>.</p>'
    body = [
        ("paragraph", RichText(link.format(draft.pk, "tin sắp đăng"))),
        ("paragraph", RichText(link.format(shown.pk, "tin đã đăng"))),
    ]
    html = article_html(client, section, body)
    assert "tang-hoc-phi-tu-thang-chin" not in html
    assert "<a>tin sắp đăng</a>" in html
    assert f'<a href="{shown.url}">tin đã đăng</a>' in html


@pytest.mark.parametrize(
    ("value", "field", "message"),
    [
        ({"page": None, "url": "", "title": "X"}, "page", "Chọn một trang trên cổng"),
        ({"page": None, "url": "https://example.vn/a", "title": ""}, "title", "Nhập tiêu đề"),
    ],
)
def test_related_link_needs_exactly_one_target_and_a_title_for_outside_links(value, field, message):
    with pytest.raises(StructBlockValidationError) as error:
        RelatedLinkBlock().clean(value)
    assert message in str(error.value.block_errors[field])


def test_related_link_refuses_both_a_page_and_an_address(section):
    with pytest.raises(StructBlockValidationError):
        RelatedLinkBlock().clean({"page": section, "url": "https://example.vn", "title": "X"})
