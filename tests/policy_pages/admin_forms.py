"""POST data for the policy editor in the admin."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield


def policy_form(milestones, **fields):
    """The policy editor's POST data, with every inline panel present and empty but milestones."""
    return nested_form_data(
        {
            "title": "Chính sách thử nghiệm",
            "slug": "chinh-sach-thu-nghiem",
            "summary": "Tóm tắt chính sách.",
            "drafting_agency": "",
            "topics": "",
            "body": streamfield([]),
            "milestones": inline_formset(milestones),
            "draft_files": inline_formset([]),
            "documents": inline_formset([]),
            "guidance_notes": inline_formset([]),
            "questions": inline_formset([]),
            "related_links": inline_formset([]),
            "comment_notifications": "",
            **fields,
        }
    )


def blank_milestone(stage, when, **fields):
    return {
        "stage": stage,
        "date": when,
        "closes_on": "",
        "note": "",
        "link": "",
        "document": "",
        "legal_document": "",
        **fields,
    }
