"""Page numbers over any listing, empty or not."""

from django.test import RequestFactory

from wagtail.models import Page

from core.paginate import paginate


def test_an_empty_listing_is_one_empty_page(db):
    page = paginate(Page.objects.none(), RequestFactory().get("/", {"page": "7"}))
    assert (page.number, page.paginator.count, list(page)) == (1, 0, [])
