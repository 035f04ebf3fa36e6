"""The home page's policy section: the consultations open today, closing soonest first with the
days left, and the milestones policies have reached, newest first; only live public policies."""

import datetime as dt
import zoneinfo
from datetime import timedelta

from django.utils import timezone

from wagtail.models import PageViewRestriction

import time_machine
from bs4 import BeautifulSoup

from tests.factories import PolicyPageFactory, milestone


def consulting(index, title, opened, closes, **fields):
    """A policy whose consultation runs from `opened` to `closes` days from today."""
    today = timezone.localdate()
    policy = PolicyPageFactory(parent=index, title=title, **fields)
    milestone(
        policy,
        "lay-y-kien",
        today + timedelta(days=opened),
        closes_on=today + timedelta(days=closes),
    )
    return policy


def policy_section(client, home_page):
    section = BeautifulSoup(client.get(home_page.url).text, "html.parser").select_one(
        ".home-policies"
    )
    assert section is not None, "the home page has no policy section"
    return section


def test_open_consultations_show_closing_soonest_first_with_their_days_left(
    client, home_page, policies_index
):
    consulting(policies_index, "Dự thảo Luật Đất đai (sửa đổi)", -10, 3)
    consulting(policies_index, "Dự thảo Nghị định về thuế tài sản", -20, 0)
    consulting(policies_index, "Dự thảo Luật Nhà ở", -5, 30)
    consulting(policies_index, "Chính sách đã hết hạn góp ý", -30, -1)
    consulting(policies_index, "Chính sách sắp lấy ý kiến", 2, 20)
    consulting(policies_index, "Bản nháp chưa đăng", -3, 5, live=False)
    secret = consulting(policies_index, "Chính sách bị hạn chế xem", -3, 5)
    PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau"
    )

    section = policy_section(client, home_page)
    items = section.select("ul")[0].select("li")
    titles = [item.select_one("a").get_text() for item in items]
    assert titles == [
        "Dự thảo Nghị định về thuế tài sản",
        "Dự thảo Luật Đất đai (sửa đổi)",
        "Dự thảo Luật Nhà ở",
    ]
    flags = [item.select_one(".consultation-flag").get_text() for item in items]
    assert flags == ["Hạn chót hôm nay", "Còn 3 ngày", "Còn 30 ngày"]
    closes = timezone.localdate() + timedelta(days=3)
    assert items[1].select_one("time")["datetime"] == closes.isoformat()
    assert items[1].select_one("time").get_text() == closes.strftime("%d/%m/%Y")
    assert section.select_one(".more-link a")["href"] == policies_index.url


def test_the_milestones_reached_show_newest_first_and_never_one_ahead_or_hidden(
    client, home_page, policies_index
):
    today = timezone.localdate()
    policy = PolicyPageFactory(parent=policies_index, title="Chính sách phát triển điện gió")
    milestone(policy, "de-xuat", today - timedelta(days=60))
    milestone(policy, "soan-thao", today - timedelta(days=7))
    milestone(policy, "tham-dinh", today + timedelta(days=14))
    draft = PolicyPageFactory(parent=policies_index, title="Chính sách còn nháp", live=False)
    milestone(draft, "de-xuat", today - timedelta(days=1))
    secret = PolicyPageFactory(parent=policies_index, title="Chính sách bị hạn chế xem")
    milestone(secret, "de-xuat", today - timedelta(days=1))
    PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.PASSWORD, password="mat-khau"
    )

    section = policy_section(client, home_page)
    items = section.select("li")
    shown = [
        (item.select_one("strong").get_text(), item.select_one("a").get_text()) for item in items
    ]
    assert shown == [
        ("Soạn thảo", "Chính sách phát triển điện gió"),
        ("Đề xuất", "Chính sách phát triển điện gió"),
    ]
    assert items[0].select_one("time")["datetime"] == (today - timedelta(days=7)).isoformat()
    assert "Thẩm định" not in section.get_text()
    assert "Đang lấy ý kiến" not in section.get_text()


def test_the_days_left_change_at_midnight_in_ha_noi_though_the_page_is_cached(
    client, home_page, policies_index, settings
):
    """The page cache keeps an entry only on the day it was made (core/page_cache.py)."""
    settings.PAGE_CACHE_SECONDS = 600
    hanoi = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
    evening = dt.datetime(2026, 5, 18, 23, 58, tzinfo=hanoi)
    policy = PolicyPageFactory(parent=policies_index, title="Dự thảo Luật Thủ đô (sửa đổi)")
    milestone(policy, "lay-y-kien", dt.date(2026, 5, 1), closes_on=dt.date(2026, 5, 19))

    with time_machine.travel(evening, tick=False):
        assert "Còn 1 ngày" in client.get(home_page.url).text
        assert client.get(home_page.url)["X-Page-Cache"] == "hit"
    with time_machine.travel(evening + dt.timedelta(minutes=3), tick=False):
        after_midnight = client.get(home_page.url)
    assert after_midnight["X-Page-Cache"] == "miss"
    assert "Hạn chót hôm nay" in after_midnight.text
    assert "Còn 1 ngày" not in after_midnight.text


def test_the_block_is_kept_apart_from_the_home_page_and_renewed_by_a_policy(
    client, home_page, policies_index, settings, django_capture_on_commit_callbacks
):
    """A story published elsewhere renders the home page again, not this block; a policy
    published renews it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import ArticlePageFactory, SectionPageFactory

    settings.PAGE_CACHE_SECONDS = 600
    consulting(policies_index, "Dự thảo Luật Đất đai (sửa đổi)", -10, 3)
    client.get(home_page.url)
    with CaptureQueriesContext(connection) as missed:
        page = client.get(home_page.url + "?lan=2")  # the page misses, the block is kept
    assert page["X-Page-Cache"] == "miss"
    assert "Dự thảo Luật Đất đai (sửa đổi)" in page.text
    assert not [q for q in missed.captured_queries if "policymilestone" in q["sql"]]

    section = SectionPageFactory(parent=home_page, title="Xã hội", slug="xa-hoi")
    story = ArticlePageFactory(parent=section, title="Tin xã hội", slug="tin", live=False)
    with django_capture_on_commit_callbacks(execute=True):
        story.save_revision().publish()
    assert "Tin xã hội" in client.get(home_page.url).text
    titles = [a.get_text() for a in policy_section(client, home_page).select("ul li a")]
    assert "Dự thảo Luật Đất đai (sửa đổi)" in titles

    newer = consulting(policies_index, "Dự thảo Luật Nhà ở", -5, 30)
    with django_capture_on_commit_callbacks(execute=True):
        newer.save_revision().publish()
    titles = [a.get_text() for a in policy_section(client, home_page).select("ul li a")]
    assert "Dự thảo Luật Nhà ở" in titles
