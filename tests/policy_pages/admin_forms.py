"""POST data for the policy and legal document editors in the admin."""

from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from tests.factories import IssuingBodyFactory


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


def document_form(**overrides):
    """The document editor's POST data: a valid decree, no files, no relations but those
    given (`relations=inline_formset([...])`)."""
    data = {
        "title": "Nghị định về phát triển kinh tế số",
        "slug": "nghi-dinh-kinh-te-so",
        "number_symbol": "15/2025/NĐ-CP",
        "document_type": "nghi-dinh",
        "is_normative": "on",
        "issuing_body": str(IssuingBodyFactory(name="Chính phủ").pk),
        "signer": "",
        "signer_title": "",
        "issued_on": "2025-03-01",
        "effective_on": "2025-05-01",
        "expires_on": "",
        "summary": "Quy định về phát triển kinh tế số và xã hội số.",
        "full_text": rich_text("<p>Điều 1. Phạm vi điều chỉnh.</p>"),
        "attachments": inline_formset([]),
        "relations": inline_formset([]),
        "comment_notifications": "",
        **overrides,
    }
    return nested_form_data(data)


def add(admin_client, index, data):
    """Create a document under `index` through the admin with `data`."""
    url = reverse("wagtailadmin_pages:add", args=["policy_pages", "legaldocumentpage", index.pk])
    return admin_client.post(url, data)
