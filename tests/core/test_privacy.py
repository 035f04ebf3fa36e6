"""A page under a view restriction (password, login, group) shows in no public list, and the
cached list of restrictions never lags behind a change."""

from wagtail.models import PageViewRestriction

import pytest

from tests.factories import ArticlePageFactory, SectionPageFactory


@pytest.fixture
def sections(home_page):
    open_section = SectionPageFactory(parent=home_page, title="Thời sự", slug="thoi-su")
    private = SectionPageFactory(parent=home_page, title="Nội bộ", slug="noi-bo")
    ArticlePageFactory(parent=open_section, title="Tin công khai")
    ArticlePageFactory(parent=private, title="Tin nội bộ không công khai")
    return open_section, private


def restrict(page):
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau"
    )


def home_text(client):
    return client.get("/").content.decode()


def test_a_restricted_sections_stories_leave_every_list_at_once(client, sections):
    open_section, private = sections
    assert "Tin nội bộ không công khai" in home_text(client)  # the cache is warm now
    restriction = restrict(private)
    assert "Tin nội bộ không công khai" not in home_text(client)
    assert "Tin công khai" in home_text(client)
    topic_free = client.get(open_section.url).content.decode()
    assert "Tin nội bộ" not in topic_free
    restriction.delete()
    assert "Tin nội bộ không công khai" in home_text(client)


def test_a_section_made_private_leaves_the_menu_at_once(client, sections):
    _open_section, private = sections
    private.show_in_menus = True
    private.save()
    assert 'href="/noi-bo/"' in home_text(client)  # the menu is cached now
    restriction = restrict(private)
    assert 'href="/noi-bo/"' not in home_text(client)
    restriction.delete()
    assert 'href="/noi-bo/"' in home_text(client)


def test_moving_a_restricted_section_keeps_its_stories_hidden(client, home_page, sections):
    open_section, private = sections
    restrict(private)
    assert "Tin nội bộ không công khai" not in home_text(client)
    private.move(open_section, pos="last-child")  # its path, and its stories', change
    assert "Tin nội bộ không công khai" not in home_text(client)
    assert "Tin nội bộ không công khai" not in client.get(open_section.url).content.decode()
