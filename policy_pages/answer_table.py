"""The answer table (bản tổng hợp, tiếp thu, giải trình ý kiến) as rows: one per answer, in the
reading order of the draft it answers, the answers to the whole draft last.

What a row holds is read in a fixed number of queries whatever the number of answers and
comments: the answers with their unit, the comment counts, up to three excerpts per answer (a
window over the comments), and the units each answer changed. The page, the .docx and the .xlsx
all read the same rows.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Q, Window
from django.db.models.functions import RowNumber, Substr
from django.utils.translation import gettext as _

from .choices import Outcome
from .drafting.tree import UnitKind
from .models import Answer, DraftVersion, Submission
from .models.drafts import compare_path
from .models.participation import COMMENT

EXCERPTS_PER_ANSWER = 3
EXCERPT_CHARS = 200
# Outcomes of comments on a draft; questions and proposals are answered, not taken in.
TABLE_OUTCOMES = [
    Outcome.ACCEPTED,
    Outcome.PARTLY_ACCEPTED,
    Outcome.NOT_ACCEPTED,
    Outcome.NOTED,
]
# A Khoản or a Điểm is cited with the units it sits in, up to its Điều ("điểm a khoản 2 Điều 5").
CITED_WITH_PARENT = {UnitKind.CLAUSE, UnitKind.POINT, UnitKind.PARAGRAPH}


def unit_reference(unit):
    """How a legal text cites a unit: "Điều 5. Phạm vi điều chỉnh", "Khoản 2 Điều 5",
    "Điểm a khoản 2 Điều 5". Reads the two parents select_related already brought."""
    if unit.kind not in CITED_WITH_PARENT:
        return unit.heading
    words = [unit.label]
    parent = unit.parent if unit.parent_id else None
    for _level in range(2):
        if parent is None or parent.kind not in (UnitKind.ARTICLE, UnitKind.CLAUSE):
            break
        words.append(parent.label)
        parent = parent.parent if parent.kind == UnitKind.CLAUSE and parent.parent_id else None
    first, *rest = words
    return " ".join([first, *(word[0].lower() + word[1:] for word in rest[:-1]), *rest[-1:]])


@dataclass
class Excerpt:
    """A comment as the table shows it: its beginning, the passage it quoted, who sent it."""

    text: str
    quote: str
    name: str
    organisation: str

    @property
    def sender(self):
        return f"{self.name} ({self.organisation})" if self.organisation else self.name


@dataclass
class ChangedUnit:
    reference: str
    version_number: int
    anchor: str
    url: str

    @property
    def version_label(self):
        return _("Dự thảo %(number)s") % {"number": self.version_number}


@dataclass
class AnswerRow:
    answer: Answer
    reference: str  # "" for the answers to the whole draft
    unit_url: str
    outcome_label: str = ""
    version_number: int | None = None  # of the version the unit answered belongs to
    comment_count: int = 0
    excerpts: list = field(default_factory=list)
    changed: list = field(default_factory=list)

    @property
    def anchor(self):
        return f"tra-loi-{self.answer.pk}"


@dataclass
class AnswerTable:
    rows: list  # answers on a unit, in reading order
    general: list  # answers to the whole draft
    counts: list  # [(outcome label, number of comments)]

    @property
    def all_rows(self):
        return [*self.rows, *self.general]

    @property
    def sections(self):
        """(heading id, heading, rows) for the page: by unit, then the whole draft."""
        parts = [
            ("answers-units-heading", "Ý kiến theo điều, khoản của dự thảo", self.rows),
            ("answers-general-heading", "Ý kiến chung về dự thảo", self.general),
        ]
        return [part for part in parts if part[2]]

    @property
    def comment_total(self):
        return sum(count for _label, count in self.counts)


def approved_comments(policy):
    return Submission.objects.approved().filter(policy=policy, kind=COMMENT)


def table_answers(policy):
    """The answers the table lists: to comments on the draft, on a unit or on approved
    comments; never the answers to questions and proposals."""
    answered = approved_comments(policy).filter(answer=OuterRef("pk"))
    return (
        Answer.objects.filter(policy=policy, outcome__in=TABLE_OUTCOMES)
        .filter(Q(unit__isnull=False) | Exists(answered))
        .select_related("answered_by", "unit__parent__parent")
    )


def answer_table(policy, policy_url):
    """The rows of `policy`'s answer table; links start from `policy_url` (the page's URL)."""
    # {version id: number} of the versions readers may see: units link only into those.
    published = dict(
        DraftVersion.objects.published().filter(policy=policy).values_list("pk", "number")
    )
    labels = {value: str(label) for value, label in Outcome.choices}
    rows, general = [], []
    for answer in table_answers(policy):
        unit, label = answer.unit, labels[answer.outcome]
        if unit is None:
            general.append(AnswerRow(answer, "", "", label))
        elif unit.version_id in published:
            number = published[unit.version_id]
            url = f"{policy_url}du-thao/{number}/#{unit.anchor}"
            rows.append(AnswerRow(answer, unit_reference(unit), url, label, number))
    rows.sort(key=lambda row: (row.version_number, row.answer.unit.position, row.answer.pk))
    general.sort(key=lambda row: (row.answer.answered_on, row.answer.pk))
    by_pk = {row.answer.pk: row for row in [*rows, *general]}
    _add_counts(policy, by_pk)
    _add_excerpts(policy, by_pk)
    _add_changes(policy, policy_url, by_pk, published)
    totals = defaultdict(int)
    for row in by_pk.values():
        totals[row.answer.outcome] += row.comment_count
    counts = [(label, totals[value]) for value, label in Outcome.choices if totals.get(value)]
    return AnswerTable(rows=rows, general=general, counts=counts)


def _add_counts(policy, by_pk):
    counts = (
        approved_comments(policy)
        .filter(answer__isnull=False)
        .order_by()
        .values_list("answer")
        .annotate(Count("pk"))
    )
    for answer_id, count in counts:
        if answer_id in by_pk:
            by_pk[answer_id].comment_count = count


def _add_excerpts(policy, by_pk):
    """The first comments of each answer, up to EXCERPTS_PER_ANSWER: one query for all."""
    first = (
        approved_comments(policy)
        .filter(answer__isnull=False)
        .annotate(
            rank=Window(
                RowNumber(), partition_by=F("answer_id"), order_by=[F("created_at"), F("pk")]
            )
        )
        .filter(rank__lte=EXCERPTS_PER_ANSWER)
        .order_by("answer_id", "rank")
        # A little more than shown, to cut at a space.
        .annotate(start=Substr("body", 1, EXCERPT_CHARS + 40))
        .values_list("answer_id", "start", "quote", "name", "organisation")
    )
    for answer_id, start, quote, name, organisation in first:
        if answer_id in by_pk:
            text = beginning(start, more=len(start) > EXCERPT_CHARS + 39)
            by_pk[answer_id].excerpts.append(Excerpt(text, quote, name, organisation))


def beginning(text, limit=EXCERPT_CHARS, more=False):
    """The first words of `text`, up to `limit` characters, "…" where it was cut (or where
    `more` says the database already cut it)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text + "…" if more else text
    cut = text[: limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(",;:") + "…"


def _add_changes(policy, policy_url, by_pk, published):
    """The units of a later, published version each answer changed, with the diff's link."""
    links = (
        Answer.changed_units.through.objects.filter(answer__policy=policy)
        .select_related("draftunit__parent__parent")
        .order_by("draftunit__version__number", "draftunit__position")
    )
    for link in links:
        row, unit = by_pk.get(link.answer_id), link.draftunit
        if row is None or unit.version_id not in published:
            continue
        to = published[unit.version_id]
        earlier = [number for number in published.values() if number < to]
        start = row.version_number or max(earlier, default=None)
        if start is not None and start < to:
            url = policy_url + compare_path(start, to, unit.anchor)
        else:
            url = f"{policy_url}du-thao/{to}/#{unit.anchor}"
        row.changed.append(ChangedUnit(unit_reference(unit), to, unit.anchor, url))


def commenters(policy):
    """{answer id: ["Name (Organisation)", …]} for every approved comment the answers group, in
    the order they came: the officers' file names who commented, as the page does; never an
    email. One query."""
    senders = defaultdict(list)
    rows = (
        approved_comments(policy)
        .filter(answer__isnull=False)
        .order_by("answer_id", "created_at", "pk")
        .values_list("answer_id", "name", "organisation")
    )
    for answer_id, name, organisation in rows:
        label = f"{name} ({organisation})" if organisation else name
        if label not in senders[answer_id]:
            senders[answer_id].append(label)
    return senders
