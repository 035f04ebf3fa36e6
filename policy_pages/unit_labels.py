"""How a unit of a draft is named where it stands alone, away from the text around it (a form's
choice, a group of comments, the moderation queue): a Khoản or Điểm with the Điều it belongs to,
"Điều 5 – Khoản 2 – Điểm a", since "Khoản 2" alone says nothing. Pure functions over rows already
read: the parents come from the version's units at hand or from a select_related chain."""

from django.utils.text import Truncator
from django.utils.translation import gettext as _

from .drafting.tree import UnitKind

# Units named through their parent; a Điều, Chương or Phần is numbered through the whole draft.
WITHIN_PARENT = {UnitKind.CLAUSE, UnitKind.POINT, UnitKind.PARAGRAPH, UnitKind.SUBSECTION}
EXCERPT_WORDS = 8
# What the queue's select_related needs so that unit_path() reads no row of its own: a paragraph
# in a Điểm is three levels under its Điều.
PARENTS = "unit__parent__parent__parent"


def own_name(unit):
    if unit.kind == UnitKind.PARAGRAPH:
        words = Truncator(unit.text).words(EXCERPT_WORDS, truncate="…")
        return _("Đoạn “%(words)s”") % {"words": words}
    return unit.label


def known_parent(unit, units_by_pk):
    if unit.parent_id is None:
        return None
    if units_by_pk is not None:
        return units_by_pk.get(unit.parent_id)
    return unit.parent if type(unit).parent.is_cached(unit) else None


def unit_path(unit, units_by_pk=None):
    """ "Điều 5. Phạm vi điều chỉnh", "Điều 5 – Khoản 2", "Điều 5 – Khoản 2 – Điểm a".

    `units_by_pk` holds the version's units when at hand; without it only parents already read
    (select_related) are followed, so this never queries."""
    chain = [unit]
    while chain[-1].kind in WITHIN_PARENT:
        parent = known_parent(chain[-1], units_by_pk)
        if parent is None or parent.kind in (UnitKind.CHAPTER, UnitKind.PART):
            break
        chain.append(parent)
    if len(chain) == 1:
        return unit.heading if unit.kind != UnitKind.PARAGRAPH else own_name(unit)
    return " – ".join(own_name(link) for link in reversed(chain))


def unit_with_version(unit, units_by_pk=None):
    """ "Dự thảo 1 · Điều 5 – Khoản 2": the unit among every version's (the version read)."""
    return f"{unit.version.label} · {unit_path(unit, units_by_pk)}"
