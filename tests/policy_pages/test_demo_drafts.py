"""The demo's decree in two versions, as `make run` seeds it: parsed from demo/content/, version 2
continuing version 1's units, 40 comments on version 1 answered, five units changed, and the
answer table public."""

import pytest
from bs4 import BeautifulSoup

from demo import policy_drafts
from policy_pages.models import DraftUnit, PolicyPage, Submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def decree(home_page):
    return policy_drafts.seed(home_page)


def units(version, **filters):
    return {unit.anchor: unit for unit in version.units.filter(**filters)}


def test_the_demo_policy_has_two_published_versions_of_over_twenty_articles(decree):
    first, second = decree.draft_versions.order_by("number")

    assert (first.number, second.number) == (1, 2)
    assert first.is_published and second.is_published
    assert len(units(first, kind="dieu")) >= 20
    assert len(units(second, kind="dieu")) >= 20
    assert units(first)["dieu-6-khoan-1-diem-dd"].text.startswith("Các tài liệu khác")


def test_version_two_inserts_removes_and_moves_an_article_keeping_lineages(decree):
    first, second = decree.draft_versions.order_by("number")
    old, new = units(first, kind="dieu"), units(second, kind="dieu")
    old_lineages = {unit.lineage_id for unit in old.values()}

    assert new["dieu-11"].title.startswith("Hỗ trợ người khuyết tật")
    assert new["dieu-11"].lineage_id not in old_lineages  # inserted
    assert old["dieu-19"].lineage_id not in {u.lineage_id for u in new.values()}  # removed
    assert new["dieu-14"].lineage_id == old["dieu-12"].lineage_id  # moved to Chương III
    assert new["dieu-12"].lineage_id == old["dieu-11"].lineage_id  # renumbered


def test_forty_approved_comments_on_version_one_and_answers_changing_five_units(decree):
    first, second = decree.draft_versions.order_by("number")

    comments = Submission.objects.approved().filter(policy=decree, unit__version=first)
    assert comments.count() == 40
    assert comments.exclude(quote="").exists()
    assert comments.values("organisation").distinct().count() > 10
    changed = DraftUnit.objects.filter(changed_by_answers__policy=decree).distinct()
    assert changed.count() == 5
    assert {unit.version_id for unit in changed} == {second.pk}
    outcomes = set(decree.answers.values_list("outcome", flat=True))
    assert outcomes == {"tiep-thu", "tiep-thu-mot-phan", "khong-tiep-thu", "ghi-nhan"}


def test_the_demo_answer_table_is_public(client, decree):
    decree = PolicyPage.objects.get(pk=decree.pk)
    assert decree.report_is_public

    response = client.get(f"{decree.url}tiep-thu-giai-trinh/")

    assert response.status_code == 200
    rows = BeautifulSoup(response.content, "html.parser").select(".answer-row")
    assert len(rows) == 8
    assert len(BeautifulSoup(response.content, "html.parser").select(".answer-row__changed a")) == 5


def test_seeding_again_changes_nothing(home_page, decree):
    counts = (PolicyPage.objects.count(), Submission.objects.count(), DraftUnit.objects.count())

    assert policy_drafts.seed(home_page) is None
    assert (
        PolicyPage.objects.count(),
        Submission.objects.count(),
        DraftUnit.objects.count(),
    ) == counts


def test_the_comparison_finds_the_insert_the_removal_the_move_and_five_changes(decree):
    """What the compare page shows, read from the lineages as stored."""
    from policy_pages.drafting.matching import UnitRef, classify

    first, second = decree.draft_versions.order_by("number")
    old, new = list(first.units.all()), list(second.units.all())

    def refs(rows):
        return [
            UnitRef(row.pk, row.kind, row.number, row.title, row.text, row.parent_id)
            for row in rows
        ]

    by_lineage = {row.lineage_id: row.pk for row in old}
    matches = {row.pk: by_lineage[row.lineage_id] for row in new if row.lineage_id in by_lineage}
    anchors = {row.pk: row for row in old + new}
    changes = classify(refs(old), refs(new), matches)

    def articles(kind):
        return {
            anchors[change.new_key or change.old_key].anchor
            for change in changes
            if change.kind == kind and anchors[change.new_key or change.old_key].kind == "dieu"
        }

    assert articles("added") == {"dieu-11"}
    assert articles("removed") == {"dieu-19"}
    assert articles("moved") == {"dieu-14"}
    edited = {anchors[change.new_key].anchor for change in changes if change.changed}
    assert edited == {
        "dieu-6-khoan-1-diem-dd",
        "dieu-8-khoan-1",
        "dieu-10-khoan-2",
        "dieu-17-khoan-1",
        "dieu-18-khoan-2",
    }
