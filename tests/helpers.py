"""Small helpers several test folders share."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext


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
