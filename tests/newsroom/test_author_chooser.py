"""An author missing from the byline is added from the article's author chooser, in Vietnamese."""

from django.urls import reverse

import pytest

from newsroom.models import Author
from tests.factories import AuthorFactory
from tests.helpers import member_of

CHOOSE = "wagtailsnippetchoosers_newsroom_author:choose"
CREATE = "wagtailsnippetchoosers_newsroom_author:create"


def test_the_author_chooser_offers_to_add_a_new_author(admin_client):
    response = admin_client.get(reverse(CHOOSE))
    assert response.status_code == 200
    html = response.json()["html"]
    assert "Thêm tác giả mới" in html
    assert "Thêm và chọn tác giả" in html
    assert 'name="name"' in html


def test_a_new_author_is_created_and_chosen_at_once(admin_client):
    response = admin_client.post(reverse(CREATE), {"name": "Nguyễn Thị Hương", "slug": ""})
    assert response.status_code == 200
    data = response.json()
    author = Author.objects.get(name="Nguyễn Thị Hương")
    assert author.slug == "nguyen-thi-huong"
    assert data["step"] == "chosen"
    assert data["result"]["id"] == str(author.pk)
    assert data["result"]["string"] == "Nguyễn Thị Hương"


@pytest.mark.parametrize(
    ("posted", "message"),
    [
        ({"name": "", "slug": ""}, "Hãy nhập họ và tên tác giả."),
        (
            {"name": "Nguyễn Thị Hương", "slug": "nguyen-thi-huong"},
            "Đường dẫn này đã thuộc về một tác giả khác",
        ),
    ],
)
def test_a_refused_author_shows_why_in_vietnamese_in_the_modal(admin_client, posted, message):
    AuthorFactory(name="Nguyễn Thị Hương", slug="nguyen-thi-huong")
    response = admin_client.post(reverse(CREATE), posted)
    assert response.status_code == 200
    data = response.json()
    assert data["step"] == "reshow_creation_form"
    assert message in data["htmlFragment"]
    assert Author.objects.count() == 1


def test_a_reporter_chooses_authors_but_adding_one_is_left_to_editors(client, db):
    """Reporters may only view authors (newsroom/migrations/0003_editorial_roles.py): the
    chooser offers them no creation form, and a post is turned away (Wagtail sends the user
    to the dashboard with its "permission denied" message)."""
    client.force_login(member_of("Phóng viên", "phongvien"))
    response = client.get(reverse(CHOOSE))
    assert response.status_code == 200
    assert "Thêm tác giả mới" not in response.json()["html"]
    response = client.post(reverse(CREATE), {"name": "Nguyễn Thị Hương"})
    assert response.status_code == 302
    assert not Author.objects.exists()
