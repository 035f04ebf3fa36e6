"""Draft versions in the API: a policy's published versions and its answer table on the page,
the units of a version at /api/v2/draft-units/ a page at a time; counts, never who commented."""

import datetime as dt

import pytest

from tests.factories import PolicyIndexPageFactory, PolicyPageFactory
from tests.factories.drafts import decree_units, draft_version
from tests.helpers import count_queries
from tests.policy_pages.answered_drafts import comment, reported_policy, same_anchors

pytestmark = pytest.mark.django_db

UNITS = "/api/v2/draft-units/"


@pytest.fixture
def policies_index(home_page):
    return PolicyIndexPageFactory(parent=home_page)


@pytest.fixture
def reported(policies_index):
    policy = reported_policy(policies_index)
    draft_version(policy, published=False, matches={})  # version 3: not yet public
    return policy


def api(client, url, params=None, status=200):
    response = client.get(url, params or {})
    assert response.status_code == status, (url, params, response.content[:300])
    assert "@example.vn" not in response.content.decode()
    return response.json()


def detail(client, policy, fields):
    return api(client, f"/api/v2/pages/{policy.pk}/", {"fields": fields})


def test_a_policy_lists_its_published_versions_with_their_address(client, reported):
    versions = detail(client, reported, "draft_versions")["draft_versions"]

    assert [(v["number"], v["label"], v["drafted_on"]) for v in versions] == [
        (1, "Dự thảo 1", "2026-10-01"),
        (2, "Dự thảo 2", "2025-05-10"),
    ]
    assert versions[1]["url"] == f"http://localhost{reported.url}du-thao/2/"
    assert versions[1]["published_at"].endswith("+07:00")


def test_the_answer_table_gives_units_outcomes_changes_and_counts_only(client, reported):
    table = detail(client, reported, "answer_table")["answer_table"]

    assert table["url"] == f"http://localhost{reported.url}tiep-thu-giai-trinh/"
    answers = table["answers"]
    assert [a["unit"]["anchor"] if a["unit"] else None for a in answers] == [
        "dieu-1-khoan-2",
        "dieu-2",
        "dieu-5-khoan-2-diem-a",
        None,
    ]
    point = answers[2]
    assert point["outcome"] == "tiep-thu" and point["comment_count"] == 4
    assert point["unit"]["reference"] == "Điểm a khoản 2 Điều 5"
    assert point["changed_units"] == [
        {
            "version": 2,
            "anchor": "dieu-5-khoan-2-diem-a",
            "reference": "Điểm a khoản 2 Điều 5",
            "url": f"http://localhost{reported.url}so-sanh/?tu=1&den=2#dieu-5-khoan-2-diem-a",
        }
    ]
    text = str(table)
    assert "Lê Thị Hồng" not in text and "Hội Luật gia" not in text
    assert {"outcome": "Tiếp thu", "count": 4} in table["counts"]


def test_the_answer_table_is_null_before_the_report_is_public(client, reported, time_machine):
    time_machine.move_to(dt.date(2025, 5, 19))

    assert detail(client, reported, "answer_table")["answer_table"] is None


def test_units_come_in_reading_order_with_lineage_and_approved_comment_counts(client, reported):
    answer = api(client, UNITS, {"policy": reported.pk, "version": 2, "limit": 50})

    units = answer["items"]
    second = same_anchors(reported.draft_versions.get(number=2))
    assert answer["meta"]["total_count"] == len(second)
    assert [unit["anchor"] for unit in units] == list(second)
    point = next(unit for unit in units if unit["anchor"] == "dieu-5-khoan-2-diem-a")
    assert point["kind"] == "diem" and point["number"] == "a"
    assert point["text"] == "Đăng tải toàn văn dự thảo;"
    assert point["lineage"] == second["dieu-5-khoan-2-diem-a"].lineage_id
    assert point["parent"] == second["dieu-5-khoan-2"].pk
    # The lineage's comments on version 1, approved only (the rejected one is not counted).
    assert point["approved_comments"] == 4
    assert set(units[0]) >= {"id", "title", "depth", "approved_comments", "meta"}


def test_units_are_paginated(client, reported):
    first = api(client, UNITS, {"policy": reported.pk, "version": 1, "limit": 5})
    second = api(client, UNITS, {"policy": reported.pk, "version": 1, "limit": 5, "offset": 5})

    assert len(first["items"]) == 5
    assert first["items"][-1]["id"] < second["items"][0]["id"]


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({}, 400),
        ({"version": 1}, 400),
        ({"policy": "abc", "version": 1}, 400),
        ({"policy": "١", "version": 1}, 400),
        ({"policy": "THIS", "version": "0"}, 400),
        ({"policy": 999999, "version": 1}, 404),
        ({"policy": "THIS", "version": 3}, 404),  # not yet published
        ({"policy": "THIS", "version": 1, "search": "điều"}, 400),
    ],
)
def test_a_query_for_units_the_api_cannot_answer_is_a_4xx(client, reported, params, status):
    params = {key: reported.pk if value == "THIS" else value for key, value in params.items()}

    assert "message" in api(client, UNITS, params, status=status)


def test_the_units_of_an_unpublished_policy_are_not_given(client, policies_index):
    policy = PolicyPageFactory(parent=policies_index, live=False)
    draft_version(policy)

    api(client, UNITS, {"policy": policy.pk, "version": 1}, status=404)


def test_units_cost_the_same_queries_for_a_short_or_a_long_draft(client, reported):
    params = {"policy": reported.pk, "version": 1, "limit": 50}
    client.get(UNITS, params)  # the site is cached after a first request
    few = count_queries(client, UNITS, params)
    first = reported.draft_versions.get(number=1)
    for unit in first.units.all()[:10]:
        comment(reported, unit, None, f"Ý kiến thêm về {unit.anchor}.")
    long_version = draft_version(reported, decree_units(articles=40), matches={})

    params = {"policy": reported.pk, "version": long_version.number, "limit": 50}
    assert count_queries(client, UNITS, params) == few


def test_a_listing_cannot_ask_every_policys_drafts_and_answer_table(client):
    """They cost queries per policy: the detail gives them, a listing refuses them."""
    for field in ("draft_versions", "answer_table"):
        response = client.get(
            f"/api/v2/pages/?type=policy_pages.PolicyPage&fields={field}&limit=50"
        )
        assert response.status_code == 400, field
