import pytest

from newsroom.models import FEATURED_COUNT, HomeFeaturedSlot
from tests.factories import ArticlePageFactory, SectionPageFactory


@pytest.fixture
def section(home_page):
    return SectionPageFactory(parent=home_page, title="Thời sự", slug="thoi-su")


@pytest.fixture
def stories(section):
    """Ten stories, newest first."""
    return [ArticlePageFactory(parent=section, title=f"Tin số {n}") for n in range(10)]


def home_context(client):
    response = client.get("/")
    assert response.status_code == 200
    return response.context


def test_without_choices_the_newest_stories_fill_every_slot(client, stories):
    context = home_context(client)
    assert context["top_story"] == stories[0]
    assert context["featured_stories"] == stories[1 : 1 + FEATURED_COUNT]
    assert context["latest_stories"][0] == stories[1 + FEATURED_COUNT]


def test_editors_choices_lead_and_the_rest_fall_back_to_the_newest(client, home_page, stories):
    home_page.top_story = stories[7]
    home_page.save()
    HomeFeaturedSlot.objects.create(page=home_page, article=stories[9], sort_order=0)
    HomeFeaturedSlot.objects.create(page=home_page, article=None, sort_order=1)

    context = home_context(client)
    assert context["top_story"] == stories[7]
    assert context["featured_stories"] == [stories[9], stories[0], stories[1], stories[2]]
    assert stories[7] not in context["latest_stories"]  # no story twice on the page


def test_an_unpublished_choice_falls_back_and_never_shows(client, home_page, stories):
    withdrawn = stories[5]
    home_page.top_story = withdrawn
    home_page.save()
    withdrawn.unpublish()

    context = home_context(client)
    assert context["top_story"] == stories[0]
    assert withdrawn.title not in client.get("/").text


def test_each_menu_section_shows_its_newest_stories(client, home_page, section, stories):
    empty = SectionPageFactory(parent=home_page, title="Quốc tế")
    blocks = dict(home_context(client)["section_blocks"])
    assert blocks[section] == stories[:4]
    assert blocks[empty] == []
