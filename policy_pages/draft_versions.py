"""Storing a parsed draft as a policy's next version, its units tied to the lineages of the
version before: the one path the admin's import, the demo and the tests all take."""

from django.db import transaction
from django.db.models import Max

from .drafting.matching import UnitRef, match_versions, refs_from_tree
from .drafting.tree import assign_anchors
from .models import DraftLineage, DraftUnit, DraftVersion


def next_number(policy):
    highest = DraftVersion.objects.filter(policy=policy).aggregate(Max("number"))["number__max"]
    return (highest or 0) + 1


def previous_version(policy, number):
    return DraftVersion.objects.filter(policy=policy, number__lt=number).order_by("-number").first()


def suggested_matches(previous, units):
    """{anchor in the new text: the previous version's unit it continues}, as matching.py
    reads the two texts; the officer may correct it before the version is stored."""
    if previous is None:
        return {}
    old_units = list(previous.units.all())
    old = [
        UnitRef(
            key=unit.pk,
            kind=unit.kind,
            number=unit.number,
            title=unit.title,
            text=unit.text,
            parent_key=unit.parent_id,
        )
        for unit in old_units
    ]
    by_pk = {unit.pk: unit for unit in old_units}
    matches = match_versions(old, refs_from_tree(units))
    return {anchor: by_pk[pk] for anchor, pk in matches.items()}


@transaction.atomic
def store_version(
    policy,
    units,
    *,
    drafted_on,
    number=None,
    note="",
    source_file=None,
    matches=None,
    published_at=None,
):
    """Version `number` (the next one by default) of `policy` from `units` (a ParsedUnit tree).

    `matches` maps a new unit's anchor to the unit of an earlier version it continues; a unit
    with no match starts a lineage of its own. None asks matching.py. A lineage is continued
    once at most: two new units claiming the same old one, the first in reading order keeps it.
    """
    number = number or next_number(policy)
    if matches is None:
        matches = suggested_matches(previous_version(policy, number), units)
    version = DraftVersion.objects.create(
        policy=policy,
        number=number,
        drafted_on=drafted_on,
        note=note,
        source_file=source_file,
        published_at=published_at,
    )
    anchored = assign_anchors(units)
    # Only this policy's lineages continue: a unit of another policy starts one of its own.
    claimed = {old.lineage_id for old in matches.values() if old is not None}
    own = set(
        DraftLineage.objects.filter(pk__in=claimed, policy=policy).values_list("pk", flat=True)
    )
    taken, lineage_ids = set(), []
    for _unit, anchor in anchored:
        old = matches.get(anchor)
        lineage_id = old.lineage_id if old is not None else None
        if lineage_id in taken or lineage_id not in own:
            lineage_id = None
        lineage_ids.append(lineage_id)
        taken.add(lineage_id)
    fresh = DraftLineage.objects.bulk_create(
        DraftLineage(policy=policy) for lineage_id in lineage_ids if lineage_id is None
    )
    fresh_ids = iter(lineage.pk for lineage in fresh)
    rows, depth_of, parent_anchor = [], {}, {}
    for unit, anchor in anchored:
        for child in unit.children:
            parent_anchor[id(child)] = anchor
    placed = zip(anchored, lineage_ids, strict=True)
    for position, ((unit, anchor), lineage_id) in enumerate(placed):
        parent = parent_anchor.get(id(unit))
        depth_of[anchor] = depth_of[parent] + 1 if parent else 0
        rows.append(
            DraftUnit(
                version=version,
                lineage_id=lineage_id or next(fresh_ids),
                position=position,
                depth=depth_of[anchor],
                kind=unit.kind,
                number=unit.number,
                title=unit.title,
                text=unit.text,
                anchor=anchor,
            )
        )
    DraftUnit.objects.bulk_create(rows)
    # Parents by anchor, set once every row has its key (one UPDATE per level would do too;
    # bulk_update keeps it to one statement per batch).
    by_anchor = {row.anchor: row for row in rows}
    children = []
    for (unit, _anchor), row in zip(anchored, rows, strict=True):
        parent = parent_anchor.get(id(unit))
        if parent:
            row.parent = by_anchor[parent]
            children.append(row)
    DraftUnit.objects.bulk_update(children, ["parent"], batch_size=500)
    return version
