"""Page numbers over listings of hundreds of thousands of stories.

Two costs grow with the archive: the COUNT(*) the paginator needs for its page numbers, and the
rows a deep page (?page=500) skips. A large count is kept in the shared cache until the next
publication anywhere (core/cache_tags.py); a small one is cheap and always read afresh. A
page's rows are chosen by their ids alone (the page table and its indexes), and only those twenty
are then read with their joins, instead of joining every type's table for the ten thousand rows
OFFSET skips.
"""

import hashlib

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, F, Lookup, QuerySet, Subquery, Window
from django.utils.functional import cached_property

from . import cache_tags

LISTING_PAGE_SIZE = 20
LAST_COUNTED_PAGE = 100_000
# Below this a COUNT is a few milliseconds and is not worth a stale number.
CACHED_COUNT_FROM = 1000
COUNT_CACHE_SECONDS = 3600


def cached_count(queryset):
    """`queryset.count()`, kept when it is large until the next publication anywhere (the tag
    `publications`, core/cache_tags.py)."""
    if not isinstance(queryset, QuerySet):  # e.g. search results
        return queryset.count()
    try:
        query = str(queryset.order_by().query).encode()
    except EmptyResultSet:  # a filter that matches nothing (`pk__in=[]`): no SQL to key by
        return 0
    return cache_tags.kept(
        f"listing-count:{hashlib.sha1(query).hexdigest()}",  # noqa: S324
        COUNT_CACHE_SECONDS,
        {cache_tags.ALL, cache_tags.PUBLICATIONS},
        queryset.count,
        keep_if=lambda count: count >= CACHED_COUNT_FROM,
    )


class InArray(Lookup):
    """`lhs = ANY(ARRAY(subquery))` (PostgreSQL): the subquery is run once, first."""

    lookup_name = "in_array"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY(ARRAY{rhs})", (*lhs_params, *rhs_params)


class ListingPaginator(Paginator):
    @cached_property
    def count(self):
        if not isinstance(self.object_list, QuerySet):
            return super().count
        return cached_count(self.object_list)

    def _get_page(self, object_list, number, paginator):
        if isinstance(object_list, QuerySet) and object_list.query.low_mark:
            # A deep page: its ids in a subquery, then only its rows joined.
            ids = object_list.values("pk")
            object_list = self.object_list._chain()
            object_list.query.clear_limits()
            if connection.vendor == "postgresql":
                # = ANY(ARRAY(…)): the ids first, then twenty lookups; with IN, PostgreSQL may
                # join every row before matching them.
                object_list = object_list.filter(InArray(F("pk"), Subquery(ids)))
            else:
                object_list = object_list.filter(pk__in=ids)
        return super()._get_page(object_list, number, paginator)


def paginate(queryset, request, per_page=LISTING_PAGE_SIZE, count=None):
    """The requested page of `queryset`, its rows read now, so that a template only shows them.
    `count`: the number of rows, when the caller has it already (no COUNT query then)."""
    paginator = ListingPaginator(queryset, per_page)
    if count is not None:
        paginator.count = count
    # get_page turns a missing, non-numeric or out-of-range ?page= into the first or last page.
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    return page


def paginate_counted(queryset, request, per_page=LISTING_PAGE_SIZE, **totals):
    """paginate(), with the count, and any aggregate over the whole list named in `totals`
    (e.g. a Count with a filter), read in the same query as the page's rows: as window
    functions, which the database computes over the whole list before the page's LIMIT.
    `page.totals` holds them. A page past the end (no rows) falls back to paginate()."""
    try:
        number = max(1, int(request.GET.get("page") or 1))
    except ValueError:
        number = 1
    if number > LAST_COUNTED_PAGE:  # an absurd ?page= (the OFFSET would overflow): the last
        number = (
            LAST_COUNTED_PAGE + 1
        )  # page, through paginate() below, as for any page past the end
    windows = {f"total_{name}": Window(aggregate) for name, aggregate in totals.items()}
    annotated = queryset.annotate(total_count=Window(Count("pk")), **windows)
    rows = list(annotated[(number - 1) * per_page : number * per_page])
    if not rows:
        page = paginate(queryset, request, per_page)
        page.totals = queryset.aggregate(**totals) if totals else {}
        return page
    paginator = Paginator(queryset, per_page)
    paginator.count = rows[0].total_count
    page = paginator.page(number)
    page.object_list = rows
    page.totals = {name: getattr(rows[0], f"total_{name}") for name in totals}
    return page
