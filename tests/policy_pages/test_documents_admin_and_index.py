"""Editors get clear messages for a wrong document; readers filter and search the index, and a
bad filter value never breaks it."""

from datetime import date

from django.core.exceptions import ValidationError

import pytest
from bs4 import BeautifulSoup

from policy_pages.models import LegalDocumentPage, LegalDocumentRelation
from tests.factories import (
    IssuingBodyFactory,
    LegalDocumentPageFactory,
    LegalFieldFactory,
    relate,
)
from tests.helpers import count_queries
from tests.policy_pages.admin_forms import add, document_form


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"number_symbol": "15-2025-ND"}, "number_symbol", "không đúng dạng"),
        ({"number_symbol": ""}, "number_symbol", "Nhập số, ký hiệu"),
        ({"effective_on": "2025-02-01"}, "effective_on", "không thể trước ngày ban hành"),
        ({"expires_on": "2025-04-01"}, "expires_on", "phải sau ngày có hiệu lực"),
    ],
)
def test_the_admin_refuses_a_wrong_document_with_a_clear_message(
    admin_client, documents_index, overrides, field, message
):
    response = add(admin_client, documents_index, document_form(**overrides))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not LegalDocumentPage.objects.exists()


def test_a_valid_document_is_saved_with_its_number_key(admin_client, documents_index):
    response = add(admin_client, documents_index, document_form())
    assert response.status_code == 302
    assert LegalDocumentPage.objects.get().number_key == "15/2025/ND-CP"


def test_a_number_is_unique_per_issuing_body_only(admin_client, documents_index):
    LegalDocumentPageFactory(parent=documents_index, number_symbol="15/2025/NĐ-CP")
    response = add(admin_client, documents_index, document_form())
    assert "Cơ quan này đã có văn bản số “15/2025/NĐ-CP”" in " ".join(
        response.context["form"].errors["number_symbol"]
    )
    ministry = IssuingBodyFactory(name="Bộ Công Thương")
    response = add(admin_client, documents_index, document_form(issuing_body=str(ministry.pk)))
    assert response.status_code == 302


def test_a_document_cannot_relate_to_itself(documents_index):
    document = LegalDocumentPageFactory(parent=documents_index)
    with pytest.raises(ValidationError) as error:
        LegalDocumentRelation(page=document, target=document, relation_type="amends").full_clean()
    assert "chính nó" in " ".join(error.value.message_dict["target"])


def test_a_constitution_needs_no_number(admin_client, client, documents_index):
    """A decree without one is refused (above); a constitution has none, and a second one from
    the same National Assembly does not clash with the first over the empty number."""
    assembly = IssuingBodyFactory(name="Quốc hội")
    LegalDocumentPageFactory(
        parent=documents_index,
        title="Hiến pháp năm 1992",
        document_type="hien-phap",
        number_symbol="",
        issuing_body=assembly,
    )
    data = document_form(
        title="Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2013",
        slug="hien-phap-2013",
        number_symbol="",
        document_type="hien-phap",
        issuing_body=str(assembly.pk),
        issued_on="2013-11-28",
        effective_on="2014-01-01",
    )
    response = add(admin_client, documents_index, {**data, "action-publish": "publish"})
    assert response.status_code == 302, response.context["form"].errors
    constitution = LegalDocumentPage.objects.get(slug="hien-phap-2013")
    assert (constitution.number_symbol, constitution.live) == ("", True)
    assert "Hiến pháp nước Cộng hòa" in client.get(constitution.url).content.decode()


# The index ---------------------------------------------------------------------------------------


@pytest.fixture
def library(documents_index):
    finance = LegalFieldFactory(name="Tài chính")
    education = LegalFieldFactory(name="Giáo dục")
    ministry = IssuingBodyFactory(name="Bộ Tài chính")
    decree = LegalDocumentPageFactory(
        parent=documents_index,
        title="Nghị định về hóa đơn, chứng từ",
        number_symbol="123/2020/NĐ-CP",
        issued_on=date(2020, 10, 19),
        effective_on=date(2022, 7, 1),
    )
    decree.fields.add(finance)
    decree.save()
    circular = LegalDocumentPageFactory(
        parent=documents_index,
        title="Thông tư hướng dẫn về hóa đơn điện tử",
        number_symbol="78/2021/TT-BTC",
        document_type="thong-tu",
        issuing_body=ministry,
        issued_on=date(2021, 9, 17),
        effective_on=date(2022, 7, 1),
    )
    circular.fields.add(finance)
    circular.save()
    law = LegalDocumentPageFactory(
        parent=documents_index,
        title="Luật Giáo dục",
        number_symbol="43/2019/QH14",
        document_type="luat",
        issuing_body=IssuingBodyFactory(name="Quốc hội"),
        issued_on=date(2019, 6, 14),
        effective_on=date(2020, 7, 1),
        summary="Quy định về hệ thống giáo dục quốc dân.",
    )
    law.fields.add(education)
    law.save()
    LegalDocumentPageFactory(parent=documents_index, title="Văn bản nháp", live=False)
    replacement = LegalDocumentPageFactory(
        parent=documents_index,
        title="Nghị định thay thế về hóa đơn",
        number_symbol="70/2025/NĐ-CP",
        issued_on=date(2025, 3, 20),
        effective_on=date(2025, 6, 1),
    )
    relate(replacement, "replaces", decree)
    return {"decree": decree, "circular": circular, "law": law, "replacement": replacement}


def titles(client, index, **params):
    response = client.get(index.url, params)
    assert response.status_code == 200
    return [document.title for document in response.context["documents"]]


def test_the_index_lists_live_documents_newest_issue_first(client, documents_index, library):
    assert titles(client, documents_index) == [
        "Nghị định thay thế về hóa đơn",
        "Thông tư hướng dẫn về hóa đơn điện tử",
        "Nghị định về hóa đơn, chứng từ",
        "Luật Giáo dục",
    ]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"loai": "thong-tu"}, ["Thông tư hướng dẫn về hóa đơn điện tử"]),
        ({"co-quan": "quoc-hoi"}, ["Luật Giáo dục"]),
        ({"linh-vuc": "giao-duc"}, ["Luật Giáo dục"]),
        ({"nam": "2021"}, ["Thông tư hướng dẫn về hóa đơn điện tử"]),
        ({"hieu-luc": "het-hieu-luc"}, ["Nghị định về hóa đơn, chứng từ"]),
        ({"q": "78/2021/TT-BTC"}, ["Thông tư hướng dẫn về hóa đơn điện tử"]),
        ({"q": "123/2020/ND-CP"}, ["Nghị định về hóa đơn, chứng từ"]),  # typed without "Đ"
        ({"q": "hệ thống giáo dục"}, ["Luật Giáo dục"]),
        ({"loai": "nghi-dinh", "nam": "2025"}, ["Nghị định thay thế về hóa đơn"]),
    ],
)
def test_filters_and_search(client, documents_index, library, params, expected):
    assert titles(client, documents_index, **params) == expected


@pytest.mark.parametrize(
    "params",
    [
        {"loai": "khong-co"},
        {"co-quan": "<script>alert(1)</script>"},
        {"linh-vuc": "' OR 1=1 --"},
        {"nam": "20x1"},
        {"nam": "99999999999999999999"},
        {"nam": "-5"},
        {"hieu-luc": "vinh-vien"},
        {"page": "abc"},
        {"q": ""},
        {"q": "%_\\"},
    ],
)
def test_bad_filter_values_are_ignored_not_an_error(client, documents_index, library, params):
    assert len(titles(client, documents_index, **params)) in (4, 0)
    assert client.get(documents_index.url, params).status_code == 200


def test_a_very_long_query_is_cut_not_refused(client, documents_index, library):
    response = client.get(documents_index.url, {"q": "giáo dục " * 2000})
    assert response.status_code == 200


def test_the_form_remembers_the_filters_and_pagination_keeps_them(client, documents_index, library):
    for n in range(25):
        LegalDocumentPageFactory(
            parent=documents_index, document_type="thong-tu", issued_on=date(2023, 1, 1 + n % 28)
        )
    response = client.get(documents_index.url, {"loai": "thong-tu"})
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one("#doc-type option[selected]")["value"] == "thong-tu"
    assert page.select_one(".pagination a[rel=next]")["href"] == "?loai=thong-tu&page=2"
    assert (
        len(client.get(documents_index.url, {"loai": "thong-tu", "page": 2}).context["documents"])
        == 6
    )


def test_the_index_costs_the_same_queries_at_any_size(client, documents_index, library):
    params = {"loai": "nghi-dinh", "hieu-luc": "con-hieu-luc"}
    client.get(documents_index.url, params)
    few = count_queries(client, documents_index.url, params)
    for n in range(30):
        LegalDocumentPageFactory(parent=documents_index, issued_on=date(2024, 1, 1 + n % 28))
    assert count_queries(client, documents_index.url, params) == few
    assert few <= 12


def test_the_home_page_shows_the_newest_documents(client, home_page, documents_index, library):
    page = BeautifulSoup(client.get(home_page.url).content, "html.parser")
    block = page.select_one(".home-documents")
    assert [a.get_text() for a in block.select(".doc-item__title a")][:2] == [
        "Nghị định thay thế về hóa đơn",
        "Thông tư hướng dẫn về hóa đơn điện tử",
    ]
    assert "Văn bản nháp" not in block.get_text()
    assert block.select_one(".more-link a")["href"] == documents_index.url
