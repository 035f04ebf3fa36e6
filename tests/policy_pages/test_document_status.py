"""A document's status follows from its dates and from the documents in force that change it,
and is right on the very day a date passes."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup

from policy_pages.models import LegalDocumentPage
from tests.factories import IssuingBodyFactory, LegalDocumentPageFactory, relate

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def at(day, hour=0, minute=5):
    """A moment on `day` in Hà Nội: five past midnight by default, the first minutes of it."""
    return time_machine.travel(datetime(day.year, day.month, day.day, hour, minute, tzinfo=HANOI))


def status(document):
    return LegalDocumentPage.objects.get(pk=document.pk).status


@pytest.fixture
def decree(documents_index):
    return LegalDocumentPageFactory(
        parent=documents_index,
        title="Nghị định về quản lý thuế",
        number_symbol="126/2020/NĐ-CP",
        issued_on=date(2020, 10, 19),
        effective_on=date(2020, 12, 5),
    )


def test_a_document_comes_into_force_on_its_effective_day(decree):
    with at(date(2020, 12, 4), 23, 55):
        assert status(decree) == "chua-co-hieu-luc"
    with at(date(2020, 12, 5)):
        assert status(decree) == "con-hieu-luc"


def test_without_an_effective_date_it_is_in_force_from_its_issue_date(documents_index):
    notice = LegalDocumentPageFactory(
        parent=documents_index, issued_on=date(2024, 5, 10), effective_on=None
    )
    with at(date(2024, 5, 9)):
        assert status(notice) == "chua-co-hieu-luc"
    with at(date(2024, 5, 10)):
        assert status(notice) == "con-hieu-luc"


def test_a_document_with_a_term_expires_on_its_expiry_day(documents_index):
    directive = LegalDocumentPageFactory(
        parent=documents_index,
        issued_on=date(2024, 1, 2),
        effective_on=date(2024, 1, 2),
        expires_on=date(2025, 1, 1),
    )
    with at(date(2024, 12, 31), 23, 55):
        assert status(directive) == "con-hieu-luc"
    with at(date(2025, 1, 1)):
        assert status(directive) == "het-hieu-luc"


def test_an_amendment_makes_it_partly_expired_from_the_day_the_amendment_takes_effect(
    documents_index, decree
):
    amendment = LegalDocumentPageFactory(
        parent=documents_index,
        title="Nghị định sửa đổi Nghị định 126/2020/NĐ-CP",
        number_symbol="91/2022/NĐ-CP",
        issued_on=date(2022, 10, 30),
        effective_on=date(2022, 10, 30),
    )
    relate(amendment, "amends", decree)
    with at(date(2022, 10, 29)):
        assert status(decree) == "con-hieu-luc"
    with at(date(2022, 10, 30)):
        assert status(decree) == "het-hieu-luc-mot-phan"
        assert status(amendment) == "con-hieu-luc"


@pytest.mark.parametrize("relation", ["replaces", "repeals"])
def test_a_replacement_or_repeal_in_force_ends_it(documents_index, decree, relation):
    newer = LegalDocumentPageFactory(
        parent=documents_index, issued_on=date(2025, 6, 1), effective_on=date(2025, 8, 1)
    )
    relate(newer, relation, decree)
    with at(date(2025, 7, 31)):
        assert status(decree) == "con-hieu-luc"  # the newer one is issued but not yet in force
    with at(date(2025, 8, 1)):
        assert status(decree) == "het-hieu-luc"


def test_in_force_on_a_date_keeps_documents_wholly_or_partly_in_force(documents_index, decree):
    """`in_force(on=…)` composes with any other filter and asks the same question as the status
    shown on the page, for the day given rather than today."""
    amendment = LegalDocumentPageFactory(
        parent=documents_index, issued_on=date(2022, 10, 30), effective_on=date(2022, 10, 30)
    )
    relate(amendment, "amends", decree)
    replacement = LegalDocumentPageFactory(
        parent=documents_index, issued_on=date(2024, 1, 1), effective_on=date(2024, 3, 1)
    )
    relate(replacement, "replaces", decree)

    def in_force(on):
        return set(LegalDocumentPage.objects.live().in_force(on=on).values_list("pk", flat=True))

    assert in_force(date(2020, 12, 4)) == set()
    assert in_force(date(2022, 11, 1)) == {decree.pk, amendment.pk}  # the decree partly
    assert in_force(date(2024, 3, 1)) == {amendment.pk, replacement.pk}


def test_a_draft_replacement_changes_nothing(documents_index, decree):
    draft = LegalDocumentPageFactory(
        parent=documents_index,
        live=False,
        issued_on=date(2021, 1, 1),
        effective_on=date(2021, 1, 1),
    )
    relate(draft, "replaces", decree)
    with at(date(2023, 1, 1)):
        assert status(decree) == "con-hieu-luc"


def test_guidance_does_not_change_the_status(documents_index, decree):
    circular = LegalDocumentPageFactory(
        parent=documents_index,
        document_type="thong-tu",
        number_symbol="80/2021/TT-BTC",
        issuing_body=IssuingBodyFactory(name="Bộ Tài chính"),
        issued_on=date(2021, 9, 29),
        effective_on=date(2022, 1, 1),
    )
    relate(circular, "guides", decree)
    with at(date(2023, 1, 1)):
        assert status(decree) == "con-hieu-luc"


def test_both_sides_of_a_relation_are_shown_and_linked(client, documents_index, decree):
    amendment = LegalDocumentPageFactory(
        parent=documents_index,
        title="Nghị định sửa đổi, bổ sung về quản lý thuế",
        number_symbol="91/2022/NĐ-CP",
        issued_on=date(2022, 10, 30),
        effective_on=date(2022, 10, 30),
    )
    relate(amendment, "amends", decree)
    with at(date(2023, 3, 1)):
        older = BeautifulSoup(client.get(decree.url).content, "html.parser")
        newer = BeautifulSoup(client.get(amendment.url).content, "html.parser")
    item = older.select_one(".relations li")
    assert item.select_one(".relations__label").get_text() == "Được sửa đổi, bổ sung bởi"
    assert item.a["href"] == amendment.url
    assert "91/2022/NĐ-CP" in item.a.get_text()
    assert older.select_one(".status-badge").get_text() == "Hết hiệu lực một phần"
    item = newer.select_one(".relations li")
    assert item.select_one(".relations__label").get_text() == "Sửa đổi, bổ sung"
    assert item.a["href"] == decree.url


def test_the_document_page_shows_every_field(client, decree):
    decree.signer, decree.signer_title = "Lê Văn Hòa", "Phó Thủ tướng"
    decree.save()
    with at(date(2023, 3, 1)):
        page = BeautifulSoup(client.get(decree.url).content, "html.parser")
    facts = page.select_one(".facts").get_text(" ", strip=True)
    for text in [
        "126/2020/NĐ-CP",
        "Nghị định (văn bản quy phạm pháp luật)",
        "Chính phủ",
        "Lê Văn Hòa, Phó Thủ tướng",
        "19/10/2020",
        "05/12/2020",
        "Còn hiệu lực",
    ]:
        assert text in facts
    assert decree.summary in page.select_one(".article__sapo").get_text()
