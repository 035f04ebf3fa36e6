"""A reader finds a document by type and year, follows what amended it, and reads a policy's
timeline; every page passes axe."""

from datetime import date, timedelta

from django.utils import timezone

import pytest

from tests.browser.conftest import assert_accessible
from tests.factories import (
    IssuingBodyFactory,
    LegalDocumentIndexPageFactory,
    LegalDocumentPageFactory,
    PolicyIndexPageFactory,
    PolicyPageFactory,
    milestone,
    relate,
)


@pytest.fixture
def desk(home_page):
    documents = LegalDocumentIndexPageFactory(parent=home_page)
    decree = LegalDocumentPageFactory(
        parent=documents,
        title="Nghị định về hóa đơn, chứng từ",
        number_symbol="123/2020/NĐ-CP",
        issued_on=date(2020, 10, 19),
        effective_on=date(2022, 7, 1),
    )
    amendment = LegalDocumentPageFactory(
        parent=documents,
        title="Nghị định sửa đổi quy định về hóa đơn",
        number_symbol="70/2025/NĐ-CP",
        issued_on=date(2025, 3, 20),
        effective_on=date(2025, 6, 1),
    )
    relate(amendment, "amends", decree)
    LegalDocumentPageFactory(
        parent=documents,
        title="Thông tư hướng dẫn hóa đơn điện tử",
        number_symbol="78/2021/TT-BTC",
        document_type="thong-tu",
        issuing_body=IssuingBodyFactory(name="Bộ Tài chính"),
        issued_on=date(2021, 9, 17),
    )
    policies = PolicyIndexPageFactory(parent=home_page)
    policy = PolicyPageFactory(parent=policies, title="Chính sách hóa đơn điện tử toàn quốc")
    today = timezone.localdate()
    milestone(policy, "de-xuat", today - timedelta(days=60), note="Bộ Tài chính đề xuất.")
    milestone(policy, "lay-y-kien", today - timedelta(days=5), closes_on=today + timedelta(days=25))
    milestone(policy, "tham-dinh", today + timedelta(days=40))
    return {"documents": documents, "policies": policies, "policy": policy}


def test_a_reader_filters_documents_and_follows_an_amendment(desk, live_url, page):
    page.goto(live_url + desk["documents"].url)
    assert_accessible(page)
    # Each choice says what it would find: two decrees, one circular.
    page.get_by_label("Loại văn bản").select_option(label="Nghị định (2)")
    page.get_by_label("Năm ban hành").select_option("2020")
    page.get_by_role("button", name="Tìm văn bản").click()
    page.wait_for_url("**nam=2020**")
    titles = page.locator(".doc-item__title a")
    assert titles.all_inner_texts() == ["Nghị định về hóa đơn, chứng từ"]
    assert page.locator(".result-count").inner_text() == "1 văn bản"
    assert_accessible(page)

    titles.first.click()
    page.wait_for_selector(".relations")
    assert page.locator(".status-badge").inner_text() == "Hết hiệu lực một phần"
    relation = page.locator(".relations li").first
    assert relation.locator(".relations__label").inner_text() == "Được sửa đổi, bổ sung bởi"
    assert_accessible(page)
    relation.get_by_role("link").click()
    page.wait_for_selector("h1")
    assert page.locator("h1").inner_text() == "Nghị định sửa đổi quy định về hóa đơn"
    assert page.locator(".relations__label").first.inner_text() == "Sửa đổi, bổ sung"


def test_a_reader_opens_a_policy_and_reads_its_timeline(desk, live_url, page):
    page.goto(live_url + desk["policies"].url)
    assert "Đang lấy ý kiến · còn 25 ngày" in page.locator(".consultation-flag").inner_text()
    assert_accessible(page)
    page.get_by_role("link", name="Chính sách hóa đơn điện tử toàn quốc").click()
    page.wait_for_selector(".timeline")
    stages = page.locator(".timeline__stage").all_inner_texts()
    assert stages == ["Đề xuất", "Lấy ý kiến nhân dân", "Thẩm định, trình"]
    assert "(sắp tới)" in page.locator(".timeline__item").nth(2).inner_text()
    assert "Đang lấy ý kiến" in page.locator(".consultation").inner_text()
    assert "Lấy ý kiến nhân dân" in page.locator(".article__meta").inner_text()
    assert_accessible(page)


def test_a_reader_follows_a_citation_to_its_clause_and_back(desk, live_url, page):
    """The amended decree is cited with a pinpoint: the link lands on the clause, the note says
    it is partly expired, and the decree lists the article; each page passes axe."""
    from wagtail.rich_text import RichText

    from tests.factories import ArticlePageFactory, SectionPageFactory

    decree = (
        desk["documents"]
        .get_children()
        .specific()
        .get(legaldocumentpage__number_symbol="123/2020/NĐ-CP")
    )
    decree.full_text = (
        "<p>Điều 1. Phạm vi điều chỉnh</p><p>1. Nghị định này quy định về hóa đơn.</p>"
        "<p>2. Hóa đơn điện tử có mã của cơ quan thuế.</p>" + "<p>Nội dung khác.</p>" * 40
    )
    decree.save_revision().publish()
    section = SectionPageFactory(parent=desk["policies"].get_parent(), slug="kinh-te")
    article = ArticlePageFactory(
        parent=section,
        title="Hóa đơn điện tử có mã của cơ quan thuế",
        body=[
            (
                "paragraph",
                RichText("<p>Theo khoản 2 Điều 1 Nghị định số 123/2020/NĐ-CP, hóa đơn có mã.</p>"),
            )
        ],
        live=False,
    )
    article.save_revision().publish()

    page.goto(live_url + article.url)
    notes = page.locator(".citation-notes")
    assert "hết hiệu lực một phần" in notes.inner_text()
    assert "70/2025/NĐ-CP" in notes.inner_text()
    assert_accessible(page)
    page.get_by_role("link", name="khoản 2 Điều 1 Nghị định số 123/2020/NĐ-CP").click()
    page.wait_for_url("**#dieu-1-khoan-2")
    assert page.locator("#dieu-1-khoan-2").is_visible()
    assert page.locator(".citing__list a").all_inner_texts() == [article.title]
    assert_accessible(page)
