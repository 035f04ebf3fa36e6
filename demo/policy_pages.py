"""Demo issuers, fields, legal documents, policies and the public's comments for `seed_demo`."""

import hashlib
from datetime import date, datetime, time, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.html import escape

from core.text import fold_accents, vi_slugify
from media.models import PortalDocument
from policy_pages.draft_versions import store_version
from policy_pages.drafting.tree import ParsedUnit, UnitKind
from policy_pages.models import (
    Answer,
    IssuingBody,
    LegalDocumentAttachment,
    LegalDocumentIndexPage,
    LegalDocumentPage,
    LegalDocumentRelation,
    LegalField,
    PolicyDraftFile,
    PolicyGuidanceNote,
    PolicyIndexPage,
    PolicyLegalDocument,
    PolicyMilestone,
    PolicyPage,
    PolicyQuestion,
    Submission,
)
from policy_pages.models.participation import (
    COMMENT,
    PENDING,
    PROPOSAL,
    QUESTION,
    RECEIPT_ALPHABET,
    RECEIPT_LENGTH,
    REJECTED,
)
from policy_pages.submissions import fingerprint

from . import policy_pages_data as demo_data
from .publishing import publish


def demo_pdf(lines):
    """A one-page PDF with a few lines of ASCII text: the smallest real file the project can
    make for a "signed copy" (the base fonts of PDF have no Vietnamese letters)."""
    safe = [fold_accents(line).replace("(", "[").replace(")", "]") for line in lines]
    text = "\n".join(
        f"BT /F1 14 Tf 72 {760 - 22 * n} Td ({line}) Tj ET" for n, line in enumerate(safe)
    ).encode("ascii", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _pdf_document(title, filename, lines):
    existing = PortalDocument.objects.filter(title=title).first()
    if existing:
        return existing
    data = demo_pdf(lines)
    document = PortalDocument(title=title, file_size=len(data))
    document.file = ContentFile(data, name=filename)
    document.save()
    return document


# Types whose documents are not normative: individual orders, dispatches, notices, and the
# consolidated text, which only merges documents that are.
NOT_NORMATIVE = {"cong-dien", "chi-thi", "quyet-dinh", "thong-bao", "van-ban-hop-nhat"}


def _day(value, today):
    if value is None:
        return None
    if isinstance(value, int):
        return today + timedelta(days=value)
    return date(*value)


def seed_taxonomy():
    bodies = {
        name: IssuingBody.objects.get_or_create(name=name, defaults={"sort_order": order})[0]
        for name, order in demo_data.ISSUING_BODIES
    }
    fields = {name: LegalField.objects.get_or_create(name=name)[0] for name in demo_data.FIELDS}
    return bodies, fields


def seed_documents(home, bodies, fields, today):
    index = LegalDocumentIndexPage.objects.first() or publish(
        home,
        LegalDocumentIndexPage(
            title="Văn bản",
            slug="van-ban",
            show_in_menus=True,
            introduction="Văn bản quy phạm pháp luật và văn bản chỉ đạo, điều hành.",
        ),
    )
    documents = {}
    for key, row in demo_data.DOCUMENTS.items():
        kind, number, body, title, summary, issued, effective, field_names, signer, signer_title = (
            row
        )
        existing = LegalDocumentPage.objects.filter(slug=key).first()
        if existing:
            documents[key] = existing
            continue
        page = LegalDocumentPage(
            title=title,
            slug=key,
            number_symbol=number,
            document_type=kind,
            is_normative=kind not in NOT_NORMATIVE,
            issuing_body=bodies[body],
            signer=signer,
            signer_title=signer_title,
            issued_on=_day(issued, today),
            effective_on=_day(effective, today),
            expires_on=_day(demo_data.EXPIRES.get(key), today),
            summary=summary,
            full_text=f"<h2>Điều 1. Phạm vi điều chỉnh</h2><p>{escape(summary)}</p>"
            "<h2>Điều 2. Hiệu lực thi hành</h2><p>Văn bản có hiệu lực kể từ ngày ghi ở trên.</p>",
        )
        page.fields = [fields[name] for name in field_names]
        if key in demo_data.SIGNED_PDF:
            pdf = _pdf_document(
                f"{number} (bản ký số)",
                f"{key}.pdf",
                ["Cong Thong tin dien tu Chinh phu", f"Van ban so {number}", "Ban minh hoa"],
            )
            page.attachments = [LegalDocumentAttachment(document=pdf, label="Bản ký số (PDF)")]
        documents[key] = publish(index, page)
    for source, relation, target in demo_data.RELATIONS:
        page = documents[source]
        if not page.relations.filter(target=documents[target]).exists():
            LegalDocumentRelation.objects.create(
                page=page,
                relation_type=relation,
                target=documents[target],
                ends_on=_day(demo_data.RELATION_ENDS.get((source, target)), today),
            )
    return documents


def seed_policies(home, bodies, fields, documents, today):
    index = PolicyIndexPage.objects.first() or publish(
        home,
        PolicyIndexPage(
            title="Chính sách",
            slug="chinh-sach",
            show_in_menus=True,
            introduction=(
                "Theo dõi mỗi chính sách từ khi đề xuất đến khi đi vào cuộc sống; góp ý dự thảo "
                "khi đang lấy ý kiến nhân dân."
            ),
        ),
    )
    for number, data in enumerate(demo_data.POLICIES):
        if PolicyPage.objects.filter(slug=data["slug"]).exists():
            continue
        policy = PolicyPage(
            title=data["title"],
            slug=data["slug"],
            summary=data["summary"],
            drafting_agency=bodies[data["agency"]],
            body=[
                ("heading", {"text": "Vì sao cần chính sách này", "level": "h2"}),
                ("paragraph", f"<p>{escape(data['summary'])}</p>"),
            ],
            first_published_at=timezone.now() - timedelta(days=number + 1),
        )
        policy.fields = [fields[name] for name in data["fields"]]
        milestones = []
        for order, (stage, days, closes, note, document_key) in enumerate(data["milestones"]):
            milestones.append(
                PolicyMilestone(
                    stage=stage,
                    date=today + timedelta(days=days),
                    closes_on=today + timedelta(days=closes) if closes is not None else None,
                    note=note,
                    legal_document=documents.get(document_key),
                    sort_order=order,
                )
            )
            if stage == "lay-y-kien" and days <= 0 <= (closes or -1):
                draft = _pdf_document(
                    f"Dự thảo: {data['title']}",
                    f"du-thao-{data['slug']}.pdf",
                    ["Du thao lay y kien nhan dan", "Ban minh hoa"],
                )
                policy.draft_files = [PolicyDraftFile(document=draft, label="Dự thảo (PDF)")]
        policy.milestones = milestones
        linked = {m.legal_document for m in milestones if m.legal_document}
        policy.documents = [PolicyLegalDocument(document=doc, role="ban-hanh") for doc in linked]
        policy.guidance_notes = [
            PolicyGuidanceNote(title=title, published_on=today + timedelta(days=days), text=text)
            for title, days, text in data.get("guidance", [])
        ]
        policy.questions = [
            PolicyQuestion(
                question=question,
                answer=answer,
                answered_by=bodies[agency],
                answered_on=today + timedelta(days=days),
            )
            for question, answer, agency, days in data.get("questions", [])
        ]
        publish(index, policy)
        policy.topics.add(*data["topics"])
        policy.save_revision().publish()


def _demo_receipt(*parts):
    """A fixed receipt per demo item, so the demo is the same on every machine."""
    digest = hashlib.sha256(":".join(["demo", *map(str, parts)]).encode()).digest()
    return "".join(RECEIPT_ALPHABET[byte % 32] for byte in digest[:RECEIPT_LENGTH])


def _demo_draft(policy, articles, drafted_on):
    """{heading: unit} of the policy's Dự thảo 1, stored from `articles` unless it has a draft
    already; empty when there is no text to store."""
    if not articles:
        return {}
    if not policy.draft_versions.exists():
        units = [
            ParsedUnit(
                UnitKind.ARTICLE,
                number,
                title=title,
                children=[
                    ParsedUnit(UnitKind.CLAUSE, str(n), text=text)
                    for n, text in enumerate(clauses, start=1)
                ],
            )
            for number, title, clauses in articles
        ]
        store_version(policy, units, drafted_on=drafted_on, published_at=timezone.now(), matches={})
    version = policy.draft_versions.order_by("number").first()
    return {unit.heading: unit for unit in version.units.all()}


def _submission(policy, number, kind, name, body, status, sent_before, **fields):
    created = sent_before - timedelta(days=1 + number % 7, hours=number % 24)
    email = f"{vi_slugify(name).replace('-', '.')}@example.vn"
    return Submission(
        policy=policy,
        kind=kind,
        status=status,
        receipt=_demo_receipt(policy.slug, kind, number),
        name=name,
        email=email,
        body=body,
        body_hash=fingerprint(body, email),
        consent_at=created,
        created_at=created,
        moderated_at=None if status == PENDING else created + timedelta(hours=3),
        **fields,
    )


def seed_participation(today):
    """Comments on the open draft, pending and moderated; a closed consultation with answers
    and its published report; answered questions and a proposal."""
    for slug, data in demo_data.PARTICIPATION.items():
        policy = PolicyPage.objects.filter(slug=slug).first()
        if policy is None or policy.submissions.exists():
            continue
        agency = policy.drafting_agency
        consultation = policy.consultation
        # Comments arrive while the consultation runs; the answers come with the report.
        sent_before = min(
            timezone.now(),
            timezone.make_aware(datetime.combine(consultation.closes_on, time(17))),
        )
        answered_on = consultation.closes_on + timedelta(days=data.get("report_after", 1) - 1)
        answers = {
            outcome: Answer(policy=policy, outcome=outcome, explanation=text, answered_by=agency)
            for outcome, text in data.get("answers", {}).items()
        }
        for answer in answers.values():
            answer.answered_on = min(answered_on, today)
            answer.save()
        units = _demo_draft(policy, data["draft"], consultation.opens_on)
        items = []
        for number, (heading, name, organisation, capacity, body, status, extra) in enumerate(
            data["comments"]
        ):
            unit = units.get(heading)
            fields = {"unit": unit, "organisation": organisation, "capacity": capacity}
            if status == REJECTED:
                fields["rejection_reason"] = extra
            elif extra:
                fields["answer"] = answers[extra]
            items.append(
                _submission(policy, number, COMMENT, name, body, status, sent_before, **fields)
            )
        asked = [(QUESTION, row) for row in data.get("questions", [])]
        asked += [(PROPOSAL, row) for row in data.get("proposals", [])]
        for number, (kind, (body, name, status, reply)) in enumerate(asked, start=100):
            answer = None
            if reply:
                answer = Answer.objects.create(
                    policy=policy,
                    outcome="tra-loi",
                    explanation=reply,
                    answered_by=agency,
                    answered_on=min(answered_on, today),
                )
            items.append(
                _submission(policy, number, kind, name, body, status, sent_before, answer=answer)
            )
        Submission.objects.bulk_create(items)
        if data.get("report"):
            policy.report_published_on = consultation.closes_on + timedelta(
                days=data["report_after"]
            )
            policy.report_summary = data["report"]
            policy.save_revision().publish()


def seed(home):
    """Create what is missing; running it again changes nothing."""
    today = timezone.localdate()
    bodies, fields = seed_taxonomy()
    documents = seed_documents(home, bodies, fields, today)
    seed_policies(home, bodies, fields, documents, today)
    seed_participation(today)
