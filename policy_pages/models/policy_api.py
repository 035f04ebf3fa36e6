"""What the API gives of a policy page: what the page shows readers, no more. The public's input
only once approved and answered, without the sender's name; the report only from its date."""

from wagtail.api import APIField

from rest_framework.fields import Field

from core import cache_tags
from core.api_fields import NamesField, ObjectsField, StreamHTMLField, plain

# A reader's answered question or proposal in the API: the text and the agency's answer, never
# who sent it.
PUBLIC_ANSWER = {
    "text": "body",
    "outcome": "answer.get_outcome_display",
    "answer": "answer.explanation",
    "answered_by": "answer.answered_by.name",
    "answered_on": "answer.answered_on",
}


class _FromPage(Field):
    """A field built from the whole page and the request (for addresses under the page's)."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, source="*", **kwargs)

    def page_url(self, page):
        # What the public said and drafts: the answer is renewed with the policy's pages.
        from .policies import participation_tag

        cache_tags.add(participation_tag(page.pk))
        request = self.context["request"]
        return page.get_full_url(getattr(request, "_request", request))


class DraftVersionsField(_FromPage):
    """The published draft versions: number, dates, note and the address of each one's text.
    Their units are at /api/v2/draft-units/?policy=<id>&version=<n>, a page at a time."""

    def to_representation(self, page):
        url = self.page_url(page)
        return [
            {
                "number": version.number,
                "label": str(version.label),
                "drafted_on": version.drafted_on.isoformat(),
                "published_at": plain(version.published_at, self.context),
                "note": version.note,
                "url": f"{url}du-thao/{version.number}/",
            }
            for version in page.published_versions
        ]


class AnswerTableField(_FromPage):
    """The answer table once the report is public: per answer, the unit answered, the outcome,
    the explanation, the units it changed and how many approved comments it groups. Counts
    only: no commenter's name, no email."""

    def to_representation(self, page):
        if not page.report_is_public:
            return None
        from ..answer_table import answer_table  # the table reads these models

        url = self.page_url(page)
        table = answer_table(page, url)
        return {
            "url": f"{url}tiep-thu-giai-trinh/",
            "counts": [{"outcome": label, "count": count} for label, count in table.counts],
            "answers": [self.row(row) for row in table.all_rows],
        }

    @staticmethod
    def row(row):
        unit = row.answer.unit
        return {
            "id": row.answer.pk,
            "unit": {
                "version": row.version_number,
                "anchor": unit.anchor,
                "reference": row.reference,
                "lineage": unit.lineage_id,
                "url": row.unit_url,
            }
            if unit
            else None,
            "outcome": row.answer.outcome,
            "outcome_label": row.outcome_label,
            "explanation": row.answer.explanation,
            "answered_on": row.answer.answered_on.isoformat(),
            "comment_count": row.comment_count,
            "changed_units": [
                {
                    "version": change.version_number,
                    "anchor": change.anchor,
                    "reference": change.reference,
                    "url": change.url,
                }
                for change in row.changed
            ],
        }


POLICY_API_FIELDS = [
    APIField("summary"),
    APIField("body", serializer=StreamHTMLField()),
    APIField("drafting_agency", serializer=NamesField()),
    APIField("legal_fields", serializer=NamesField(source="fields")),
    APIField("topics", serializer=NamesField()),
    APIField("current_stage"),
    APIField("current_stage_label"),
    APIField(
        "consultation",
        serializer=ObjectsField(
            {
                "state": "state",
                "opens_on": "opens_on",
                "closes_on": "closes_on",
                "days_left": "days_left",
            }
        ),
    ),
    APIField(
        "timeline",
        serializer=ObjectsField(
            {
                "stage": "stage",
                "stage_label": "stage_label",
                "date": "date",
                "closes_on": "closes_on",
                "is_done": "is_done",
                "note": "note",
                "link": "link",
                "file": "document",
                "legal_document": ("public_document", {"number_symbol": "number_symbol"}),
            }
        ),
    ),
    APIField(
        "drafts",
        serializer=ObjectsField({"title": "display_label", "file": "document"}),
    ),
    APIField(
        "report",
        serializer=ObjectsField(
            {
                "published_on": "report_published_on",
                "summary": "report_summary",
                "file": "report_file",
                "counts": ("report_counts", {"outcome": "0", "count": "1"}),
            },
            source="*",
            when="report_is_public",
        ),
    ),
    APIField(
        "legal_documents",
        serializer=ObjectsField(
            {
                "role": "0.get_role_display",
                "document": (
                    "1",
                    {"number_symbol": "number_symbol", "status_label": "status_label"},
                ),
            }
        ),
    ),
    APIField(
        "guidance",
        serializer=ObjectsField(
            {
                "title": "title",
                "published_on": "published_on",
                "text": "text",
                "file": "document",
            }
        ),
    ),
    APIField(
        "faq",
        serializer=ObjectsField(
            {
                "question": "question",
                "answer": "answer",
                "answered_by": "answered_by.name",
                "answered_on": "answered_on",
            }
        ),
    ),
    APIField(
        "public_answers",
        serializer=ObjectsField(
            {
                "questions": ("questions", PUBLIC_ANSWER),
                "proposals": ("proposals", PUBLIC_ANSWER),
            },
            source="answered_questions",
        ),
    ),
    APIField("draft_versions", serializer=DraftVersionsField()),
    APIField("answer_table", serializer=AnswerTableField()),
]
