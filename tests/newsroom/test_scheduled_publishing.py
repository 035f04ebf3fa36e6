"""A story scheduled for later is invisible everywhere public until `publish_scheduled` runs after
its go-live time."""

import datetime as dt
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

import pytest

from tests.factories import ArticlePageFactory, AuthorFactory, SectionPageFactory

TITLE = "Tin hẹn giờ đăng lúc tám giờ sáng"


@pytest.fixture
def scheduled(home_page):
    section = SectionPageFactory(parent=home_page, title="Thời sự", slug="thoi-su")
    author = AuthorFactory(name="Phạm Thu Trang")
    article = ArticlePageFactory(
        parent=section, title=TITLE, live=False, first_published_at=None, authors=[author]
    )
    article.topics.add("Hẹn giờ")
    article.save()
    revision = article.save_revision(approved_go_live_at=timezone.now() + dt.timedelta(hours=1))
    return section, article, author, revision


def public_views(client, section, article, author):
    return {
        "home": client.get("/"),
        "section": client.get(section.url),
        "topic": client.get("/chu-de/hen-gio/"),
        "author": client.get(author.get_absolute_url()),
        "search": client.get("/search/", {"q": "hẹn giờ"}),
        "article": client.get(article.url),
    }


def test_a_scheduled_story_is_invisible_before_its_time(client, scheduled):
    section, article, author, _ = scheduled
    call_command("publish_scheduled", stdout=StringIO())  # its time has not come
    views = public_views(client, section, article, author)
    assert views.pop("article").status_code == 404
    for name, response in views.items():
        assert response.status_code == 200, name
        assert TITLE not in response.text, name


def test_publish_scheduled_publishes_it_once_its_time_has_come(client, scheduled):
    section, article, author, revision = scheduled
    revision.approved_go_live_at = timezone.now() - dt.timedelta(minutes=1)
    revision.save()
    call_command("publish_scheduled", stdout=StringIO())

    article.refresh_from_db()
    assert article.live
    assert article.first_published_at is not None
    for name, response in public_views(client, section, article, author).items():
        assert response.status_code == 200, name
        assert TITLE in response.text, name
