"""The officer's list of draft parts becomes units of a draft version, and each comment's part
its unit; then the part field and the DraftPart model go.

A policy with parts or commented parts gets a version 1 (or its existing version 1 receives the
units): one unit per distinct label, the officer's order first, then labels only comments named,
in the order they were sent. "Điều 3. Giải thích từ ngữ" (or "Điều 12: …") becomes a Điều with
its number and title, anything else a paragraph holding the label. Going back, the parts and each
comment's part are written again from those units, so nothing is lost either way.

Only the historical models are used: the app's code may change, this must not.
"""

import re

from django.db import migrations, models
from django.utils import timezone

NOTE = "Chuyển từ danh sách phần của dự thảo"
CONSULTATION = "lay-y-kien"
ARTICLE, PARAGRAPH = "dieu", "doan"
KIND_NAMES = {
    "phan": "Phần",
    "chuong": "Chương",
    "muc": "Mục",
    "tieu-muc": "Tiểu mục",
    "dieu": "Điều",
    "khoan": "Khoản",
    "diem": "Điểm",
}
ARTICLE_LABEL = re.compile(r"^\s*Điều\s+(\d+[a-zđ]?)\s*(?:[.:\-–—]\s*(.*?))?\s*$", re.IGNORECASE)


def label_unit(label):
    """(kind, number, title, text) of a unit standing for `label`."""
    match = ARTICLE_LABEL.match(label)
    if match:
        return ARTICLE, match.group(1), (match.group(2) or "")[:500], ""
    return PARAGRAPH, "", "", label


def unit_label(unit):
    """The part a unit stands for: a Điều's heading, a paragraph's text."""
    if unit.kind == PARAGRAPH:
        return unit.text[:200]
    heading = f"{KIND_NAMES.get(unit.kind, unit.kind)} {unit.number}".strip()
    return (f"{heading}. {unit.title}" if unit.title else heading)[:200]


def unique(anchor, taken):
    candidate, suffix = anchor, 1
    while candidate in taken:
        suffix += 1
        candidate = f"{anchor}-{suffix}"
    taken.add(candidate)
    return candidate


def settle_deferred_checks(schema_editor):
    """PostgreSQL refuses to alter a table with deferred foreign-key checks still pending from
    rows written in the same transaction: run them now, before the field is removed."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def labels_of(policy, DraftPart, Submission):
    parts = DraftPart.objects.filter(page=policy).order_by("sort_order", "pk")
    labels = list(parts.values_list("label", flat=True))
    sent = (
        Submission.objects.filter(policy=policy)
        .exclude(part="")
        .order_by("created_at", "pk")
        .values_list("part", flat=True)
    )
    ordered = []
    for label in [*labels, *sent]:
        if label.strip() and label not in ordered:
            ordered.append(label)
    return ordered


def version_one(policy, apps, today, now):
    DraftVersion = apps.get_model("policy_pages", "DraftVersion")
    PolicyMilestone = apps.get_model("policy_pages", "PolicyMilestone")
    version = DraftVersion.objects.filter(policy=policy, number=1).first()
    if version is not None:
        return version
    consultation = (
        PolicyMilestone.objects.filter(page=policy, stage=CONSULTATION).order_by("-date").first()
    )
    return DraftVersion.objects.create(
        policy=policy,
        number=1,
        drafted_on=consultation.date if consultation else today,
        note=NOTE,
        published_at=now,
        created_at=now,
    )


def parts_to_units(apps, schema_editor):
    DraftPart = apps.get_model("policy_pages", "DraftPart")
    Submission = apps.get_model("policy_pages", "Submission")
    DraftLineage = apps.get_model("policy_pages", "DraftLineage")
    DraftUnit = apps.get_model("policy_pages", "DraftUnit")
    PolicyPage = apps.get_model("policy_pages", "PolicyPage")
    now, today = timezone.now(), timezone.localdate()
    with_parts = DraftPart.objects.values("page_id")
    with_commented_parts = Submission.objects.exclude(part="").values("policy_id")
    policies = PolicyPage.objects.filter(
        models.Q(pk__in=with_parts) | models.Q(pk__in=with_commented_parts)
    ).order_by("pk")
    for policy in policies:
        version = version_one(policy, apps, today, now)
        existing = list(DraftUnit.objects.filter(version=version).order_by("position"))
        taken = {unit.anchor for unit in existing}
        position = max((unit.position for unit in existing), default=-1) + 1
        paragraphs = sum(1 for unit in existing if unit.kind == PARAGRAPH and unit.depth == 0)
        unit_of = {unit_label(unit): unit for unit in existing}
        for label in labels_of(policy, DraftPart, Submission):
            if label in unit_of:
                continue
            kind, number, title, text = label_unit(label)
            if kind == ARTICLE:
                anchor = unique(f"dieu-{number.lower().replace('đ', 'dd')}", taken)
            else:
                paragraphs += 1
                anchor = unique(f"doan-{paragraphs}", taken)
            unit_of[label] = DraftUnit.objects.create(
                version=version,
                lineage=DraftLineage.objects.create(policy=policy),
                position=position,
                depth=0,
                kind=kind,
                number=number,
                title=title,
                text=text,
                anchor=anchor,
            )
            position += 1
        for submission in Submission.objects.filter(policy=policy).exclude(part=""):
            if submission.part.strip():
                submission.unit = unit_of[submission.part]
                submission.save(update_fields=["unit"])
    settle_deferred_checks(schema_editor)


def units_to_parts(apps, schema_editor):
    DraftPart = apps.get_model("policy_pages", "DraftPart")
    DraftUnit = apps.get_model("policy_pages", "DraftUnit")
    Submission = apps.get_model("policy_pages", "Submission")
    migrated = DraftUnit.objects.filter(version__note=NOTE, version__number=1, depth=0)
    for unit in migrated.select_related("version").order_by("version", "position"):
        DraftPart.objects.create(
            page_id=unit.version.policy_id, label=unit_label(unit), sort_order=unit.position
        )
    for submission in Submission.objects.filter(unit__isnull=False).select_related("unit"):
        submission.part = unit_label(submission.unit)
        submission.save(update_fields=["part"])
    settle_deferred_checks(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("policy_pages", "0009_draft_versions"),
    ]

    operations = [
        migrations.RunPython(parts_to_units, units_to_parts),
        migrations.RemoveField(model_name="submission", name="part"),
        migrations.DeleteModel(name="DraftPart"),
    ]
