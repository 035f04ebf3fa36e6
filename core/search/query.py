"""The reader's search (`/search/?q=`): filters, exact matches a desk finds, editors' promoted
results, and ranking (core/search/__init__.py explains the folding)."""

import operator
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache, reduce
from urllib.parse import urlencode

from django.apps import apps
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import CharField, Exists, F, OuterRef
from django.db.models.functions import Cast
from django.utils.text import capfirst

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry
from wagtail.search.utils import normalise_query_string

from modelsearch.backends.database.postgres.query import Lexeme
from modelsearch.backends.database.postgres.weights import get_sql_weights

from .. import registry
from ..paginate import paginate
from ..privacy import all_pages
from ..specific import joined_specific
from ..text import start_of_day
from .indexing import search_words

MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 16  # each word is one more AND in the FTS query; a reader never types more
RESULTS_PER_PAGE = 20
DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d")  # as readers write it; as older links carry it
DATE_PATTERN = r"\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{1,2}-\d{1,2}"  # the same, for the form's inputs
FIRST_YEAR, LAST_YEAR = 1945, 2100
MAX_EXACT_MATCHES = 5
# PostgreSQL ranks the newest MAX_RANKED matches only, and says "more than" beyond (see `_ranked`).
MAX_RANKED = 200


def clean_query(raw):
    """The query as readers see it echoed: NFC, no control characters, spaces folded, capped."""
    text = unicodedata.normalize("NFC", raw[: MAX_QUERY_LENGTH * 10])
    printable = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(printable.split())[:MAX_QUERY_LENGTH]


@cache
def kinds():
    """{slug: page type} for each kind readers can narrow a search to, from the `search_kind`
    each content type declares (its subclasses, such as live coverage, go with it)."""
    return {
        model.__dict__["search_kind"]: model
        for model in apps.get_models()
        if issubclass(model, Page) and model.__dict__.get("search_kind")
    }


def kind_label(slug):
    model = kinds().get(slug)
    return capfirst(model._meta.verbose_name) if model else ""


def _parse_date(value):
    for fmt in DATE_FORMATS:
        try:
            parsed = datetime.strptime(value, fmt).date()
        except ValueError:
            continue
        if FIRST_YEAR <= parsed.year <= LAST_YEAR:
            return parsed
    return None


@dataclass
class Hit:
    """One result as the page shows it."""

    page: Page
    badge: str
    date: date | datetime | None
    summary: str
    date_label: str = ""
    number_symbol: str = ""
    exact: bool = False


@dataclass
class Promotion:
    """An editors' pick: a live public page, or an outside address."""

    title: str
    description: str
    page: Page | None = None
    url: str = ""
    badge: str = ""


@dataclass
class SiteSearch:
    """A reader's search, from the address, through allow-lists: an unknown kind or section is
    ignored, a bad date is ignored with a notice; nothing a reader types can cause an error."""

    query: str = ""
    kind: str = ""
    section: Page | None = None
    date_from: date | None = None
    date_to: date | None = None
    sections: list = field(default_factory=list)
    notices: list = field(default_factory=list)

    @classmethod
    def from_request(cls, request):
        params = request.GET
        sections = (
            list(
                all_pages()
                .live()
                .unrestricted()
                .type(*registry.SEARCH_SECTION_TYPES)
                .only("title", "slug", "path", "depth")
            )
            if registry.SEARCH_SECTION_TYPES
            else []
        )
        slug = params.get("section", "")
        search = cls(
            query=clean_query(params.get("q", "")),
            kind=params.get("kind", "") if params.get("kind", "") in kinds() else "",
            section=next((s for s in sections if s.slug == slug), None) if slug else None,
            sections=sections,
        )
        search.date_from = search._date(params.get("tu", ""), "từ ngày")
        search.date_to = search._date(params.get("den", ""), "đến ngày")
        if search.date_from and search.date_to and search.date_from > search.date_to:
            search.date_from, search.date_to = search.date_to, search.date_from
            search.notices.append("Ngày bắt đầu sau ngày kết thúc, nên hai ngày đã được đổi chỗ.")
        return search

    def _date(self, value, name):
        value = value.strip()
        if not value:
            return None
        parsed = _parse_date(value[:20])
        if parsed is None:
            shown = clean_query(value)[:20]
            self.notices.append(
                f"Ngày “{shown}” ở ô “{name}” không hợp lệ nên đã được bỏ qua. "
                "Hãy nhập theo dạng ngày/tháng/năm, ví dụ 28/08/2022."
            )
        return parsed

    @property
    def words(self):
        return search_words(self.query).split()[:MAX_QUERY_WORDS]

    date_pattern = DATE_PATTERN

    @property
    def filtered(self):
        return bool(self.kind or self.section or self.date_from or self.date_to)

    def kind_choices(self):
        return [(slug, kind_label(slug)) for slug in kinds()]

    def query_string(self):
        """The search and its filters as an address query, for pagination links."""
        pairs = [
            ("q", self.query),
            ("kind", self.kind),
            ("section", self.section.slug if self.section else ""),
            ("tu", self.date_from.isoformat() if self.date_from else ""),
            ("den", self.date_to.isoformat() if self.date_to else ""),
        ]
        return urlencode([(key, value) for key, value in pairs if value])

    def pages(self):
        """Live, public pages of the searchable kinds, narrowed by the filters. Every condition is
        on a FilterField of Page (live, path, depth, content_type, first_published_at), which is
        what the search backends accept."""
        models = [kinds()[self.kind]] if self.kind else list(kinds().values())
        pages = all_pages().live().unrestricted().type(*models)
        if self.section:
            pages = pages.descendant_of(self.section)
        if self.date_from:
            pages = pages.filter(first_published_at__gte=start_of_day(self.date_from))
        if self.date_to:
            pages = pages.filter(first_published_at__lt=start_of_day(self.date_to + timedelta(1)))
        return pages

    def exact_matches(self, pages):
        """The pages among `pages` that are exactly what the reader typed, as the desks find
        them (a document's number: core/registry.py), in their order, each once."""
        found, seen = [], set()
        for finder in registry.EXACT_FINDERS:
            for page in finder(self.query, pages):
                if page.pk not in seen:
                    seen.add(page.pk)
                    found.append(page)
        return found[:MAX_EXACT_MATCHES]

    def promotions(self):
        """Editors' picks for the query (wagtail.contrib.search_promotions), live public pages and
        outside links, when no filter narrows the search.

        Read only: Wagtail's `Query.get(q)` creates a row for every new query and `add_hit()`
        writes one per search, a database write on every read at 10 million visits a month (and
        a table any visitor could fill). Search popularity comes from the web analytics instead.
        The query is looked up as typed and folded, so a pick saved under "chinh phu" also
        answers "Chính phủ".
        """
        if not self.query or self.filtered:
            return []
        strings = {normalise_query_string(self.query), normalise_query_string(" ".join(self.words))}
        picks = list(
            SearchPromotion.objects.filter(query__query_string__in=strings).order_by(
                "sort_order", "pk"
            )
        )
        page_ids = [pick.page_id for pick in picks if pick.page_id]
        visible = (
            {
                page.pk: page
                for page in all_pages().live().unrestricted().filter(pk__in=page_ids).specific()
            }
            if page_ids
            else {}
        )
        promoted, seen = [], set()
        for pick in picks:
            if pick.page_id:
                page = visible.get(pick.page_id)
                if page is None or page.pk in seen:
                    continue
                seen.add(page.pk)
                promoted.append(
                    Promotion(
                        title=page.title,
                        description=pick.description or getattr(page, "display_summary", ""),
                        page=page,
                        badge=_badge(page),
                    )
                )
            elif pick.external_link_url and pick.external_link_url not in seen:
                seen.add(pick.external_link_url)
                promoted.append(
                    Promotion(
                        title=pick.external_link_text or pick.external_link_url,
                        description=pick.description,
                        url=pick.external_link_url,
                    )
                )
        return promoted

    def run(self, request):
        """The page of results to show: promotions and exact-number documents on page 1 only,
        each shown once (they are left out of the ranked results)."""
        pages = self.pages()
        exact = self.exact_matches(pages) if self.query else []
        exact_ids = {doc.pk for doc in exact}
        promoted = [p for p in self.promotions() if not (p.page and p.page.pk in exact_ids)]
        shown_above = [doc.pk for doc in exact] + [p.page.pk for p in promoted if p.page]
        results, more = [], False
        if self.words:
            ranked = pages.exclude(pk__in=shown_above) if shown_above else pages
            if connection.vendor == "postgresql":
                results, more = _ranked(ranked, self.words)
            else:
                # Each result as its specific type, in the same query whatever the mix of kinds.
                results = joined_specific(ranked, list(kinds().values())).search(
                    " ".join(self.words)
                )
        page_obj = paginate(results, request, RESULTS_PER_PAGE)
        if isinstance(results, list):  # PostgreSQL: page ids, best first
            page_obj.object_list = _in_order(page_obj.object_list)
        first = page_obj.number == 1
        hits = [_hit(doc, exact=True) for doc in exact] if first else []
        hits += [_hit(page) for page in page_obj.object_list]
        return SearchPage(
            page_obj=page_obj,
            hits=hits,
            promoted=promoted if first else [],
            count=page_obj.paginator.count + len(exact),
            more=more,
        )


@dataclass
class SearchPage:
    page_obj: object
    hits: list
    promoted: list
    count: int
    more: bool = False  # more matches than `count`, which is then a lower bound


def _ranked(pages, words):
    """PostgreSQL: the ids of the pages in `pages` that contain every word, best first, and
    whether there are more matches than MAX_RANKED.

    Wagtail's database backend ranks every match before it takes a page of them, and counts them
    all: on 250,000 pages a common query ("nghi dinh" is in 60,000, "ngan sach" in 150,000) read
    that many index rows, each with its whole body vector out of TOAST, some 10 seconds. Its
    match is also on `title || body`, an expression no index holds. Here:

    - the match is `body @@ query`, which the GIN index on `body` answers. Same pages: the query
      is folded words, and `body` holds the folded title and text (`folded_title`,
      `folded_search_text`), while `title` holds only the title as written, whose words are all
      in `folded_title` too;
    - only the newest MAX_RANKED + 1 matches are read, in publication order; for a common word
      PostgreSQL walks the newest pages (`first_published_at` index) and stops when it has
      enough, for a rare one it takes the few matches from the GIN index;
    - those are ranked as the backend ranks (title and body weights, title norm), and the
      reader is told "more than MAX_RANKED results", as large portals do.
    """
    backend = get_search_backend()
    query = SearchQuery(
        reduce(operator.and_, (Lexeme(word) for word in words)),
        search_type="raw",
        config=backend.config,
    )
    entries = IndexEntry.objects.filter(
        content_type_id=OuterRef("content_type_id"),
        object_id=Cast(OuterRef("pk"), CharField(max_length=50)),
        body=query,
    )
    found = list(
        pages.filter(Exists(entries))
        .order_by("-first_published_at", "-pk")
        .values_list("pk", "content_type_id")[: MAX_RANKED + 1]
    )
    more = len(found) > MAX_RANKED
    found = found[:MAX_RANKED]
    if not found:
        return [], False
    weights = get_sql_weights()
    ranks = IndexEntry.objects.filter(
        content_type_id__in={content_type for _, content_type in found},
        object_id__in=[str(pk) for pk, _ in found],
    ).values_list(
        "content_type_id",
        "object_id",
        SearchRank(F("title"), query, weights=weights) * F("title_norm")
        + SearchRank(F("body"), query, weights=weights),
    )
    rank = {(content_type, int(pk)): value for content_type, pk, value in ranks}
    found.sort(key=lambda row: (-rank.get((row[1], row[0]), 0), -row[0]))
    return [pk for pk, _ in found], more


def _in_order(ids):
    """The pages with these ids, as their specific types (one query), in this order."""
    pages = joined_specific(Page.objects.filter(pk__in=ids), list(kinds().values()))
    by_id = {page.pk: page for page in pages}
    return [by_id[pk] for pk in ids if pk in by_id]


def _badge(page):
    return getattr(page, "kind_label", "") or kind_label(getattr(page, "search_kind", ""))


def _hit(page, exact=False):
    # A page type may be dated otherwise than by its publication (a legal document: its issue
    # date), naming its date `search_date` and what the date is `search_date_label`.
    return Hit(
        page=page,
        badge=_badge(page),
        date=getattr(page, "search_date", None) or getattr(page, "publication_time", None),
        date_label=getattr(page, "search_date_label", ""),
        summary=getattr(page, "display_summary", ""),
        number_symbol=getattr(page, "number_symbol", ""),
        exact=exact,
    )
