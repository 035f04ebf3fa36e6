"""Two published versions of a policy's draft compared unit by unit (`so-sanh/?tu=1&den=2`).

The units are paired by their lineage, as the officer confirmed it when the later version was
stored; the texts are not matched again. drafting/matching.py's classify() says what became
of each pair (added, removed, moved, changed), drafting/diff.py marks the words. The same
queries whatever the size of the draft: the versions, both versions' units, the comment counts
per lineage, the policy's timeline and, once the answer table is public, the answers that
changed the new version's units.
"""

from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import gettext as _

from .choices import Outcome
from .draft_pages import compare_url, full_labels, published_versions, render
from .drafting.diff import diff_html
from .drafting.matching import UnitRef, classify, full_text
from .models import Answer, DraftUnit, Submission
from .models.participation import COMMENT

ANSWER_TABLE = "tiep-thu-giai-trinh/"


class Refusal(Exception):
    """Versions that cannot be compared, with the reason to show the reader."""

    def __init__(self, message, not_found=False):
        super().__init__(message)
        self.message, self.not_found = message, not_found


@dataclass
class Row:
    """One unit of the comparison; `units` holds a run of unchanged ones shown together."""

    kind: str
    new: DraftUnit | None = None
    old: DraftUnit | None = None
    html: str = ""
    moved: bool = False
    changed: bool = False
    label: str = ""
    old_label: str = ""
    comments: int = 0
    comments_url: str = ""
    answers: list = field(default_factory=list)
    units: list = field(default_factory=list)


def chosen_versions(params, versions):
    """(old, new) as ?tu= and ?den= name them; with neither, the two newest versions."""
    by_number = {version.number: version for version in versions}
    start, end = params.get("tu"), params.get("den")
    if start is None and end is None:
        if len(versions) < 2:
            raise Refusal(_("Chính sách này chưa có hai dự thảo để so sánh."), not_found=True)
        return versions[-2], versions[-1]
    if not start or not end:
        raise Refusal(_("Hãy chọn cả dự thảo cũ (tu) và dự thảo mới (den) để so sánh."))
    # Refused before int(), which raises on more than 4,300 digits; a long number that fits is
    # simply a version that does not exist (404 below).
    if not all(v.isascii() and v.isdigit() and len(v) <= 100 for v in (start, end)):
        raise Refusal(_("Số dự thảo phải là số nguyên dương, ví dụ ?tu=1&den=2."))
    start, end = int(start), int(end)
    if start == end:
        raise Refusal(_("Hãy chọn hai dự thảo khác nhau để so sánh."))
    if start > end:
        raise Refusal(_("Dự thảo cũ (tu) phải có số nhỏ hơn dự thảo mới (den)."))
    for number in (start, end):
        if number not in by_number:
            message = _("Không có dự thảo số %(number)s đã công bố.") % {"number": number}
            raise Refusal(message, not_found=True)
    return by_number[start], by_number[end]


def ref(unit):
    return UnitRef(unit.pk, unit.kind, unit.number, unit.title, unit.text, unit.parent_id)


def comparison(policy, request, old, new):
    """The rows of the comparison of `old` with `new`, in the new version's reading order, each
    removed unit where it stood; runs of unchanged units are gathered in one row."""
    units = list(DraftUnit.objects.filter(version__in=[old, new]))
    old_units = [unit for unit in units if unit.version_id == old.pk]
    new_units = [unit for unit in units if unit.version_id == new.pk]
    by_pk = {unit.pk: unit for unit in units}
    labels = {**full_labels(old_units), **full_labels(new_units)}
    old_of_lineage = {unit.lineage_id: unit for unit in old_units}
    matches = {
        unit.pk: old_of_lineage[unit.lineage_id].pk
        for unit in new_units
        if unit.lineage_id in old_of_lineage
    }
    lineages = DraftUnit.objects.filter(version__in=[old, new]).values("lineage_id")
    counts = dict(
        Submission.objects.approved()
        .filter(policy=policy, kind=COMMENT, unit__lineage_id__in=lineages)
        .values_list("unit__lineage_id")
        .annotate(Count("pk"))
    )
    answers = answers_by_unit(policy, request, new)
    rows = []
    changes = classify([ref(u) for u in old_units], [ref(u) for u in new_units], matches)
    for change in changes:
        old_unit, new_unit = by_pk.get(change.old_key), by_pk.get(change.new_key)
        if change.kind == "same":
            new_unit.full_label = labels[new_unit.pk]
            renumbered = labels[old_unit.pk] != new_unit.full_label
            new_unit.old_label = labels[old_unit.pk] if renumbered else ""
            if rows and rows[-1].kind == "same":
                rows[-1].units.append(new_unit)
            else:
                rows.append(Row("same", units=[new_unit]))
            continue
        unit = new_unit or old_unit
        row = Row(
            change.kind,
            new=new_unit,
            old=old_unit,
            moved=change.moved,
            changed=change.changed,
            label=labels[unit.pk],
            old_label=labels[old_unit.pk] if old_unit else "",
            comments=counts.get(unit.lineage_id, 0),
            answers=answers.get(change.new_key, []),
        )
        row.html = marked_text(change, old_unit, new_unit)
        if old_unit is not None:
            row.comments_url = f"{old.url}#{old_unit.anchor}"
        rows.append(row)
    return rows


def marked_text(change, old_unit, new_unit):
    """The unit's title and text: all of it in <ins> or <del> when added or removed, word by
    word when changed, as it is when only moved."""
    if change.kind == "added":
        return format_html("<ins>{}</ins>", full_text(new_unit))
    if change.kind == "removed":
        return format_html("<del>{}</del>", full_text(old_unit))
    if change.changed:
        return diff_html(full_text(old_unit), full_text(new_unit))
    return full_text(new_unit)


def answers_by_unit(policy, request, new):
    """{new unit pk: [(answer url, outcome label)]} for the answers that changed it, once the
    answer table is public."""
    if not policy.report_is_public:
        return {}
    table = policy.get_url(request) + ANSWER_TABLE
    found = {}
    links = Answer.changed_units.through.objects.filter(draftunit__version=new).values_list(
        "draftunit_id", "answer_id", "answer__outcome"
    )
    for unit_pk, answer_pk, outcome in links.order_by("answer_id"):
        link = (f"{table}#tra-loi-{answer_pk}", Outcome(outcome).label)
        found.setdefault(unit_pk, []).append(link)
    return found


def compare_page(policy, request):
    versions = published_versions(policy, request)
    context = {"versions": versions}
    try:
        old, new = chosen_versions(request.GET, versions)
    except Refusal as refusal:
        context["error"] = refusal.message
        status = 404 if refusal.not_found else 400
        return render(policy, request, "policy_pages/draft_compare.html", context, status)
    rows = comparison(policy, request, old, new)
    tally = {kind: 0 for kind in ("added", "removed", "moved", "changed")}
    for row in rows:
        if row.kind in tally:
            tally[row.kind] += 1
    context.update(
        old=old,
        new=new,
        rows=rows,
        tally=tally,
        unchanged=sum(len(row.units) for row in rows),
        canonical=request.build_absolute_uri(compare_url(policy, request, old, new)),
    )
    return render(policy, request, "policy_pages/draft_compare.html", context)
