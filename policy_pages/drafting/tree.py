"""The units of a draft (Phần, Chương, Mục, Tiểu mục, Điều, Khoản, Điểm, paragraphs) as a plain
tree, and the readable anchor of each (`dieu-5-khoan-2-diem-a`)."""

from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.text import fold_accents


class UnitKind(models.TextChoices):
    """From the largest to the smallest; the values appear in anchors and never change."""

    PART = "phan", _("Phần")
    CHAPTER = "chuong", _("Chương")
    SECTION = "muc", _("Mục")
    SUBSECTION = "tieu-muc", _("Tiểu mục")
    ARTICLE = "dieu", _("Điều")
    CLAUSE = "khoan", _("Khoản")
    POINT = "diem", _("Điểm")
    PARAGRAPH = "doan", _("Đoạn")


# Numbered in the whole draft (Điều 1 … Điều 40 run on across chapters), so an anchor starts
# from them; a Khoản is numbered within its Điều, a Điểm within its Khoản, a Mục within its
# Chương.
NUMBERED_THROUGHOUT = {UnitKind.PART, UnitKind.CHAPTER, UnitKind.ARTICLE}


@dataclass
class ParsedUnit:
    """One unit as the drafters wrote it. `number` as written ("5", "II", "a", "đ", "thứ nhất"),
    `title` the heading's words after the number (a Điều's name, a Chương's name), `text` the
    unit's own words (a Khoản's sentence; a paragraph's text; empty for a bare heading)."""

    kind: str
    number: str = ""
    title: str = ""
    text: str = ""
    children: list["ParsedUnit"] = field(default_factory=list)

    def walk(self):
        """This unit, then its descendants, in reading order."""
        yield self
        for child in self.children:
            yield from child.walk()

    @property
    def label(self):
        """ "Điều 5", "Khoản 2", "Điểm a", "Chương II", "Đoạn"."""
        name = UnitKind(self.kind).label
        return f"{name} {self.number}".strip()


def number_slug(number):
    """ "II" -> "ii", "đ" -> "dd" (so đ stays apart from d), "thứ nhất" -> "thu-nhat"."""
    text = number.strip().lower().replace("đ", "dd")
    folded = fold_accents(text)
    return "-".join("".join(ch if ch.isalnum() else " " for ch in folded).split())


def assign_anchors(units):
    """[(unit, anchor)] for a whole draft, in reading order, every anchor unique.

    A Điều, Chương or Phần is anchored on its own (`dieu-5`, `chuong-ii`), since its number runs
    through the draft; a unit numbered within its parent adds to the parent's anchor
    (`dieu-5-khoan-2-diem-a`, `chuong-ii-muc-1`). Paragraphs count within their parent
    (`dieu-5-doan-2`; `doan-1` before the first unit). A clash (two Điều 5 in a faulty draft)
    takes a suffix (`dieu-5-2`), so nothing is dropped.
    """
    result, taken = [], set()

    def visit(unit, parent_anchor, counters):
        if unit.kind == UnitKind.PARAGRAPH:
            counters["doan"] = counters.get("doan", 0) + 1
            own = f"doan-{counters['doan']}"
        else:
            own = "-".join(filter(None, [unit.kind, number_slug(unit.number)]))
        if unit.kind in NUMBERED_THROUGHOUT or not parent_anchor:
            anchor = own
        else:
            anchor = f"{parent_anchor}-{own}"
        unique, suffix = anchor, 1
        while unique in taken:
            suffix += 1
            unique = f"{anchor}-{suffix}"
        taken.add(unique)
        result.append((unit, unique))
        inner = {}
        for child in unit.children:
            visit(child, unique, inner)

    top = {}
    for unit in units:
        visit(unit, "", top)
    return result
