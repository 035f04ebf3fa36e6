"""Storing a draft version: the tree kept in reading order, anchors, and lineages continued."""

from datetime import date

import pytest

from policy_pages.draft_versions import store_version
from policy_pages.drafting.tree import ParsedUnit, UnitKind
from policy_pages.models import DraftUnit
from tests.factories import PolicyIndexPageFactory, PolicyPageFactory
from tests.factories.drafts import decree_units, draft_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def policy(home_page):
    return PolicyPageFactory(parent=PolicyIndexPageFactory(parent=home_page))


def test_a_version_keeps_every_unit_in_reading_order_with_its_place_in_the_tree(policy):
    version = draft_version(policy)

    units = list(version.units.all())
    assert version.number == 1
    assert [unit.position for unit in units] == list(range(len(units)))
    point = version.units.get(anchor="dieu-5-khoan-2-diem-a")
    assert (point.depth, point.parent.anchor, point.parent.parent.anchor) == (
        3,
        "dieu-5-khoan-2",
        "dieu-5",
    )
    assert point.parent.parent.parent.anchor == "chuong-ii"
    assert point.text == "Đăng tải toàn văn dự thảo;"
    assert str(version.units.get(anchor="dieu-5")).startswith("Điều 5. ")


def test_a_later_version_continues_the_lineage_it_is_matched_to(policy):
    first = draft_version(policy)
    old_third = first.units.get(anchor="dieu-3")
    inserted = [ParsedUnit(UnitKind.ARTICLE, "3", title="Điều mới chèn vào")]
    renumbered = ParsedUnit(UnitKind.ARTICLE, "4", title=old_third.title)

    second = store_version(
        policy,
        [*inserted, renumbered],
        drafted_on=date(2026, 11, 1),
        matches={"dieu-4": old_third},
    )

    assert second.number == 2
    assert second.units.get(anchor="dieu-4").lineage_id == old_third.lineage_id
    assert second.units.get(anchor="dieu-3").lineage_id != old_third.lineage_id


def test_two_units_cannot_continue_one_lineage(policy):
    first = draft_version(policy)
    old = first.units.get(anchor="dieu-1")
    units = [ParsedUnit(UnitKind.ARTICLE, "1"), ParsedUnit(UnitKind.ARTICLE, "2")]

    second = store_version(
        policy, units, drafted_on=date(2026, 11, 1), matches={"dieu-1": old, "dieu-2": old}
    )

    lineages = set(DraftUnit.objects.filter(version=second).values_list("lineage", flat=True))
    assert len(lineages) == 2
    assert second.units.get(anchor="dieu-1").lineage_id == old.lineage_id


def test_the_demo_decree_has_the_issues_example_anchor(policy):
    anchors = [unit.anchor for unit in draft_version(policy, decree_units(articles=20)).units.all()]
    assert "dieu-5-khoan-2-diem-a" in anchors
    assert anchors.count("dieu-20") == 1


def test_without_matches_the_next_version_is_matched_by_its_text(policy):
    """Version 2 inserts a new Điều 3: the old Điều 3, now Điều 4, keeps its lineage."""
    first = draft_version(policy)
    units = decree_units()
    chapter = units[1]
    for article in chapter.children[2:]:
        article.number = str(int(article.number) + 1)
    chapter.children.insert(2, ParsedUnit(UnitKind.ARTICLE, "3", title="Quy định hoàn toàn mới"))
    for article in units[2].children:
        article.number = str(int(article.number) + 1)

    second = draft_version(policy, units)

    old_third = first.units.get(anchor="dieu-3")
    assert second.units.get(anchor="dieu-4").lineage_id == old_third.lineage_id
    assert not first.units.filter(lineage=second.units.get(anchor="dieu-3").lineage).exists()


def test_a_unit_of_another_policy_does_not_continue_into_this_one(policy, home_page):
    other = PolicyPageFactory(parent=policy.get_parent())
    foreign = draft_version(other).units.get(anchor="dieu-1")
    draft_version(policy)

    second = store_version(
        policy,
        [ParsedUnit(UnitKind.ARTICLE, "1")],
        drafted_on=date(2026, 11, 1),
        matches={"dieu-1": foreign},
    )

    assert second.units.get().lineage.policy_id == policy.pk
