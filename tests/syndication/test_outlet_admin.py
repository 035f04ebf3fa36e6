"""Outlets in the admin: an admin records an outlet and the terms it accepted, hands it its feed
addresses with its key, replaces a leaked key, and reads who takes what (the report, its CSV and
XLSX); editors and anonymous visitors get none of it."""

import csv
import datetime as dt
import io

from django.urls import reverse
from django.utils import timezone

import pytest
from openpyxl import load_workbook

from core.models import SiteSettings
from syndication.models import Outlet, OutletUsage
from syndication.usage_report import URL_NAME
from tests.factories import ArticlePageFactory, SectionPageFactory
from tests.helpers import member_of

from .outlet_helpers import (
    TERMS,
    committed,
    make_outlet,
    usage_of,
)

pytestmark = pytest.mark.usefixtures("fresh_counts")
REPORT = "/admin/bao-cao/khai-thac-nguon-tin/"
EDITOR = "Biên tập viên"


@pytest.fixture
def terms(home_page):
    settings = SiteSettings.for_site(home_page.get_site())
    settings.reuse_terms = TERMS
    settings.save()
    return TERMS


@pytest.fixture
def section(home_page):
    section = SectionPageFactory(parent=home_page, title="Thời sự", slug="thoi-su")
    ArticlePageFactory(parent=section, title="Chính phủ họp phiên thường kỳ", slug="hop")
    ArticlePageFactory(parent=section, title="Thủ tướng tiếp đại sứ", slug="tiep")
    return section


def days_ago(days):
    return timezone.localdate() - dt.timedelta(days=days)


def test_a_new_outlet_starts_from_the_terms_the_feeds_carry(admin_client, terms):
    response = admin_client.get(reverse("outlets:add"))
    assert response.status_code == 200
    assert TERMS in response.text
    assert "Khoá được tạo khi lưu đơn vị" in response.text


def test_an_admin_records_an_outlet_and_gets_its_keyed_addresses(admin_client, terms, section):
    response = admin_client.post(
        reverse("outlets:add"),
        {
            "name": "Báo Điện tử Dân trí",
            "contact_name": "Trần Văn Nam",
            "contact_email": "bandientu@dantri.example.vn",
            "contact_phone": "024 3736 6491",
            "terms_accepted": TERMS,
            "terms_accepted_on": "2026-12-01",
            "active": "on",
            "key": "khoa-tu-chon-cua-don-vi-0001",  # not a field of the form: ignored
        },
    )
    assert response.status_code == 302
    outlet = Outlet.objects.get(name="Báo Điện tử Dân trí")
    assert outlet.key != "khoa-tu-chon-cua-don-vi-0001"
    assert len(outlet.key) == 24
    page = admin_client.get(reverse("outlets:edit", args=[outlet.pk])).text
    assert outlet.key in page
    assert f"http://localhost/feeds/latest.rss?k={outlet.key}" in page
    assert f"http://localhost/feeds/section/thoi-su.atom?k={outlet.key}" in page
    assert TERMS in page
    assert "khác điều khoản hiện hành" not in page


def test_the_admin_says_when_the_accepted_terms_are_not_the_current_ones(admin_client, terms):
    outlet = make_outlet(terms_accepted="Điều khoản cũ năm 2024.")
    page = admin_client.get(reverse("outlets:edit", args=[outlet.pk])).text
    assert "khác điều khoản hiện hành" in page


def test_a_new_key_replaces_a_leaked_one(admin_client, client, section):
    outlet = make_outlet()
    old = outlet.key
    confirm = admin_client.get(reverse("outlets:new_key", args=[outlet.pk]))
    assert confirm.status_code == 200
    assert "khoá cũ không được đếm nữa" in confirm.text
    with committed():
        done = admin_client.post(reverse("outlets:new_key", args=[outlet.pk]))
    assert done["Location"] == reverse("outlets:edit", args=[outlet.pk])
    outlet.refresh_from_db()
    assert outlet.key != old
    assert client.get(f"/feeds/latest.rss?k={old}").status_code == 200
    client.get(f"/feeds/latest.rss?k={outlet.key}")
    assert usage_of(outlet) == {"latest": (1, 2)}


def test_the_outlet_list_shows_the_last_poll(admin_client, home_page):
    outlet = make_outlet()
    make_outlet("Đài Tiếng nói Việt Nam", contact_email="vov@vov.example.vn")
    OutletUsage.objects.create(outlet=outlet, day=dt.date(2026, 11, 28), feed="latest", polls=9)
    listing = admin_client.get(reverse("outlets:index")).text
    assert "28/11/2026" in listing
    assert "Chưa lấy tin" in listing


def test_editors_and_anonymous_visitors_reach_no_outlet(client, home_page):
    outlet = make_outlet()
    addresses = [
        reverse("outlets:index"),
        reverse("outlets:edit", args=[outlet.pk]),
        reverse("outlets:new_key", args=[outlet.pk]),
        REPORT,
        REPORT + "?export=csv",
    ]
    for address in addresses:
        assert client.get(address)["Location"].startswith("/admin/login/")
    client.force_login(member_of(EDITOR, "bientap"))
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 302, address
        assert outlet.key not in response.text
    assert client.post(reverse("outlets:new_key", args=[outlet.pk])).status_code == 302
    assert Outlet.objects.get().key == outlet.key


def usage_scene(client):
    """Three outlets: one polling today, one that stopped a week ago, one never polled."""
    polling = make_outlet()
    stopped = make_outlet("Báo Tuổi Trẻ Online", contact_email="online@tuoitre.example.vn")
    make_outlet("Trang tin Cổng tỉnh Lào Cai", contact_email="congtin@laocai.example.vn")
    for _ in range(2):
        client.get(f"/feeds/latest.rss?k={polling.key}")
    client.get(f"/feeds/section/thoi-su.atom?k={polling.key}")
    OutletUsage.objects.create(outlet=polling, day=days_ago(3), feed="latest", polls=10, items=20)
    OutletUsage.objects.create(outlet=polling, day=days_ago(40), feed="latest", polls=99, items=99)
    OutletUsage.objects.create(
        outlet=stopped, day=days_ago(7), feed="topic/chuyen-doi-so", polls=5, items=7
    )
    return polling, stopped


def test_the_report_shows_who_takes_what(admin_client, client, section):
    polling, stopped = usage_scene(client)
    response = admin_client.get(REPORT)
    assert response.status_code == 200
    rows = {row.outlet.name: row for row in response.context["rows"]}
    # Today's polls are read before they are flushed by the tick; 40 days ago is out.
    assert (rows[polling.name].polls, rows[polling.name].items) == (13, 26)
    assert [(f.feed, f.polls, f.items) for f in rows[polling.name].feeds] == [
        ("latest", 12, 24),
        ("section/thoi-su", 1, 2),
    ]
    assert rows[polling.name].last_poll == timezone.localdate()
    assert [row.outlet for row in response.context["stopped"]] == [stopped]
    page = response.text
    assert "Đã ngừng lấy tin" in page
    assert days_ago(7).strftime("%d/%m/%Y") in page
    assert "topic/chuyen-doi-so" in page
    assert "Chưa lấy tin" in page


def test_the_report_is_in_the_reports_menu_of_admins_only(admin_client, client, home_page):
    assert reverse(URL_NAME) in admin_client.get("/admin/").text
    client.force_login(member_of(EDITOR, "bientap"))
    assert reverse(URL_NAME) not in client.get("/admin/").text


def test_the_report_exports_a_csv(admin_client, client, section):
    polling, stopped = usage_scene(client)
    response = admin_client.get(REPORT, {"export": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert lines[0][:3] == ["Đơn vị", "Trạng thái", "Nguồn tin"]
    today = timezone.localdate().strftime("%d/%m/%Y")
    assert [polling.name, "Đang lấy tin", "latest", "12", "24", today] in lines
    assert [stopped.name, "Đã ngừng lấy tin", "topic/chuyen-doi-so", "5", "7"] == next(
        line[:5] for line in lines if line[0] == stopped.name
    )
    assert ["Trang tin Cổng tỉnh Lào Cai", "Chưa lấy tin", "", "0", "0", ""] in lines


def test_the_report_exports_an_xlsx_that_runs_no_formula(admin_client, client, section):
    make_outlet('=HYPERLINK("http://example.com","Bấm vào")', contact_email="x@example.vn")
    polling, _stopped = usage_scene(client)
    response = admin_client.get(REPORT, {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][0] == "Đơn vị"
    assert [polling.name, "Đang lấy tin", "latest", 12, 24] == next(
        row[:5] for row in values if row[0] == polling.name and row[2] == "latest"
    )
    assert any(str(row[0]).startswith("'=HYPERLINK") for row in values)


def test_an_unknown_export_format_is_refused_in_vietnamese(admin_client, home_page):
    response = admin_client.get(REPORT, {"export": "pdf"})
    assert response.status_code == 400
    assert "chỉ có csv hoặc xlsx" in response.content.decode()
