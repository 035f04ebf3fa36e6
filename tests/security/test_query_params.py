"""Whatever a reader or a machine puts in the address or the body reaches the database only
through allow-lists: an unknown or hostile value is ignored (the reader gets the normal page) or
refused with a 4xx, never a 500, never a leak, and oversized input is refused or capped."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

import pytest

from newsroom.models import ArticlePage
from policy_pages.models import Submission
from tests.factories import (
    ArticlePageFactory,
    IssuingBodyFactory,
    LegalDocumentIndexPageFactory,
    LegalDocumentPageFactory,
    LegalFieldFactory,
    LiveCoveragePageFactory,
    MultimediaIndexPageFactory,
    PolicyIndexPageFactory,
    PolicyPageFactory,
    SectionPageFactory,
    milestone,
)
from tests.policy_pages.participation import form_fields

# One of each kind: SQL, markup, a path, a NUL, a number out of any range, a non-number, 10 KB.
HOSTILE = [
    "' OR 1=1 --",
    '"><script>alert(1)</script>',
    "../../../etc/passwd",
    "\x00",
    "-1",
    "99999999999999999999999999",
    "1e400",
    "x" * 10_000,
]
TEN_KB = "ngân sách " * 1024
ONE_MB = "a" * 1024 * 1024


@pytest.fixture
def portal(home_page):
    section = SectionPageFactory(parent=home_page, title="Thời sự", slug="thoi-su")
    for n in range(3):
        ArticlePageFactory(parent=section, title=f"Tin ngân sách số {n}", slug=f"tin-{n}")
    documents = LegalDocumentIndexPageFactory(parent=home_page)
    for number, title in [
        ("15/2025/NĐ-CP", "Nghị định về quản lý ngân sách địa phương"),
        ("02/CT-TTg", "Chỉ thị về tăng cường kỷ luật hành chính"),
    ]:
        LegalDocumentPageFactory(
            parent=documents,
            number_symbol=number,
            title=title,
            issuing_body=IssuingBodyFactory(name="Chính phủ"),
        )
    LegalFieldFactory(name="Tài chính")
    policies = PolicyIndexPageFactory(parent=home_page)
    policy = PolicyPageFactory(
        parent=policies,
        title="Dự thảo Luật Thử nghiệm (sửa đổi)",
        drafting_agency=IssuingBodyFactory(name="Bộ Kiểm thử"),
    )
    today = timezone.localdate()
    milestone(policy, "lay-y-kien", today - timedelta(days=5), closes_on=today + timedelta(days=25))
    multimedia = MultimediaIndexPageFactory(parent=home_page)
    live = LiveCoveragePageFactory(parent=section, title="Trực tiếp: Kỳ họp Quốc hội")
    return {
        "section": section,
        "documents": documents,
        "policies": policies,
        "policy": policy,
        "multimedia": multimedia,
        "live": live,
    }


# --- Reader listings: hostile filters are ignored, the full list shows -----------------------


@pytest.mark.parametrize("value", HOSTILE)
def test_legal_document_filters_ignore_what_they_do_not_know(client, portal, value):
    for name in ["loai", "co-quan", "linh-vuc", "nam", "hieu-luc", "page"]:
        response = client.get(portal["documents"].url, {name: value})
        assert response.status_code == 200, name
        assert "Nghị định về quản lý ngân sách địa phương" in response.text, name
        assert "Chỉ thị về tăng cường kỷ luật hành chính" in response.text, name
        assert "<script>alert(1)</script>" not in response.text
    # A query is a search: it narrows the list, but never fails.
    assert client.get(portal["documents"].url, {"q": value}).status_code == 200


@pytest.mark.parametrize("value", HOSTILE)
def test_other_listings_ignore_what_they_do_not_know(client, portal, value):
    for listing, name in [
        ("policies", "giai-doan"),
        ("policies", "linh-vuc"),
        ("policies", "page"),
        ("multimedia", "loai"),
        ("multimedia", "page"),
        ("section", "page"),
    ]:
        response = client.get(portal[listing].url, {name: value})
        assert response.status_code == 200, (listing, name)
        assert "<script>alert(1)</script>" not in response.text
        if listing == "policies":
            assert "Dự thảo Luật Thử nghiệm (sửa đổi)" in response.text
        if listing == "section":
            assert response.text.count("Tin ngân sách số") == 3


def test_a_policy_pages_comment_pages_ignore_a_hostile_page(client, portal):
    for value in HOSTILE:
        assert client.get(portal["policy"].url, {"page": value}).status_code == 200


# --- Search -------------------------------------------------------------------------------------


def test_a_ten_kilobyte_search_gets_a_normal_page_with_the_query_capped(client, portal):
    response = client.get("/search/", {"q": TEN_KB})
    assert response.status_code == 200
    field = response.text.split('name="q"')[1].split(">")[0]
    assert len(field) < 600  # the box shows the first few hundred characters, not 10 KB


@pytest.mark.parametrize("value", HOSTILE)
def test_search_filters_ignore_what_they_do_not_know(client, portal, value):
    assert client.get("/search/", {"q": value}).status_code == 200
    for name in ["kind", "section", "tu", "den", "page"]:
        response = client.get("/search/", {"q": "ngân sách", name: value})
        assert response.status_code == 200, name
        assert "<script>alert(1)</script>" not in response.text


def test_a_bad_date_in_search_is_ignored_with_a_notice_in_vietnamese(client, portal):
    response = client.get("/search/", {"q": "ngân sách", "tu": "' OR 1=1 --"})
    assert response.status_code == 200
    assert "không hợp lệ nên đã được bỏ qua" in response.text
    assert response.text.count("Tin ngân sách số") == 3


# --- Feeds, live updates, receipts --------------------------------------------------------------


def test_the_legal_documents_feed_ignores_unknown_filters(client, portal):
    for value in HOSTILE:
        response = client.get(
            "/feeds/legal-documents.rss", {"loai": value, "co-quan": value, "nam": value}
        )
        assert response.status_code == 200, value[:20]
        assert b"<script>" not in response.content
        assert b"15/2025/" in response.content  # the filters were ignored, not applied


def test_live_updates_refuse_a_bad_since_in_vietnamese(client, portal):
    for value in ["", "hôm qua", "' OR 1=1 --", "\x00", "9" * 10_000]:
        response = client.get(portal["live"].url + "cap-nhat/", {"since": value})
        assert response.status_code == 400
        assert "phải là thời điểm dạng ISO 8601" in response.json()["error"]


def test_a_ten_kilobyte_receipt_code_is_refused_in_vietnamese(client, db):
    response = client.get("/y-kien/tra-cuu/", {"ma": TEN_KB})
    assert response.status_code == 400
    assert "không đúng dạng" in response.text
    assert len(response.content) < 50_000  # the code is shown cut short, not 10 KB of it


# --- The API ------------------------------------------------------------------------------------


HOSTILE_API_PARAMS = [
    {"order": "owner__password"},
    {"order": "owner"},
    {"order": "-owner__email"},
    {"order": "random"},
    {"fields": "owner"},
    {"fields": "owner__password"},
    {"fields": "*,owner"},
    {"fields": "_,email"},
    {"limit": "100000"},
    {"limit": "-1"},
    {"offset": "99999999999999999999"},
    {"search": TEN_KB},
    {"search": "x", "search_operator": "xor"},
    {"type": "auth.User"},
    {"type": "wagtailcore.Page"},
    {"child_of": "' OR 1=1 --"},
    {"descendant_of": "-1"},
    {"site": "\x00"},
    {"owner": "1"},
    {"owner__username": "admin"},
    {"locked_by": "1"},
    {"id": "1 OR 1=1"},
]


@pytest.mark.parametrize("endpoint", ["pages", "images", "documents"])
def test_the_api_refuses_hostile_parameters_without_leaking(client, portal, endpoint):
    """Refused with a 400 that names the parameter (as sent) and nothing of what it reached."""
    owner = get_user_model().objects.create_user(
        "chu-trang", email="chu-trang.bi-mat@example.vn", password="mat-khau-dai-2026"
    )
    ArticlePage.objects.update(owner=owner)
    secrets = [owner.password.lower(), owner.email, "chu-trang", "traceback"]
    for params in HOSTILE_API_PARAMS:
        response = client.get(f"/api/v2/{endpoint}/", params)
        shown = {k: v[:20] for k, v in params.items()}
        assert response.status_code in (200, 400), (shown, response.content[:300])
        body = response.content.decode().lower()
        for secret in secrets:
            assert secret not in body, (shown, secret)
        if response.status_code == 400:
            assert response.json()["message"]


def test_the_api_caps_its_answer_at_fifty_items(client, portal):
    response = client.get("/api/v2/pages/", {"limit": "100000"})
    assert response.status_code == 400
    assert "50" in response.json()["message"]


# --- Oversized bodies ---------------------------------------------------------------------------


@pytest.mark.usefixtures("portal")
def test_a_one_megabyte_comment_is_refused_in_vietnamese_and_not_stored(client, portal, settings):
    settings.PORTAL_PARTICIPATION = {**settings.PORTAL_PARTICIPATION, "MIN_SECONDS": 0}
    data, action = form_fields(client, portal["policy"])
    data["body"] = ONE_MB
    response = client.post(action, data)
    assert 400 <= response.status_code < 500 or response.status_code == 200
    assert "Nội dung tối đa 5.000 ký tự" in response.text
    assert Submission.objects.count() == 0


def test_a_one_megabyte_comment_with_every_field_oversized_is_not_stored(client, portal):
    data, action = form_fields(client, portal["policy"])
    data = {name: ONE_MB[:100_000] for name in data}
    response = client.post(action, data)
    assert response.status_code < 500
    assert Submission.objects.count() == 0


def test_a_one_megabyte_post_to_search_gets_a_normal_page_or_a_refusal(portal):
    response = Client(enforce_csrf_checks=True).post("/search/?q=ngân+sách", {"q": ONE_MB})
    assert response.status_code in (200, 403, 405)
    assert Submission.objects.count() == 0


def test_a_one_megabyte_post_to_a_page_changes_nothing(portal):
    article = ArticlePage.objects.live().first()
    before = (article.title, article.latest_revision_id)
    for client in (Client(), Client(enforce_csrf_checks=True)):
        response = client.post(article.url, {"title": ONE_MB, "body": ONE_MB})
        assert response.status_code < 500
    article.refresh_from_db()
    assert (article.title, article.latest_revision_id) == before


def test_a_body_past_the_upload_limit_is_refused_with_a_vietnamese_page(client, portal, settings):
    data, action = form_fields(client, portal["policy"])
    data["body"] = "a" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = client.post(action, data)
    assert response.status_code == 400
    assert "Yêu cầu không hợp lệ" in response.text
    assert Submission.objects.count() == 0


@pytest.mark.parametrize(
    "address",
    ["/y-kien/gui/{}/", "/y-kien/phien/{}/", "/y-kien/giao-luu/{}/", "/y-kien/giao-luu/{}/phien/"],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_an_id_longer_than_the_database_holds_is_not_found(db, address, method):
    """A policy's or a dialogue's id is its page's parent link, which Django's own overflow
    guard does not cover: 25 digits gave a 500 (OverflowError on SQLite, DataError on
    PostgreSQL) before the views refused them."""
    response = getattr(Client(), method)(address.format("9" * 25))
    assert response.status_code in (404, 405)
