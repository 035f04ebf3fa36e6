"""The demo decree in two draft versions: parsed from the text files in demo/content/ and stored
the way the admin's import stores a draft (Dự thảo 2 continuing Dự thảo 1's units as the matcher
reads them), with readers' comments on units of Dự thảo 1, the agency's answers (some changed
units of Dự thảo 2) and the published report, so the answer table is public."""

from datetime import datetime, time, timedelta
from pathlib import Path

from django.utils import timezone

from policy_pages.draft_versions import store_version
from policy_pages.drafting.parse import parse_text
from policy_pages.models import (
    Answer,
    IssuingBody,
    PolicyIndexPage,
    PolicyMilestone,
    PolicyPage,
    Submission,
)
from policy_pages.models.participation import APPROVED, COMMENT

from . import policy_drafts_data as data
from .policy_pages import _submission
from .publishing import publish

CONTENT = Path(__file__).resolve().parent / "content"


def _at(day, hour=9):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def seed(home):
    """Create the policy if it is missing; running it again changes nothing."""
    if PolicyPage.objects.filter(slug=data.SLUG).exists():
        return None
    today = timezone.localdate()
    index = PolicyIndexPage.objects.first() or publish(
        home, PolicyIndexPage(title="Chính sách", slug="chinh-sach", show_in_menus=True)
    )
    agency = IssuingBody.objects.get_or_create(name=data.POLICY["agency"])[0]
    opens, closes = (today + timedelta(days=days) for days in data.CONSULTATION)
    policy = PolicyPage(
        title=data.POLICY["title"],
        slug=data.SLUG,
        summary=data.POLICY["summary"],
        drafting_agency=agency,
        report_published_on=today + timedelta(days=data.REPORT),
        report_summary=(
            f"Cơ quan chủ trì soạn thảo nhận {len(data.COMMENTS)} ý kiến về Dự thảo 1, tổng hợp "
            f"thành {len(data.ANSWERS)} nhóm theo từng điều, khoản; Dự thảo 2 đã chỉnh lý theo "
            "các ý kiến được tiếp thu."
        ),
        first_published_at=_at(today + timedelta(days=data.DRAFTING_STARTED)),
    )
    policy.milestones = [
        PolicyMilestone(
            stage="soan-thao",
            date=today + timedelta(days=data.DRAFTING_STARTED),
            note="Văn phòng Chính phủ thành lập tổ soạn thảo.",
            sort_order=0,
        ),
        PolicyMilestone(
            stage="lay-y-kien",
            date=opens,
            closes_on=closes,
            note="Lấy ý kiến nhân dân về Dự thảo 1 trên Cổng Thông tin điện tử Chính phủ.",
            sort_order=1,
        ),
    ]
    publish(index, policy)
    versions = []
    for version in data.VERSIONS:
        text = (CONTENT / version["file"]).read_text(encoding="utf-8")
        versions.append(
            store_version(
                policy,
                parse_text(text),
                drafted_on=today + timedelta(days=version["drafted_on"]),
                note=version["note"],
                published_at=_at(today + timedelta(days=version["published"])),
            )
        )
    first, second = ({unit.anchor: unit for unit in v.units.all()} for v in versions)
    answers = {}
    for key, (anchor, outcome, explanation, changed) in data.ANSWERS.items():
        answer = Answer.objects.create(
            policy=policy,
            unit=first[anchor],
            outcome=outcome,
            explanation=explanation,
            answered_by=agency,
            answered_on=closes + timedelta(days=5),
        )
        answer.changed_units.set([second[new_anchor] for new_anchor in changed])
        answers[key] = answer
    sent_before = _at(closes, 17)
    comments = []
    for number, (key, name, organisation, capacity, body, quote) in enumerate(data.COMMENTS):
        unit = answers[key].unit
        comments.append(
            _submission(
                policy,
                number,
                COMMENT,
                name,
                body,
                APPROVED,
                sent_before,
                organisation=organisation,
                capacity=capacity,
                unit=unit,
                quote=quote,
                answer=answers[key],
            )
        )
    Submission.objects.bulk_create(comments)
    return policy
