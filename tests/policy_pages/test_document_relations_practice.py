"""The relations of Vietnamese legal practice beside amending and replacing: a correction (đính
chính) and a legal basis (căn cứ) change no status; a suspension (đình chỉ, ngưng hiệu lực) stops
a document from the day the suspending one is in force to the end of its last day; a consolidated
text (văn bản hợp nhất) has the status of the original it merges and is the version offered for
reading on the original's page. Each is shown from both sides, to anonymous readers."""

from datetime import date

from django.core.exceptions import ValidationError

from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import inline_formset

import pytest
from bs4 import BeautifulSoup

from policy_pages.models import LegalDocumentPage, LegalDocumentRelation
from policy_pages.numbers import NUMBER_PATTERN, number_key
from tests.factories import IssuingBodyFactory, LegalDocumentPageFactory, relate
from tests.policy_pages.admin_forms import add, document_form
from tests.policy_pages.test_document_status import at, status

MINISTRY = "Bộ Tài chính"


@pytest.fixture
def decree(documents_index):
    return LegalDocumentPageFactory(
        parent=documents_index,
        title="Nghị định quy định về hóa đơn, chứng từ",
        number_symbol="123/2020/NĐ-CP",
        issued_on=date(2020, 10, 19),
        effective_on=date(2022, 7, 1),
    )


def document(parent, number, issued_on, effective_on=None, **fields):
    return LegalDocumentPageFactory(
        parent=parent,
        number_symbol=number,
        issued_on=issued_on,
        effective_on=effective_on or issued_on,
        **fields,
    )


def consolidated_text(parent, number, issued_on, *sources, **fields):
    """A consolidated text of the ministry, in force from its issue date, merging `sources`."""
    text = LegalDocumentPageFactory(
        parent=parent,
        title="Nghị định quy định về hóa đơn, chứng từ (văn bản hợp nhất)",
        number_symbol=number,
        document_type="van-ban-hop-nhat",
        issuing_body=IssuingBodyFactory(name=MINISTRY),
        issued_on=issued_on,
        effective_on=None,
        **fields,
    )
    for source in sources:
        relate(text, "consolidates", source)
    return text


def read(client, page, day):
    with at(day):
        response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def relations_on(soup):
    """[(label, link, text)] of the "Văn bản liên quan" section."""
    return [
        (
            item.select_one(".relations__label").get_text(),
            item.a["href"],
            item.get_text(" ", strip=True),
        )
        for item in soup.select(".relations li")
    ]


# --- correction and legal basis: shown, no effect ---------------------------------------------


@pytest.mark.parametrize(
    ("relation", "active", "passive"),
    [
        ("corrects", "Đính chính", "Được đính chính bởi"),
        ("basis", "Căn cứ", "Là căn cứ ban hành của"),
    ],
)
def test_a_correction_or_a_legal_basis_changes_no_status_and_shows_from_both_sides(
    client, documents_index, decree, relation, active, passive
):
    newer = document(
        documents_index,
        "78/2022/TT-BTC",
        date(2022, 11, 15),
        date(2023, 1, 1),
        document_type="thong-tu",
        issuing_body=IssuingBodyFactory(name=MINISTRY),
    )
    relate(newer, relation, decree)
    for day in [date(2022, 12, 31), date(2023, 1, 1), date(2030, 1, 1)]:
        with at(day):
            assert status(decree) == "con-hieu-luc"
    older = read(client, decree, date(2023, 1, 1))
    assert relations_on(older) == [(passive, newer.url, f"{passive} 78/2022/TT-BTC {newer.title}")]
    assert older.select_one(".status-badge").get_text() == "Còn hiệu lực"
    assert relations_on(read(client, newer, date(2023, 1, 1))) == [
        (active, decree.url, f"{active} 123/2020/NĐ-CP {decree.title}")
    ]


# --- suspension -------------------------------------------------------------------------------


@pytest.fixture
def resolution(documents_index):
    """A resolution in force from 1 March 2023, suspending what it is related to."""
    return document(
        documents_index,
        "12/NQ-CP",
        date(2023, 2, 20),
        date(2023, 3, 1),
        title="Nghị quyết ngưng hiệu lực thi hành quy định về hóa đơn",
        document_type="nghi-quyet",
    )


def test_a_suspension_runs_from_the_day_the_suspending_document_is_in_force_to_its_last_day(
    decree, resolution
):
    relate(resolution, "suspends", decree, ends_on=date(2023, 6, 30))
    with at(date(2023, 2, 28), 23, 55):
        assert status(decree) == "con-hieu-luc"
    with at(date(2023, 3, 1)):
        assert status(decree) == "ngung-hieu-luc"
        assert decree not in LegalDocumentPage.objects.in_force()
    with at(date(2023, 6, 30), 23, 55):
        assert status(decree) == "ngung-hieu-luc"  # "đến hết ngày": the last day included
    with at(date(2023, 7, 1)):
        assert status(decree) == "con-hieu-luc"
        assert status(resolution) == "con-hieu-luc"  # suspending does nothing to the suspender


def test_a_suspension_without_a_last_day_lasts(decree, resolution):
    relate(resolution, "suspends", decree)
    with at(date(2035, 1, 1)):
        assert status(decree) == "ngung-hieu-luc"


def test_a_suspended_document_is_suspended_rather_than_partly_expired_and_expired_rather_than_suspended(  # noqa: E501
    documents_index, decree, resolution
):
    relate(resolution, "suspends", decree, ends_on=date(2023, 12, 31))
    amendment = document(documents_index, "41/2022/NĐ-CP", date(2022, 6, 20), date(2022, 7, 1))
    relate(amendment, "amends", decree)
    with at(date(2023, 2, 28)):
        assert status(decree) == "het-hieu-luc-mot-phan"
    with at(date(2023, 3, 1)):
        assert status(decree) == "ngung-hieu-luc"
    replacement = document(documents_index, "70/2023/NĐ-CP", date(2023, 4, 10), date(2023, 5, 1))
    relate(replacement, "replaces", decree)
    with at(date(2023, 4, 30)):
        assert status(decree) == "ngung-hieu-luc"
    with at(date(2023, 5, 1)):
        assert status(decree) == "het-hieu-luc"
    with at(date(2024, 1, 1)):
        assert status(decree) == "het-hieu-luc"


def test_a_document_suspended_before_its_effective_day_is_not_yet_in_force_until_then(
    documents_index, resolution
):
    later = document(documents_index, "05/2023/NĐ-CP", date(2023, 1, 5), date(2023, 4, 1))
    relate(resolution, "suspends", later)
    with at(date(2023, 3, 15)):
        assert status(later) == "chua-co-hieu-luc"
    with at(date(2023, 4, 1)):
        assert status(later) == "ngung-hieu-luc"


def test_a_document_that_expires_during_its_suspension_is_expired(documents_index, resolution):
    directive = document(
        documents_index, "20/CT-TTg", date(2022, 6, 1), expires_on=date(2023, 5, 1)
    )
    relate(resolution, "suspends", directive)
    with at(date(2023, 4, 30)):
        assert status(directive) == "ngung-hieu-luc"
    with at(date(2023, 5, 1)):
        assert status(directive) == "het-hieu-luc"


def test_a_suspension_shows_from_both_sides_with_its_last_day_and_in_the_api(
    client, decree, resolution
):
    relate(resolution, "suspends", decree, ends_on=date(2023, 6, 30))
    suspended = read(client, decree, date(2023, 3, 1))
    assert suspended.select_one(".status-badge").get_text() == "Ngưng hiệu lực"
    assert "Ngưng hiệu lực" in suspended.select_one(".facts").get_text()
    assert relations_on(suspended) == [
        (
            "Bị đình chỉ, ngưng hiệu lực bởi",
            resolution.url,
            f"Bị đình chỉ, ngưng hiệu lực bởi 12/NQ-CP {resolution.title} "
            "(đến hết ngày 30/06/2023 )",
        )
    ]
    assert suspended.select_one(".relations time")["datetime"] == "2023-06-30"
    [(label, link, _text)] = relations_on(read(client, resolution, date(2023, 3, 1)))
    assert (label, link) == ("Đình chỉ, ngưng hiệu lực", decree.url)

    with at(date(2023, 3, 1)):
        data = client.get(f"/api/v2/pages/{decree.pk}/").json()
    assert (data["status"], data["status_label"]) == ("ngung-hieu-luc", "Ngưng hiệu lực")
    [incoming] = data["incoming_relations"]
    assert (incoming["relation"], incoming["ends_on"]) == (
        "Bị đình chỉ, ngưng hiệu lực bởi",
        "2023-06-30",
    )
    assert incoming["document"]["number_symbol"] == "12/NQ-CP"


# --- consolidated text ------------------------------------------------------------------------


def test_a_consolidated_text_number_has_a_number_s_shape():
    assert NUMBER_PATTERN.match("08/VBHN-BTC")
    assert NUMBER_PATTERN.match("01/VBHN-VPQH")
    assert number_key("08/vbhn-btc") == number_key("08/VBHN-BTC")


def test_a_consolidated_text_follows_its_original_through_amendment_and_replacement(
    client, documents_index, decree
):
    amendment = document(documents_index, "70/2025/NĐ-CP", date(2025, 3, 20), date(2025, 6, 1))
    relate(amendment, "amends", decree)
    # The amendment's row first: the original is the earliest issued, not the first entered.
    text = consolidated_text(documents_index, "18/VBHN-BTC", date(2025, 4, 10), amendment, decree)
    with at(date(2025, 4, 9)):
        assert status(text) == "chua-co-hieu-luc"  # not issued yet
    with at(date(2025, 4, 10)):
        assert status(text) == "con-hieu-luc"
        assert status(decree) == "con-hieu-luc"  # consolidating it changes nothing
    with at(date(2025, 5, 31), 23, 55):
        assert status(text) == "con-hieu-luc"
    with at(date(2025, 6, 1)):
        assert (status(decree), status(text)) == ("het-hieu-luc-mot-phan",) * 2
        # The same annotation serves lists, filters and in_force().
        partly = LegalDocumentPage.objects.published().filter(status="het-hieu-luc-mot-phan")
        assert set(partly) == {decree, text}
        assert text in LegalDocumentPage.objects.in_force()
        data = client.get(f"/api/v2/pages/{text.pk}/").json()
        assert data["status"] == "het-hieu-luc-mot-phan"
    replacement = document(documents_index, "30/2026/NĐ-CP", date(2025, 11, 1), date(2026, 1, 1))
    relate(replacement, "replaces", decree)
    with at(date(2025, 12, 31), 23, 55):
        assert status(text) == "het-hieu-luc-mot-phan"
    with at(date(2026, 1, 1)):
        assert (status(decree), status(text)) == ("het-hieu-luc",) * 2
        assert text not in LegalDocumentPage.objects.in_force()


def test_a_consolidated_text_follows_a_suspension_of_its_original(
    documents_index, decree, resolution
):
    text = consolidated_text(documents_index, "08/VBHN-BTC", date(2023, 1, 5), decree)
    relate(resolution, "suspends", decree, ends_on=date(2023, 6, 30))
    with at(date(2023, 3, 1)):
        assert status(text) == "ngung-hieu-luc"
    with at(date(2023, 7, 1)):
        assert status(text) == "con-hieu-luc"


def test_the_original_offers_its_newest_consolidated_text_near_the_top(
    client, documents_index, decree
):
    amendment = document(documents_index, "70/2025/NĐ-CP", date(2025, 3, 20), date(2025, 6, 1))
    relate(amendment, "amends", decree)
    consolidated_text(documents_index, "05/VBHN-BTC", date(2023, 1, 5), decree)
    newest = consolidated_text(documents_index, "18/VBHN-BTC", date(2025, 7, 1), decree, amendment)
    page = read(client, decree, date(2025, 8, 1))
    [offer] = page.select(".reading-version")
    assert offer.a["href"] == newest.url
    assert offer.a.get_text() == "Đọc văn bản hợp nhất 18/VBHN-BTC ngày 01/07/2025"
    assert offer.find_next(class_="facts") is not None  # above the document's details
    labels = [label for label, _link, _text in relations_on(page)]
    assert labels.count("Được hợp nhất trong") == 2
    # The amendment is merged too, but the text is its original's reading version, not its own.
    amended_by = read(client, amendment, date(2025, 8, 1))
    assert amended_by.select_one(".reading-version") is None
    assert ("Được hợp nhất trong", newest.url) in [
        (label, link) for label, link, _text in relations_on(amended_by)
    ]


def test_a_consolidated_text_lists_what_it_merges_original_first_and_replaces_nothing(
    client, documents_index, decree
):
    second = document(documents_index, "70/2025/NĐ-CP", date(2025, 3, 20), date(2025, 6, 1))
    first = document(documents_index, "41/2022/NĐ-CP", date(2022, 6, 20), date(2022, 7, 1))
    for amendment in (second, first):
        relate(amendment, "amends", decree)
    text = consolidated_text(
        documents_index, "18/VBHN-BTC", date(2025, 7, 1), second, decree, first
    )
    page = read(client, text, date(2025, 8, 1))
    box = page.select_one(".consolidation")
    assert [a["href"] for a in box.select("li a")] == [decree.url, first.url, second.url]
    assert "văn bản gốc" in box.select("li")[0].get_text()
    assert "văn bản gốc" not in box.select("li")[1].get_text()
    note = box.select_one(".consolidation__note").get_text()
    assert note == "Văn bản hợp nhất không thay thế các văn bản được hợp nhất."
    facts = page.select_one(".facts").get_text(" ", strip=True)
    assert "Văn bản hợp nhất" in facts
    assert "quy phạm pháp luật" not in facts  # not normative by itself
    assert "Hết hiệu lực một phần (theo văn bản gốc 123/2020/NĐ-CP)" in facts
    assert {label for label, _link, _text in relations_on(page)} == {"Hợp nhất"}
    assert page.select_one(".reading-version") is None


def test_a_consolidated_text_is_never_normative(documents_index, decree):
    text = consolidated_text(documents_index, "18/VBHN-BTC", date(2025, 7, 1), decree)
    assert LegalDocumentPage.objects.get(pk=text.pk).is_normative is False


# --- what readers cannot see changes nothing --------------------------------------------------


@pytest.mark.parametrize("hidden", ["draft", "restricted"])
def test_a_source_readers_cannot_see_changes_no_status_and_is_not_shown(
    client, documents_index, decree, hidden
):
    suspender = document(documents_index, "12/NQ-CP", date(2023, 2, 20), date(2023, 3, 1))
    replacement = document(documents_index, "70/2023/NĐ-CP", date(2023, 4, 10), date(2023, 5, 1))
    text = consolidated_text(documents_index, "08/VBHN-BTC", date(2023, 1, 5), decree)
    relate(suspender, "suspends", decree)
    relate(replacement, "replaces", decree)
    for source in (suspender, replacement, text):
        if hidden == "draft":
            source.unpublish()
        else:
            PageViewRestriction.objects.create(page=source, restriction_type="login")
    with at(date(2023, 6, 1)):
        assert status(decree) == "con-hieu-luc"
    page = read(client, decree, date(2023, 6, 1))
    assert page.select_one(".status-badge").get_text() == "Còn hiệu lực"
    assert page.select(".relations li") == []
    assert page.select_one(".reading-version") is None


def test_a_consolidated_text_whose_original_is_hidden_neither_follows_nor_lists_it(
    client, documents_index, decree
):
    replacement = document(documents_index, "70/2023/NĐ-CP", date(2023, 4, 10), date(2023, 5, 1))
    relate(replacement, "replaces", decree)
    text = consolidated_text(documents_index, "08/VBHN-BTC", date(2023, 1, 5), decree)
    PageViewRestriction.objects.create(page=decree, restriction_type="login")
    with at(date(2023, 6, 1)):
        assert status(text) == "con-hieu-luc"  # its own dates, not the hidden original's
    page = read(client, text, date(2023, 6, 1))
    assert page.select(".consolidation li") == []
    assert page.select_one(".consolidation__note") is not None
    assert "theo văn bản gốc" not in page.select_one(".facts").get_text()


# --- the editor's checks ----------------------------------------------------------------------


def test_only_a_suspension_has_a_last_day(documents_index, decree, resolution):
    with pytest.raises(ValidationError) as error:
        LegalDocumentRelation(
            page=resolution, target=decree, relation_type="amends", ends_on=date(2023, 6, 30)
        ).full_clean()
    assert "Chỉ quan hệ “Đình chỉ, ngưng hiệu lực”" in " ".join(error.value.message_dict["ends_on"])
    LegalDocumentRelation(
        page=resolution, target=decree, relation_type="suspends", ends_on=date(2023, 6, 30)
    ).full_clean()


def test_a_consolidated_text_does_not_consolidate_another(documents_index, decree):
    older = consolidated_text(documents_index, "05/VBHN-BTC", date(2023, 1, 5), decree)
    newer = consolidated_text(documents_index, "18/VBHN-BTC", date(2025, 7, 1))
    with pytest.raises(ValidationError) as error:
        LegalDocumentRelation(page=newer, target=older, relation_type="consolidates").full_clean()
    assert "không hợp nhất một văn bản hợp nhất khác" in " ".join(
        error.value.message_dict["target"]
    )


def relation_row(relation_type, target, ends_on=""):
    return {"relation_type": relation_type, "target": str(target.pk), "ends_on": ends_on}


def relation_errors(response, field):
    return " ".join(response.context["form"].formsets["relations"].forms[0].errors.get(field, []))


CONSOLIDATED = {
    "title": "Nghị định quy định về hóa đơn, chứng từ (văn bản hợp nhất)",
    "slug": "vbhn-hoa-don",
    "number_symbol": "18/VBHN-BTC",
    "document_type": "van-ban-hop-nhat",
    "issued_on": "2025-07-01",
    "effective_on": "",
}


@pytest.mark.parametrize(
    ("fields", "relation", "field", "message"),
    [
        (CONSOLIDATED, "amends", "relation_type", "Văn bản hợp nhất không sửa đổi, thay thế"),
        ({}, "consolidates", "relation_type", "Chỉ văn bản hợp nhất mới có quan hệ “Hợp nhất”"),
        ({}, "guides", "ends_on", "Chỉ quan hệ “Đình chỉ, ngưng hiệu lực”"),
        ({}, "suspends", "ends_on", "không thể trước ngày đó"),
    ],
)
def test_the_editor_refuses_a_relation_that_practice_does_not_allow(
    admin_client, documents_index, decree, fields, relation, field, message
):
    # The form's document takes effect on 1 May 2025: a suspension cannot end on 30 April.
    row = relation_row(relation, decree, "2025-04-30" if field == "ends_on" else "")
    data = document_form(relations=inline_formset([row]), **fields)
    response = add(admin_client, documents_index, data)
    assert response.status_code == 200
    assert message in relation_errors(response, field)
    assert not LegalDocumentPage.objects.exclude(pk=decree.pk).exists()


def test_the_editor_saves_a_consolidated_text_and_a_suspension(
    admin_client, documents_index, decree
):
    data = document_form(
        relations=inline_formset([relation_row("consolidates", decree)]), **CONSOLIDATED
    )
    assert add(admin_client, documents_index, data).status_code == 302
    text = LegalDocumentPage.objects.get(slug="vbhn-hoa-don")
    assert (text.number_key, text.is_normative) == ("18/VBHN-BTC", False)
    data = document_form(relations=inline_formset([relation_row("suspends", decree, "2025-05-01")]))
    assert add(admin_client, documents_index, data).status_code == 302
    suspension = LegalDocumentRelation.objects.get(relation_type="suspends")
    assert suspension.ends_on == date(2025, 5, 1)
