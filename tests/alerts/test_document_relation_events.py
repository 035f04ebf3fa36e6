"""A document's followers hear of a suspension on its first day and of its end on the day after
its last; a consolidated text's followers hear of its status when its original's changes."""

from datetime import date

import time_machine

from alerts.events import document_published, status_changes
from alerts.models import Event
from tests.factories import LegalDocumentIndexPageFactory, LegalDocumentPageFactory, relate


def titles(on):
    with time_machine.travel(on):
        status_changes(on)
    return set(Event.objects.filter(key__endswith=f"-{on}").values_list("title", flat=True))


def test_a_suspension_is_announced_when_it_starts_and_when_it_ends(home_page):
    index = LegalDocumentIndexPageFactory(parent=home_page)
    decree = LegalDocumentPageFactory(parent=index, number_symbol="15/2020/NĐ-CP")
    resolution = LegalDocumentPageFactory(
        parent=index,
        number_symbol="12/NQ-CP",
        document_type="nghi-quyet",
        issued_on=date(2026, 2, 20),
        effective_on=date(2026, 3, 1),
    )
    relate(resolution, "suspends", decree, ends_on=date(2026, 6, 30))
    assert titles(date(2026, 3, 1)) == {
        "Nghị định 15/2020/NĐ-CP: Ngưng hiệu lực từ ngày 01/03/2026",
        "Nghị quyết 12/NQ-CP: Còn hiệu lực từ ngày 01/03/2026",
    }
    assert titles(date(2026, 6, 30)) == set()
    assert titles(date(2026, 7, 1)) == {"Nghị định 15/2020/NĐ-CP: Còn hiệu lực từ ngày 01/07/2026"}


def test_a_consolidated_text_is_announced_with_its_original(home_page):
    index = LegalDocumentIndexPageFactory(parent=home_page)
    decree = LegalDocumentPageFactory(parent=index, number_symbol="15/2020/NĐ-CP")
    text = LegalDocumentPageFactory(
        parent=index,
        number_symbol="08/VBHN-BTC",
        document_type="van-ban-hop-nhat",
        issued_on=date(2025, 1, 5),
        effective_on=None,
    )
    relate(text, "consolidates", decree)
    amendment = LegalDocumentPageFactory(
        parent=index,
        number_symbol="30/2026/NĐ-CP",
        issued_on=date(2026, 2, 1),
        effective_on=date(2026, 4, 1),
    )
    relate(amendment, "amends", decree)
    assert titles(date(2026, 4, 1)) == {
        "Nghị định 15/2020/NĐ-CP: Hết hiệu lực một phần từ ngày 01/04/2026",
        "Nghị định 30/2026/NĐ-CP: Còn hiệu lực từ ngày 01/04/2026",
        "Văn bản hợp nhất 08/VBHN-BTC: Hết hiệu lực một phần từ ngày 01/04/2026",
    }


def test_the_followers_of_a_consolidated_original_hear_of_the_text(home_page):
    index = LegalDocumentIndexPageFactory(parent=home_page)
    decree = LegalDocumentPageFactory(parent=index, number_symbol="15/2020/NĐ-CP")
    text = LegalDocumentPageFactory(
        parent=index,
        number_symbol="08/VBHN-BTC",
        document_type="van-ban-hop-nhat",
        issued_on=date(2026, 1, 5),
        effective_on=None,
    )
    relate(text, "consolidates", decree)
    with time_machine.travel(date(2026, 1, 6)):
        [event] = document_published(text)
    assert event.title == "Nghị định 15/2020/NĐ-CP được hợp nhất trong Văn bản hợp nhất 08/VBHN-BTC"
