"""Faults the portal must ride out: the database down, Redis down, the disk full.

Readers get a calm Vietnamese page with the right status, never a traceback; nothing a reader
sends is acknowledged unless it is stored; nothing half-written is left behind.
"""

import errno
import io
import json
import os
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

from django.conf import settings as django_settings
from django.core import mail
from django.core.files.base import ContentFile
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client
from django.urls import reverse

from wagtail.models import Collection

import pytest
import requests
from bs4 import BeautifulSoup
from PIL import Image

from core.upload_storage import WholeFileSystemStorage
from media.models import PortalDocument, PortalImage
from policy_pages.models import Submission
from tests.factories import open_for_comment
from tests.helpers import log_in_verified, member_of
from tests.policy_pages.participation import form_fields
from tests.servers import free_port, live_database_url, one_server_at_a_time, portal_server
from tests.skips import postgresql_pass

PASSWORD = "mat-khau-dai-2026"  # tests.helpers.member_of
on_postgresql = postgresql_pass("the server process reads the test's data")


def text_of(response):
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def quiet_client():
    """A client that gets the answer a browser would, not the exception behind it."""
    return Client(raise_request_exception=False)


@contextmanager
def database_down():
    """Every query fails as it does when PostgreSQL is stopped or unreachable."""
    refused = OperationalError(
        'connection to server at "127.0.0.1", port 5432 failed: Connection refused'
    )
    with mock.patch.object(BaseDatabaseWrapper, "ensure_connection", side_effect=refused):
        yield


@pytest.fixture
def redis_down(settings):
    """The shared cache is Redis on a port where nothing listens, configured as production."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
                "IGNORE_EXCEPTIONS": True,
            },
        },
    }


@pytest.fixture
def open_policy(home_page):
    policy = open_for_comment(home_page, "Dự thảo Luật Đất đai (sửa đổi)")
    return policy


@pytest.fixture
def instant_forms(settings):
    settings.PORTAL_PARTICIPATION = {**settings.PORTAL_PARTICIPATION, "MIN_SECONDS": 0}


def assert_calm_503(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    body = response.content.decode()
    assert "tạm thời gián đoạn" in body
    for leak in ("Traceback", "OperationalError", "Connection refused", "5432"):
        assert leak not in body


# The database down ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    ["/", "/search/?q=thue", "/feeds/latest.rss", "/api/v2/pages/", "/y-kien/tra-cuu/?ma=YK-1"],
)
def test_with_the_database_down_pages_answer_a_calm_503_to_try_again(home_page, path):
    with database_down():
        response = quiet_client().get(path)
    assert_calm_503(response)


def test_with_the_database_down_an_editor_in_the_admin_gets_the_503_not_a_traceback(
    home_page, admin_user
):
    """The failing query is the session's user, in the authentication middleware: not a view."""
    client = quiet_client()
    log_in_verified(client, admin_user)
    assert client.get("/admin/").status_code == 200
    with database_down():
        assert_calm_503(client.get("/admin/"))


def test_the_health_check_says_503_while_the_database_is_down_and_200_after(db):
    with database_down():
        down = quiet_client().get("/healthz")
    assert down.status_code == 503
    assert down["Retry-After"] == "60"
    assert quiet_client().get("/healthz").status_code == 200


@pytest.mark.usefixtures("instant_forms")
def test_a_comment_sent_while_the_database_is_down_gets_no_receipt(client, open_policy):
    data, action = form_fields(client, open_policy)
    with database_down():
        response = quiet_client().post(action, data)
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "Ý kiến của bạn chưa được lưu" in text_of(response)
    assert "Location" not in response
    assert "YK-" not in response.content.decode()
    assert not Submission.objects.exists()
    assert mail.outbox == []


def test_a_query_the_database_refuses_is_still_a_500_not_an_outage(home_page):
    """A bug (a bad query) must not pass for an outage that goes away by itself."""
    from django.db import ProgrammingError

    with mock.patch("core.views.SiteSearch.from_request", side_effect=ProgrammingError("bug")):
        response = quiet_client().get("/search/?q=thue")
    assert response.status_code == 500
    assert "Retry-After" not in response


@one_server_at_a_time
def test_a_real_server_with_its_database_unreachable_answers_503_pages():
    """No PostgreSQL needed: the server is pointed at a port where nothing listens."""
    with portal_server(f"postgres://postgres@127.0.0.1:{free_port()}/nowhere") as base:
        home = requests.get(base + "/", timeout=30)
        feed = requests.get(base + "/feeds/latest.rss", timeout=30)
        health = requests.get(base + "/healthz", timeout=30)
    for response in (home, feed):
        assert response.status_code == 503
        assert response.headers["Retry-After"] == "60"
        assert "Cổng thông tin tạm thời gián đoạn" in response.text
        assert "Traceback" not in response.text
    assert health.status_code == 503


# Redis down ---------------------------------------------------------------------------------------


@pytest.mark.usefixtures("redis_down")
def test_with_redis_down_readers_are_served_from_the_database(client, open_policy):
    home = client.get("/")
    page = client.get(open_policy.url)
    assert (home.status_code, page.status_code) == (200, 200)
    assert "Dự thảo Luật Đất đai (sửa đổi)" in text_of(page)


@pytest.mark.usefixtures("redis_down")
def test_with_redis_down_an_editor_can_still_log_in(client, home_page):
    """Sessions are written through to the database, login throttling counts there too."""
    member_of("Biên tập viên", "bientap")
    login = client.post(
        reverse("wagtailadmin_login"), {"username": "bientap", "password": PASSWORD}
    )
    assert login.status_code == 302
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


@pytest.mark.usefixtures("instant_forms")
def test_with_redis_down_a_comment_is_stored_and_flagged_for_the_moderators(
    client, open_policy, settings, redis_down
):
    """The rate limits cannot count: the comment is neither lost nor waved through unseen."""
    data, action = form_fields(client, open_policy)
    response = client.post(action, data)
    assert response.status_code == 303
    [comment] = Submission.objects.all()
    assert comment.status == "cho-duyet"
    assert comment.rate_unchecked
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.usefixtures("instant_forms")
def test_with_the_cache_up_a_comment_is_not_flagged(client, open_policy):
    data, action = form_fields(client, open_policy)
    assert client.post(action, data).status_code == 303
    assert not Submission.objects.get().rate_unchecked


def test_the_moderators_can_list_the_comments_the_rate_limits_could_not_count(
    client, open_policy, admin_user
):
    from tests.factories import SubmissionFactory

    SubmissionFactory(policy=open_policy, name="Lê Văn Chưa Đếm", rate_unchecked=True)
    SubmissionFactory(policy=open_policy, name="Phạm Thị Đã Đếm")
    log_in_verified(client, admin_user)
    listing = client.get(
        reverse("wagtailsnippets_policy_pages_submission:list"), {"rate_unchecked": "true"}
    )
    assert listing.status_code == 200
    assert "Lê Văn Chưa Đếm" in text_of(listing)
    assert "Phạm Thị Đã Đếm" not in text_of(listing)


@on_postgresql
@one_server_at_a_time
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_real_server_with_redis_unreachable_serves_logs_in_and_takes_comments(open_policy):
    member_of("Biên tập viên", "bientap")
    with portal_server(
        live_database_url(),
        REDIS_URL=f"redis://127.0.0.1:{free_port()}/0",
        PAGE_CACHE_SECONDS="600",
        PARTICIPATION_MIN_SECONDS="0",
    ) as base:
        assert requests.get(base + "/", timeout=30).status_code == 200
        page = requests.get(base + open_policy.url, timeout=30)
        assert page.status_code == 200

        editor = requests.Session()
        login_url = base + reverse("wagtailadmin_login")
        editor.get(login_url, timeout=30)
        login = editor.post(
            login_url,
            {
                "username": "bientap",
                "password": PASSWORD,
                "csrfmiddlewaretoken": editor.cookies["csrftoken"],
            },
            headers={"Referer": login_url},
            allow_redirects=False,
            timeout=30,
        )
        assert login.status_code == 302, login.text[:500]
        assert editor.get(base + reverse("wagtailadmin_home"), timeout=30).status_code == 200

        reader = requests.Session()
        form = BeautifulSoup(page.content, "html.parser").select_one("form.participation-form")
        data = {
            **reader.get(base + form["data-tokens"], timeout=30).json(),
            "kind": "gop-y",
            "name": "Hoàng Văn Dũng",
            "email": "dung.hoang@example.vn",
            "capacity": "ca-nhan",
            "body": "Đề nghị công khai bảng giá đất hằng năm.",
            "consent": "on",
            "website": "",
        }
        sent = reader.post(base + form["action"], data, allow_redirects=False, timeout=30)
        assert sent.status_code == 303
        assert reader.get(base + sent.headers["Location"], timeout=30).status_code == 200
    [comment] = Submission.objects.all()
    assert (comment.status, comment.rate_unchecked) == ("cho-duyet", True)


# The disk full ------------------------------------------------------------------------------------


class HalfWrittenFile:
    """A file on a disk that fills up: half of the first write lands, then ENOSPC."""

    def __init__(self, file):
        self.file = file

    def write(self, data):
        self.file.write(data[: len(data) // 2])
        self.file.flush()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def close(self):
        self.file.close()


@contextmanager
def disk_full():
    real_fdopen = os.fdopen

    def fdopen(fd, *args, **kwargs):
        return HalfWrittenFile(real_fdopen(fd, *args, **kwargs))

    with mock.patch("django.core.files.storage.filesystem.os.fdopen", side_effect=fdopen):
        yield


def uploaded_files():
    return sorted(path for path in Path(django_settings.MEDIA_ROOT).rglob("*") if path.is_file())


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def pdf_bytes():
    return b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def editor(admin_user):
    client = quiet_client()
    log_in_verified(client, admin_user)
    return client


@pytest.fixture
def root_collection(db):
    return Collection.get_first_root_node()


def upload(name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def add_image(editor, collection):
    return editor.post(
        reverse("wagtailimages:add"),
        {"title": "Ảnh thử", "collection": collection.pk, "file": upload("anh.png", png_bytes())},
    )


def add_document(editor, collection):
    return editor.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Văn bản thử",
            "collection": collection.pk,
            "file": upload("cong-van.pdf", pdf_bytes()),
        },
    )


def test_an_image_upload_on_a_full_disk_is_refused_clearly_and_leaves_nothing(
    editor, root_collection
):
    before = uploaded_files()
    with disk_full():
        response = add_image(editor, root_collection)
    assert response.status_code == 507
    assert "hết dung lượng lưu trữ" in text_of(response)
    assert "Traceback" not in response.content.decode()
    assert not PortalImage.objects.exists()
    assert uploaded_files() == before


# As in production, no transaction around the request: Django marks an enclosing one (here the
# test's own) for rollback when a model's save fails, and this view opens none of its own. The
# data migrations made (the root collection) are restored first.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_multiple_uploader_shows_the_full_disk_beside_the_file_and_keeps_nothing(
    editor, root_collection
):
    before = uploaded_files()
    with disk_full():
        response = editor.post(
            reverse("wagtailimages:add_multiple"),
            {"collection": root_collection.pk, "files[]": upload("anh.png", png_bytes())},
            headers={"x-requested-with": "XMLHttpRequest"},
        )
    answer = json.loads(response.content)
    assert answer["success"] is False
    assert "hết dung lượng lưu trữ" in answer["error_message"]
    assert not PortalImage.objects.exists()
    assert uploaded_files() == before


def test_a_document_upload_on_a_full_disk_is_refused_clearly_and_leaves_nothing(
    editor, root_collection
):
    before = uploaded_files()
    with disk_full():
        response = add_document(editor, root_collection)
    assert response.status_code == 507
    assert "hết dung lượng lưu trữ" in text_of(response)
    assert not PortalDocument.objects.exists()
    assert uploaded_files() == before
    # With room again, the same upload is stored whole.
    response = add_document(editor, root_collection)
    assert response.status_code == 302
    stored = PortalDocument.objects.get()
    with stored.file.open("rb") as file:
        assert file.read() == pdf_bytes()
    assert not any(path.name.endswith(".part") for path in uploaded_files())


def test_the_upload_storage_never_replaces_a_file_and_leaves_no_partial_name(tmp_path):
    storage = WholeFileSystemStorage(location=tmp_path)
    first = storage.save("original_images/anh.png", ContentFile(b"first"))
    second = storage._save("original_images/anh.png", ContentFile(b"second"))
    assert first == "original_images/anh.png"
    assert second != first
    assert storage.open(first).read() == b"first"
    assert storage.open(second).read() == b"second"
    assert sorted(path.name for path in (tmp_path / "original_images").iterdir()) == sorted(
        [Path(first).name, Path(second).name]
    )
