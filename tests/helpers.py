"""Small helpers several test folders share."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import PageViewRestriction


def count_queries(client, url, params=None):
    """How many SQL queries a successful GET of `url` costs."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params or {}).status_code == 200
    return len(captured)


def member_of(group_name, username):
    """A user in one of the portal's roles (groups made by migrations)."""
    user = get_user_model().objects.create_user(username, password="mat-khau-dai-2026")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def hidden_stories(section):
    """Stories in `section` that must appear nowhere public, by slug: a draft, one scheduled an
    hour ahead, one behind a login, and one withdrawn (published, then unpublished)."""
    from tests.factories import ArticlePageFactory  # factories import the models: not at load

    draft = ArticlePageFactory(parent=section, title="Bí mật bản nháp", slug="ban-nhap", live=False)
    scheduled = ArticlePageFactory(
        parent=section,
        title="Bí mật hẹn giờ",
        slug="tin-hen-gio",
        live=False,
        first_published_at=None,
    )
    scheduled.save_revision(approved_go_live_at=timezone.now() + timedelta(hours=1))
    private = ArticlePageFactory(parent=section, title="Bí mật nội bộ", slug="tin-noi-bo")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    withdrawn = ArticlePageFactory(parent=section, title="Bí mật đã gỡ", slug="tin-da-go")
    withdrawn.unpublish()
    return {page.slug: page for page in (draft, scheduled, private, withdrawn)}
