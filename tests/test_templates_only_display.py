"""Templates only display (issue 17): whatever a page shows is fetched before its template
renders — in the page's get_context(), the view, or a model method they call — and the template
makes no SQL query of its own.

Each case of tests/every_page_type.py is built with a few of everything and served through the
test client while `template_queries()` records the queries made inside a template's render call
(the outermost one: an include or a block's template renders inside it). get_context() and the
view run before that call and are not counted.

The first GET of each page makes the photos' renditions (a legitimate write, once per size) and
warms the caches a busy portal has warm: the renditions cache, where `{% responsive_image %}`
finds a photo's sizes without a query (listings deliberately do not prefetch renditions, see
core.models.mixins.live_stories), the sections menu, the site root paths. The second GET is the
one measured. The page cache is off in tests, so the page is rendered each time.
"""

import re
from contextlib import contextmanager

from django.apps import apps
from django.db import connection, transaction
from django.template import engines
from django.template.backends.django import Template as DjangoTemplate
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import Page

import pytest

from tests.every_page_type import CASES, build_portal
from tests.factories import ArticlePageFactory, PolicyPageFactory, SubmissionFactory

FEW = 3


@pytest.fixture
def portal(home_page):
    return build_portal(home_page)


@contextmanager
def template_queries():
    """Record every template render as (template name, [SQL made while it rendered])."""
    renders = []
    original = DjangoTemplate.render
    depth = 0

    def render(self, context=None, request=None):
        nonlocal depth
        if depth:  # an inner render: its queries are the outer template's
            return original(self, context, request)
        depth += 1
        captured = CaptureQueriesContext(connection)
        try:
            with captured:
                return original(self, context, request)
        finally:
            depth -= 1
            sql = [query["sql"] for query in captured.captured_queries]
            renders.append((self.origin.template_name, sql))

    DjangoTemplate.render = render
    try:
        yield renders
    finally:
        DjangoTemplate.render = original


def served(client, url, params, status):
    """The template renders of one GET of `url`, after a first GET that makes the renditions."""
    assert client.get(url, params or {}).status_code == status
    with template_queries() as renders:
        assert client.get(url, params or {}).status_code == status
    return renders


def listing(renders):
    return "\n".join(f"{name}: {_short(sql)}" for name, queries in renders for sql in queries)


# Readers' pages that are not Wagtail pages, beside the topic, author and search pages of CASES.


def feed_list(portal):
    return reverse("syndication:feed_list"), None, 200, lambda n: None


def receipt(portal):
    policy = PolicyPageFactory(parent=portal["policies"])
    comment = SubmissionFactory(policy=policy, kind="gop-y")
    return reverse("policy_pages:receipt", args=[comment.receipt]), None, 200, lambda n: None


def receipt_lookup(portal):
    return reverse("policy_pages:receipt_lookup"), None, 200, lambda n: None


def privacy_notice(portal):
    return reverse("policy_pages:privacy_notice"), None, 200, lambda n: None


def topic_index(portal):
    def add_more(n):
        for k in range(n):
            story = ArticlePageFactory(parent=portal["sections"][0])
            story.topics.add("Đầu tư công", f"Chủ đề thử {n}-{k}")
            story.save()

    return reverse("newsroom:topic_index"), None, 200, add_more


READER_VIEWS = [feed_list, receipt, receipt_lookup, privacy_notice, topic_index]


@pytest.mark.parametrize(
    "case", CASES + READER_VIEWS, ids=[case.__name__ for case in CASES + READER_VIEWS]
)
def test_no_template_queries_the_database(client, portal, case):
    url, params, status, add_more = case(portal)
    add_more(FEW)
    renders = served(client, url, params, status)
    assert renders, "the page rendered no template: nothing was measured"
    queried = [(name, sql) for name, sql in renders if sql]
    assert not queried, f"templates that query:\n{listing(queried)}"


def test_every_page_type_is_among_the_cases(client, portal):
    """A new page type joins the cases of tests/every_page_type.py, or this fails: the template
    and query-count tests would otherwise pass without ever rendering it."""
    served_types = set()
    for case in CASES:
        with transaction.atomic():  # each case's own data is undone: cases may clash
            url, params, _status, _add_more = case(portal)
            page = client.get(url, params or {}).context.get("page")
            if page is not None:
                served_types.add(type(page.specific))
            transaction.set_rollback(True)
    page_types = {model for model in apps.get_models() if issubclass(model, Page)} - {Page}
    missing = sorted(model.__name__ for model in page_types - served_types)
    assert not missing, f"page types no case serves: {missing}"


def test_a_template_that_queries_is_caught(db):
    """The harness itself: a template that counts pages is seen querying."""
    template = engines["django"].from_string("{{ pages.count }}")
    with template_queries() as renders:
        template.render({"pages": Page.objects.all()})
    assert [len(sql) for _name, sql in renders] == [1]


def _short(sql):
    return re.sub(r"^SELECT .*? FROM ", "SELECT … FROM ", sql)[:300]
