"""What became of a comment, for its receipt page: the agency's outcome and explanation once the
answer table is public, and each change the answer made to the text, as a word diff between the
unit's text in the version commented on and the changed unit of the next version."""

from dataclasses import dataclass

from django.utils.safestring import SafeString

from .drafting.diff import diff_html
from .models import Answer, DraftUnit, DraftVersion
from .models.drafts import compare_path
from .models.participation import APPROVED
from .unit_labels import unit_with_version


@dataclass
class Change:
    unit: DraftUnit  # the changed unit, in the later version
    heading: str  # "Dự thảo 2 · Điều 5 – Khoản 2"
    was: DraftUnit | None  # its lineage's unit in the version commented on, if it had one
    diff: SafeString
    compare_url: str


@dataclass
class CommentOutcome:
    answer: Answer
    changes: list[Change]


def unit_words(unit):
    return "\n".join(filter(None, [unit.title, unit.text])) if unit else ""


def comment_outcome(submission):
    """None until the approved comment has an answer and the policy's answer table is public.
    The changes shown are in published versions only: an answer may name units of a version
    the head of the desk has not published yet."""
    answer = submission.answer
    if answer is None or submission.status != APPROVED:
        return None
    # A guest's answer at an online dialogue was public as soon as it was given.
    if not submission.dialogue_id and not submission.policy.report_is_public:
        return None
    published = DraftVersion.objects.published()
    changed = list(
        answer.changed_units.filter(version__in=published)
        .select_related("version", "parent__parent__parent")
        .order_by("version", "position")
    )
    base = submission.unit or answer.unit
    earlier = {}
    if changed and base is not None:
        earlier = {
            unit.lineage_id: unit
            for unit in DraftUnit.objects.filter(
                version_id=base.version_id, lineage_id__in=[unit.lineage_id for unit in changed]
            ).select_related("version")
        }
    policy_url = submission.policy.url
    changes = []
    for unit in changed:
        was = earlier.get(unit.lineage_id)
        since = was.version.number if was else (base.version.number if base else None)
        url = policy_url + compare_path(since, unit.version.number, unit.anchor)
        changes.append(
            Change(
                unit=unit,
                heading=unit_with_version(unit),
                was=was,
                diff=diff_html(unit_words(was), unit_words(unit)),
                compare_url=url if since and policy_url else "",
            )
        )
    return CommentOutcome(answer=answer, changes=changes)
