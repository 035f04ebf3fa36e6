"""Page numbers over any listing, empty or not."""

from django.test import RequestFactory

from wagtail.models import Page

from core.paginate import paginate


def test_an_empty_listing_is_one_empty_page(db):
    page = paginate(Page.objects.none(), RequestFactory().get("/", {"page": "7"}))
    assert (page.number, page.paginator.count, list(page)) == (1, 0, [])


def test_an_absurd_page_number_on_a_policy_page_is_its_last_page(client, home_page):
    from tests.factories import PolicyIndexPageFactory, PolicyPageFactory

    policy = PolicyPageFactory(parent=PolicyIndexPageFactory(parent=home_page))
    response = client.get(policy.url, {"page": "99999999999999999999"})
    assert response.status_code == 200
