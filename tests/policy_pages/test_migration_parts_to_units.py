"""Migration 0010: the officer's list of draft parts, and the part each comment named, become units
of Dự thảo 1; going back restores them. Data is made with the historical models of each state."""

from datetime import date

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

import pytest

from tests.factories import PolicyPageFactory, milestone

BEFORE = [("policy_pages", "0009_draft_versions")]
AFTER = [("policy_pages", "0010_parts_to_units")]
NOTE = "Chuyển từ danh sách phần của dự thảo"


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


def heading(unit):
    """What a reader sees of a migrated unit: a Điều's heading, a paragraph's text."""
    if unit.kind == "doan":
        return unit.text
    return f"Điều {unit.number}. {unit.title}" if unit.title else f"Điều {unit.number}"


@pytest.fixture
def at_0009(policies_index):
    """Two policies made now, then the database taken back to before the migration (and on
    to the latest state whatever the test did)."""
    policy = PolicyPageFactory(parent=policies_index, title="Dự thảo Luật Bảo vệ người tiêu dùng")
    milestone(policy, "lay-y-kien", date(2026, 3, 1), closes_on=date(2026, 4, 30))
    quiet = PolicyPageFactory(parent=policies_index, title="Chính sách không có phần nào")
    apps = migrate(BEFORE)
    yield apps, policy.pk, quiet.pk
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def old_comment(apps, policy_id, n, part):
    return apps.get_model("policy_pages", "Submission").objects.create(
        policy_id=policy_id,
        kind="gop-y",
        status="da-duyet",
        receipt=f"MIGRATE{n:09d}",
        name=f"Người góp ý {n}",
        email=f"gop-y-{n}@example.vn",
        part=part,
        body=f"Ý kiến thứ {n} về dự thảo.",
        body_hash=f"{n:064d}",
        consent_at="2026-03-02T08:00:00+07:00",
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parts_and_commented_parts_become_units_of_draft_1_and_come_back(at_0009):
    apps, policy_id, quiet_id = at_0009
    DraftPart = apps.get_model("policy_pages", "DraftPart")
    listed = [
        "Điều 3. Giải thích từ ngữ",
        "Điều 12: Trách nhiệm của nhà cung cấp",
        "Phụ lục I – Mẫu phiếu góp ý",
    ]
    for order, label in enumerate(listed):
        DraftPart.objects.create(page_id=policy_id, label=label, sort_order=order)
    parts = {
        1: "Điều 12: Trách nhiệm của nhà cung cấp",
        2: "Chương II",  # named by a comment only
        3: "Điều 3. Giải thích từ ngữ",
        4: "",  # on the whole draft
        5: "Điều 3",  # another Điều 3: its anchor takes a suffix
        6: "Chương II",
    }
    for n, part in parts.items():
        old_comment(apps, policy_id, n, part)

    apps = migrate(AFTER)
    DraftVersion = apps.get_model("policy_pages", "DraftVersion")
    DraftUnit = apps.get_model("policy_pages", "DraftUnit")
    Submission = apps.get_model("policy_pages", "Submission")
    [version] = DraftVersion.objects.all()
    assert (version.policy_id, version.number, version.note) == (policy_id, 1, NOTE)
    assert version.drafted_on == date(2026, 3, 1)
    assert version.published_at is not None
    units = list(DraftUnit.objects.filter(version=version).order_by("position"))
    assert [(u.kind, u.number, u.title, u.text, u.anchor) for u in units] == [
        ("dieu", "3", "Giải thích từ ngữ", "", "dieu-3"),
        ("dieu", "12", "Trách nhiệm của nhà cung cấp", "", "dieu-12"),
        ("doan", "", "", "Phụ lục I – Mẫu phiếu góp ý", "doan-1"),
        ("doan", "", "", "Chương II", "doan-2"),
        ("dieu", "3", "", "", "dieu-3-2"),
    ]
    assert len({u.lineage_id for u in units}) == len(units)
    comments = {c.receipt: c for c in Submission.objects.select_related("unit")}
    for n, part in parts.items():
        comment = comments[f"MIGRATE{n:09d}"]
        assert comment.body == f"Ý kiến thứ {n} về dự thảo."
        if part:
            assert heading(comment.unit) == part.replace("Điều 12:", "Điều 12.")
        else:
            assert comment.unit is None
    assert not DraftVersion.objects.filter(policy_id=quiet_id).exists()

    apps = migrate(BEFORE)
    DraftPart = apps.get_model("policy_pages", "DraftPart")
    Submission = apps.get_model("policy_pages", "Submission")
    restored = DraftPart.objects.filter(page_id=policy_id).order_by("sort_order")
    assert list(restored.values_list("label", flat=True)) == [
        "Điều 3. Giải thích từ ngữ",
        "Điều 12. Trách nhiệm của nhà cung cấp",
        "Phụ lục I – Mẫu phiếu góp ý",
        "Chương II",
        "Điều 3",
    ]
    back = dict(Submission.objects.values_list("receipt", "part"))
    assert back == {
        f"MIGRATE{n:09d}": part.replace("Điều 12:", "Điều 12.") for n, part in parts.items()
    }
