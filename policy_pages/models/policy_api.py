"""What the API gives of a policy page: what the page shows readers, no more. The public's input
only once approved and answered, without the sender's name; the report only from its date."""

from wagtail.api import APIField

from core.api_fields import NamesField, ObjectsField, StreamHTMLField

# A reader's answered question or proposal in the API: the text and the agency's answer, never
# who sent it.
PUBLIC_ANSWER = {
    "text": "body",
    "outcome": "answer.get_outcome_display",
    "answer": "answer.explanation",
    "answered_by": "answer.answered_by.name",
    "answered_on": "answer.answered_on",
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
]
