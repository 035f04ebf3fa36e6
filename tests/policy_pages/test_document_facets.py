"""/van-ban/ shows beside each value of its filters how many documents choosing it would find
(issue 22, point 6): every count equals a brute-force count, in two queries whatever the size.

The rule: the count beside a value of one filter is the number of public documents matching
every other filter chosen, and that value; so choosing a type still shows the other types'."""

import random
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import connection
from django.db.models import Q
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import pytest
import time_machine
from bs4 import BeautifulSoup

from policy_pages.choices import DocumentStatus, DocumentType, Relation
from policy_pages.facets import document_facets
from policy_pages.filters import DocumentFilters
from policy_pages.models import IssuingBody, LegalDocumentPage, LegalField
from tests.factories import (
    IssuingBodyFactory,
    LegalDocumentPageFactory,
    LegalFieldFactory,
    relate,
)
from tests.helpers import count_queries

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
# Two days a few documents change status between: some come into force, some are replaced.
FIRST_DAY, LATER_DAY = date(2025, 6, 1), date(2025, 8, 1)
YEARS = range(2015, 2027)
TYPES = ["nghi-dinh", "thong-tu", "quyet-dinh", "luat", "chi-thi"]
# The filter on each facet as a plain lookup, not through DocumentFilters.apply().
LOOKUPS = {
    "document_type": "document_type",
    "issuing_body": "issuing_body",
    "legal_field": "fields",
    "year": "issued_on__year",
    "status": "status",
}
# The attribute of DocumentFacets that lists each facet's choices.
LISTED_AS = {
    "document_type": "document_types",
    "issuing_body": "bodies",
    "legal_field": "fields",
    "year": "years",
    "status": "statuses",
}
FILTER_SETS = [
    {},
    {"loai": "nghi-dinh"},
    {"nam": "2020", "hieu-luc": "het-hieu-luc"},
    {"linh-vuc": "tai-chinh"},
    {"co-quan": "bo-tai-chinh", "linh-vuc": "giao-duc"},
    {"q": "thuế"},
    {"q": "thuế", "loai": "thong-tu", "hieu-luc": "con-hieu-luc"},
    {"loai": "luat", "co-quan": "quoc-hoi", "linh-vuc": "y-te", "nam": "2021"},
    {
        "q": "hóa đơn",
        "loai": "thong-tu",
        "co-quan": "bo-tai-chinh",
        "linh-vuc": "tai-chinh",
        "nam": "2024",
        "hieu-luc": "chua-co-hieu-luc",
    },
    {"loai": "hien-phap", "nam": "2020"},  # finds nothing: the chosen values still shown, at 0
]


def on(day):
    return time_machine.travel(datetime(day.year, day.month, day.day, 9, tzinfo=HANOI), tick=False)


@pytest.fixture
def library(documents_index):
    """Fifty public documents of five types, three issuers, five years and none to three of four
    fields (one field has none), some not yet in force on FIRST_DAY, some with a term, amended,
    replaced or repealed, some of these only between the two days; and a draft, a document
    behind a password and one behind a login, none of which may be counted."""
    bodies = [IssuingBodyFactory(name=n) for n in ("Chính phủ", "Bộ Tài chính", "Quốc hội")]
    fields = [LegalFieldFactory(name=n) for n in ("Tài chính", "Giáo dục", "Y tế", "Đất đai")]
    rng = random.Random(22)  # noqa: S311
    documents = []
    for n in range(50):
        issued = date(rng.choice([2019, 2020, 2021, 2024, 2025]), rng.randint(1, 12), 1 + n % 28)
        issued = min(issued, FIRST_DAY + timedelta(days=20))
        document = LegalDocumentPageFactory(
            parent=documents_index,
            title=f"{rng.choice(['Về thuế', 'Về hóa đơn', 'Về học phí', 'Về đất'])} số {n}",
            summary=rng.choice(["Quy định về thuế giá trị gia tăng.", "Quy định chung."]),
            document_type=rng.choice(TYPES),
            issuing_body=rng.choice(bodies),
            issued_on=issued,
            effective_on=issued + timedelta(days=rng.choice([0, 30, 60, 90])),
            expires_on=date(2025, 7, 1) if n % 11 == 0 and issued.year < 2025 else None,
        )
        document.fields.set(rng.sample(fields[:3], rng.choice([0, 1, 1, 2, 3])))
        document.save()  # a page's fields are kept in memory until then (modelcluster)
        documents.append(document)
    for n in range(0, 40, 4):  # an older one acted on by a newer one
        older, newer = sorted([documents[n], documents[n + 1]], key=lambda d: d.issued_on)
        relate(newer, rng.choice([Relation.AMENDS, Relation.REPLACES, Relation.REPEALS]), older)
    waiting = LegalDocumentPageFactory(  # replaces documents[2] from a day between the two
        parent=documents_index,
        title="Nghị định thay thế về thuế",
        issuing_body=bodies[0],
        issued_on=date(2025, 6, 20),
        effective_on=date(2025, 7, 15),
    )
    relate(waiting, Relation.REPLACES, documents[2])
    hidden = [
        LegalDocumentPageFactory(parent=documents_index, title="Bản nháp về thuế", live=False),
        LegalDocumentPageFactory(parent=documents_index, title="Văn bản mật về thuế"),
        LegalDocumentPageFactory(parent=documents_index, title="Văn bản nội bộ về thuế"),
    ]
    for document in hidden:
        document.fields.set(fields[:1])
        document.save()
    PageViewRestriction.objects.create(page=hidden[1], restriction_type="password", password="x")
    PageViewRestriction.objects.create(page=hidden[2], restriction_type="login")
    return documents_index


def filters_for(params):
    return DocumentFilters.from_request(RequestFactory().get("/van-ban/", params))


def brute_force(index, params):
    """{(facet, value in the address): count} of every value that finds a document or is
    chosen, one COUNT query each: every chosen filter but the facet's own, and that value."""
    filters = filters_for(params)
    chosen = {
        "document_type": filters.document_type,
        "issuing_body": filters.issuing_body,
        "legal_field": filters.legal_field,
        "year": filters.year,
        "status": filters.status,
    }
    # The words (q) through the index's own filter: what they match is not what is tested here.
    found = filters.apply(
        LegalDocumentPage.objects.published().child_of(index), without=tuple(chosen)
    )
    values = {
        "document_type": [(t, t) for t in DocumentType.values],
        "issuing_body": [(b, b.slug) for b in IssuingBody.objects.all()],
        "legal_field": [(f, f.slug) for f in LegalField.objects.all()],
        "year": [(y, str(y)) for y in YEARS],
        "status": [(s, s) for s in DocumentStatus.values],
    }
    counts = {}
    for facet, options in values.items():
        others = {LOOKUPS[name]: v for name, v in chosen.items() if v and name != facet}
        for value, in_address in options:
            count = found.filter(**others, **{LOOKUPS[facet]: value}).count()
            if count or value == chosen[facet]:
                counts[facet, in_address] = count
    everything = {LOOKUPS[name]: v for name, v in chosen.items() if v}
    return counts, found.filter(**everything).count()


def shown(facets):
    return {
        (facet, choice.value): choice.count
        for facet, attribute in LISTED_AS.items()
        for choice in getattr(facets, attribute)
    }


def test_every_count_equals_a_brute_force_count_on_either_day(client, library):
    for day in (FIRST_DAY, LATER_DAY):
        with on(day):
            for params in FILTER_SETS:
                expected, total = brute_force(library, params)
                response = client.get(library.url, params)
                facets = response.context["facets"]
                assert shown(facets) == expected, (day, params)
                assert facets.total == total == response.context["page_obj"].paginator.count
                assert len(response.context["documents"]) == min(total, 20)


def test_the_statuses_counted_change_with_the_day(client, library):
    def statuses(day):
        with on(day):
            facets = client.get(library.url).context["facets"]
        return {choice.value: choice.count for choice in facets.statuses}

    first, later = statuses(FIRST_DAY), statuses(LATER_DAY)
    assert sum(first.values()) == sum(later.values())  # the same documents…
    assert later["het-hieu-luc"] > first.get("het-hieu-luc", 0)  # …some expired since
    assert later.get("chua-co-hieu-luc", 0) < first["chua-co-hieu-luc"]  # …some came into force


def test_drafts_and_restricted_documents_are_not_counted(client, library):
    with on(FIRST_DAY):
        facets = client.get(library.url, {"q": "thuế"}).context["facets"]
    everything = LegalDocumentPage.objects.filter(
        Q(title__icontains="thuế") | Q(summary__icontains="thuế")
    )
    assert facets.total == everything.count() - 3
    finance = next(choice for choice in facets.fields if choice.value == "tai-chinh")
    assert finance.count == everything.filter(fields__slug="tai-chinh").count() - 3


def test_a_document_counts_once_in_each_of_its_fields_and_not_at_all_without_one(
    client, documents_index
):
    fields = [LegalFieldFactory(name=n) for n in ("Tài chính", "Giáo dục", "Y tế")]
    several = LegalDocumentPageFactory(parent=documents_index)
    several.fields.set(fields)
    several.save()
    LegalDocumentPageFactory(parent=documents_index)  # in no field
    facets = client.get(documents_index.url).context["facets"]
    assert [(choice.value, choice.count) for choice in facets.fields] == [
        ("giao-duc", 1),
        ("tai-chinh", 1),
        ("y-te", 1),
    ]
    assert facets.total == 2


def test_the_facets_take_two_queries_at_any_size(
    library, django_assert_max_num_queries, documents_index
):
    params = {"q": "thuế", "loai": "nghi-dinh", "linh-vuc": "tai-chinh", "nam": "2020"}
    documents = LegalDocumentPage.objects.published().child_of(documents_index)
    filters = filters_for(params)  # the bodies and fields, which the form lists anyway
    with django_assert_max_num_queries(2):
        few = document_facets(documents, filters)
    finance = LegalField.objects.get(slug="tai-chinh")
    for n in range(30):
        document = LegalDocumentPageFactory(
            parent=documents_index, title=f"Nghị định về thuế {n}", issued_on=date(2020, 5, 1)
        )
        document.fields.add(finance)
        document.save()
    with django_assert_max_num_queries(2):
        many = document_facets(documents, filters)
    assert many.total > few.total


def test_another_type_year_or_status_reuses_the_groups_the_words_and_field_found(client, library):
    """Query 1 depends on the words, the field and the day only: the index keeps its groups."""

    def counting_queries(params):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(library.url, params).status_code == 200
        return sum("GROUP BY" in query["sql"] for query in captured.captured_queries)

    with on(FIRST_DAY):
        assert counting_queries({"linh-vuc": "tai-chinh"}) == 2
        assert counting_queries({"linh-vuc": "tai-chinh", "loai": "luat", "nam": "2021"}) == 1
        assert counting_queries({"linh-vuc": "tai-chinh", "hieu-luc": "het-hieu-luc"}) == 1
        assert counting_queries({"linh-vuc": "tai-chinh", "q": "thuế"}) == 2
        assert counting_queries({"loai": "luat"}) == 2
    with on(LATER_DAY):
        assert counting_queries({"loai": "luat"}) == 2


def test_a_document_published_or_withdrawn_is_counted_at_once(
    client, library, django_capture_on_commit_callbacks
):
    def count(params):
        facets = client.get(library.url, params).context["facets"]
        return facets.total, {choice.value: choice.count for choice in facets.document_types}

    with on(FIRST_DAY):
        total, types = count({})
        directive = LegalDocumentPageFactory(
            parent=library,
            document_type="chi-thi",
            issued_on=date(2025, 5, 2),
            effective_on=date(2025, 5, 2),
            live=False,
        )
        with django_capture_on_commit_callbacks(execute=True):
            directive.save_revision().publish()
        assert count({"loai": "luat"})[1]["chi-thi"] == types["chi-thi"] + 1
        with django_capture_on_commit_callbacks(execute=True):
            LegalDocumentPage.objects.get(pk=directive.pk).unpublish()
        assert count({}) == (total, types)


def test_the_facets_spare_the_index_its_count(client, library):
    """Query 1's total is the paginator's count: the index costs one query more than before."""
    params = {"loai": "nghi-dinh", "hieu-luc": "con-hieu-luc"}
    client.get(library.url, params)
    assert count_queries(client, library.url, params) <= 12


def test_the_form_shows_each_count_in_its_option_and_offers_no_empty_value(client, library):
    with on(FIRST_DAY):
        expected, _total = brute_force(library, {"loai": "luat", "nam": "2021"})
        page = BeautifulSoup(
            client.get(library.url, {"loai": "luat", "nam": "2021"}).content, "html.parser"
        )
    types = page.select("#doc-type option")
    assert types[0].get_text() == "Tất cả"
    offered = {option["value"]: option.get_text() for option in types[1:]}
    assert offered == {
        value: f"{DocumentType(value).label} ({count})"
        for (facet, value), count in expected.items()
        if facet == "document_type"
    }
    assert page.select_one("#doc-type option[selected]")["value"] == "luat"
    assert page.select_one("#doc-year option[selected]")["value"] == "2021"
    assert "Hiến pháp" not in page.select_one("#doc-type").get_text()  # none in the library


def test_a_chosen_value_that_finds_nothing_is_still_shown_at_zero(client, library):
    page = BeautifulSoup(
        client.get(library.url, {"loai": "hien-phap", "nam": "2020"}).content, "html.parser"
    )
    assert page.select_one("#doc-type option[selected]").get_text() == "Hiến pháp (0)"
    assert page.select_one(".result-count").get_text() == "0 văn bản"


@pytest.mark.parametrize(
    ("value", "shown"), [(0, "0"), (999, "999"), (1234, "1.234"), (54000, "54.000"), ("", "")]
)
def test_counts_are_written_with_dots_between_thousands(value, shown):
    template = Template("{% load vn_format %}{{ value|vn_number }}")
    assert template.render(Context({"value": value})) == shown
