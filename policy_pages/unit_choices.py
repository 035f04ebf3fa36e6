"""The units a reader may comment on: those of the policy's current draft (its latest published
version) as a choice list grouped by Chương, and the check that a sent unit is one of this
policy's published units."""

from django.db.models import Subquery
from django.utils.translation import gettext as _

from .drafting.tree import UnitKind
from .models import DraftUnit, DraftVersion
from .unit_labels import unit_path

INDENT = "\u00a0\u00a0"  # non-breaking: a <select> keeps them, screen readers skip them


def latest_published(policy):
    """A subquery: the pk of the policy's latest published version."""
    return Subquery(
        DraftVersion.objects.published().filter(policy=policy).order_by("-number").values("pk")[:1]
    )


def current_units(policy):
    """The units of the policy's current draft in reading order: one query, none if no version
    is published."""
    if not policy.pk:
        return []
    return list(
        DraftUnit.objects.filter(version=latest_published(policy))
        .select_related("version")
        .order_by("position")
    )


def unit_choices(units):
    """[(pk, label)] and [(Chương heading, [(pk, label)])]: one group per Chương, as a <select>
    shows them (optgroup), each label naming its Điều so it reads alone; a unit before the first
    Chương, or a Phần, stands outside any group."""
    by_pk = {unit.pk: unit for unit in units}
    choices, group, group_depth = [], None, 0
    for unit in units:
        if unit.kind == UnitKind.CHAPTER:
            group, group_depth = [], unit.depth + 1
            choices.append((unit.heading, group))
            label = _("Cả %(chapter)s") % {"chapter": unit.label}
            group.append((unit.pk, label))
            continue
        if unit.kind == UnitKind.PART or (group is not None and unit.depth < group_depth):
            group = None
        indent = INDENT * max(0, unit.depth - group_depth) if group is not None else ""
        entry = (unit.pk, indent + unit_path(unit, by_pk))
        (group if group is not None else choices).append(entry)
    return choices


def published_unit(policy, value):
    """The unit `value` names if it is a unit of a published version of `policy`, else None."""
    try:
        pk = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return (
        DraftUnit.objects.filter(
            pk=pk, version__policy=policy, version__in=DraftVersion.objects.published()
        )
        .select_related("version")
        .first()
    )
