"""Every public page type renders with a bounded number of SQL queries, whatever the amount of
content (issue 8): at most MAX_QUERIES, and the same with a few or many children, comments,
relations, topics or photos. A listing's count is one query; nothing is fetched per item.

Each case builds a page, adds a few related things, renders it twice and counts the second render
(per-process caches that Wagtail and Django keep — renditions, site root paths, the sections
menu, view restrictions — are warm, as on a busy portal); then adds many more and counts again.
The whole-page cache is off in tests, so each count is what a cache miss costs.
"""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from tests.every_page_type import CASES, build_portal

# 13: the policy page of an open consultation, whose form offers its draft's units (issue 19),
# beside the timeline, documents, news and comments; every other page costs 12 or less.
MAX_QUERIES = 13
# A live page whose updates hold every kind of block: beside an article's 11, its updates, the
# videos with their files and the legal documents with their status (two queries a kind).
MOST_QUERIES = {"live_coverage": 15}
FEW, MANY = 3, 12


@pytest.fixture
def portal(home_page):
    return build_portal(home_page)


def queries(client, url, params=None, status=200):
    """The SQL of one GET of `url`, after a first GET that warms the per-process caches."""
    assert client.get(url, params or {}).status_code == status
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params or {}).status_code == status
    return [query["sql"] for query in captured.captured_queries]


@pytest.mark.parametrize("case", CASES, ids=[case.__name__ for case in CASES])
def test_every_page_type_costs_a_bounded_number_of_queries_at_any_size(client, portal, case):
    url, params, status, add_more = case(portal)
    add_more(FEW)
    few = queries(client, url, params, status)
    add_more(MANY - FEW)
    many = queries(client, url, params, status)
    listing = "\n".join(_short(sql) for sql in many)
    assert (len(few), len(many)) == (len(few), len(few)), f"{len(few)} then:\n{listing}"
    assert len(many) <= MOST_QUERIES.get(case.__name__, MAX_QUERIES), f"{len(many)}:\n{listing}"


def _short(sql):
    """A query as a reader of a failure needs it: the table and the conditions."""
    return re.sub(r"^SELECT .*? FROM ", "SELECT … FROM ", sql)[:240]
