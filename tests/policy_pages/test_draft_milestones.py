"""Draft versions in the policy's life: a dated step on its timeline and an entry in its feed,
with the diff from the version before; the published answer table in the feed too."""

import datetime as dt

from django.utils import timezone

import feedparser
import pytest
from bs4 import BeautifulSoup

from tests.factories import PolicyPageFactory, milestone
from tests.factories.drafts import draft_version
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db


def published_on(day):
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, 9))


@pytest.fixture
def drafted(policies_index):
    """Consulted in spring 2025 on two versions; the report public since 20 May 2025."""
    policy = PolicyPageFactory(
        parent=policies_index,
        title="Nghị định về đối thoại trực tuyến",
        slug="doi-thoai-truc-tuyen",
        report_published_on=dt.date(2025, 5, 20),
        report_summary="Ban soạn thảo nhận 12 ý kiến.",
    )
    milestone(policy, "soan-thao", dt.date(2025, 1, 10), note="Thành lập ban soạn thảo.")
    milestone(policy, "lay-y-kien", dt.date(2025, 3, 1), closes_on=dt.date(2025, 4, 30))
    first = draft_version(policy, drafted_on=dt.date(2025, 2, 20))
    first.published_at = published_on(dt.date(2025, 3, 1))
    first.save()
    second = draft_version(
        policy,
        matches={unit.anchor: unit for unit in first.units.all()},
        drafted_on=dt.date(2025, 5, 5),
        note="Bổ sung quy định về đăng tải phụ lục.",
    )
    second.published_at = published_on(dt.date(2025, 5, 10))
    second.save()
    draft_version(policy, published=False, matches={})  # version 3, not yet published
    policy.save_revision().publish()
    return policy


def timeline_steps(client, policy):
    soup = BeautifulSoup(client.get(policy.url).content, "html.parser")
    return [
        (
            item.select_one(".timeline__date").get_text(" ", strip=True),
            item.select_one(".timeline__stage").get_text(strip=True),
        )
        for item in soup.select(".timeline__item")
    ], soup


def test_each_published_version_is_a_dated_step_on_the_timeline(client, drafted):
    steps, soup = timeline_steps(client, drafted)

    assert steps == [
        ("10/01/2025", "Soạn thảo"),
        ("01/03/2025 – 30/04/2025", "Lấy ý kiến nhân dân"),
        ("01/03/2025", "Công bố Dự thảo 1"),
        ("10/05/2025", "Công bố Dự thảo 2"),
        ("20/05/2025", "Công bố báo cáo tiếp thu, giải trình ý kiến"),
    ]
    link = soup.select_one(".timeline__item--version:nth-of-type(4) a")
    assert link["href"] == f"{drafted.url}du-thao/2/"
    assert "Bổ sung quy định về đăng tải phụ lục." in soup.select_one(".timeline").get_text()


def test_versions_cost_the_timeline_one_query_whatever_their_number(client, drafted):
    client.get(drafted.url)
    before = count_queries(client, drafted.url)
    for _ in range(3):
        draft_version(drafted, matches={})

    assert count_queries(client, drafted.url) == before
    steps, _soup = timeline_steps(client, drafted)
    assert [stage for _day, stage in steps].count("Công bố Dự thảo 5") == 1


def read_feed(client, policy):
    response = client.get(f"/feeds/policy/{policy.slug}.rss")
    assert response.status_code == 200
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo
    return parsed


def test_the_policy_feed_announces_each_published_version_with_the_diff(client, drafted):
    entries = {entry.title: entry for entry in read_feed(client, drafted).entries}

    second = entries["Dự thảo 2: Nghị định về đối thoại trực tuyến"]
    assert second.link == f"http://localhost{drafted.url}du-thao/2/"
    assert second.summary == "Bổ sung quy định về đăng tải phụ lục."
    body = second.content[0].value
    assert f'href="http://localhost{drafted.url}so-sanh/?tu=1&amp;den=2"' in body
    assert "Dự thảo 1: Nghị định về đối thoại trực tuyến" in entries
    assert "so-sanh" not in entries["Dự thảo 1: Nghị định về đối thoại trực tuyến"].content[0].value
    assert not any(title.startswith("Dự thảo 3") for title in entries)


def test_the_policy_feed_announces_the_answer_table_once_public(client, drafted, time_machine):
    title = "Bản tổng hợp, tiếp thu, giải trình ý kiến: Nghị định về đối thoại trực tuyến"

    entry = {e.title: e for e in read_feed(client, drafted).entries}[title]
    assert entry.link == f"http://localhost{drafted.url}tiep-thu-giai-trinh/"
    assert "tiep-thu-giai-trinh.xlsx" in entry.content[0].value
    assert entry.summary == "Ban soạn thảo nhận 12 ý kiến."

    time_machine.move_to(dt.date(2025, 5, 19))
    assert title not in [e.title for e in read_feed(client, drafted).entries]
