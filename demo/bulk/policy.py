"""Legal documents with their relations, and policies with milestones and the public's comments."""

import hashlib
import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from wagtail.rich_text import RichText

from core.text import vi_slugify
from policy_pages.draft_versions import store_version
from policy_pages.drafting.tree import ParsedUnit, UnitKind
from policy_pages.models import (
    Answer,
    LegalDocumentPage,
    LegalDocumentRelation,
    PolicyLegalDocument,
    PolicyMilestone,
    PolicyPage,
    PolicyQuestion,
    PolicyTopic,
    Submission,
)
from policy_pages.models.participation import (
    APPROVED,
    COMMENT,
    PENDING,
    RECEIPT_ALPHABET,
    RECEIPT_LENGTH,
    REJECTED,
)
from policy_pages.numbers import number_key
from policy_pages.submissions import fingerprint

from . import plan, text, words
from .tree import key_index

KINDS = words.DOCUMENT_KINDS
NOT_DATED = {"cong-dien", "chi-thi", "quyet-dinh"}  # in force from the day they are signed
NOT_NORMATIVE = {"cong-dien", "chi-thi", "quyet-dinh", "thong-bao"}
SEED = "seed-bulk:{}"
REJECTION = "Nội dung không liên quan đến dự thảo."


def legislature(year):
    return 13 if year <= 2015 else 14 if year <= 2020 else 15 if year <= 2025 else 16


def document_facts(ordinal, archive):
    """Number, type, issuer and dates of the `ordinal`-th legal document, from its index alone,
    so a policy can find the dates of the document that adopted it without reading it back.

    Numbers are unique per issuer: "n/year/symbol" counts within a year, "n/symbol" (no year,
    like Quyết định of the Prime Minister) counts over the whole archive."""
    cycle, slot = divmod(ordinal, len(KINDS))
    kind, symbol, body_name, yearly, signer_title = KINDS[slot]
    same = [position for position, entry in enumerate(KINDS) if entry[1] == symbol]
    rank, count = same.index(slot), len(same)
    year = archive.today.year - 9 + cycle % 10
    number = ((cycle // 10) if yearly else cycle) * count + rank + 1
    symbol = symbol.format(legislature=legislature(year))
    body = archive.bodies[body_name]
    while True:
        number_symbol = f"{number:02d}/{year}/{symbol}" if yearly else f"{number:02d}/{symbol}"
        if (body.pk, number_key(number_symbol)) not in archive.taken_numbers:
            break
        number += 5000  # a demo document already has it
    rng = random.Random(SEED.format(plan.legal_index(ordinal)) + ":facts")  # noqa: S311
    last_day = min(date(year, 12, 31), archive.today - timedelta(days=1))
    issued = date(year, 1, 1) + timedelta(days=rng.randint(0, (last_day - date(year, 1, 1)).days))
    effective = None if kind in NOT_DATED else issued + timedelta(days=rng.randint(0, 60))
    return {
        "kind": kind,
        "number_symbol": number_symbol,
        "body": body,
        "signer_title": signer_title,
        "issued_on": issued,
        "effective_on": effective,
    }


def _aware(day, hour=9):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def legal_document(index, rng, archive):
    ordinal = plan.legal_ordinal(index)
    facts = document_facts(ordinal, archive)
    law = rng.choice(words.LAW_MATTERS)
    title = rng.choice(words.DOCUMENT_TITLES[facts["kind"]]).format(
        Law=law,
        law=law.lower(),
        matter=rng.choice(words.ALL_MATTERS),
        month=facts["issued_on"].month,
        year=facts["issued_on"].year,
    )
    issued, effective = facts["issued_on"], facts["effective_on"]
    expires = None
    if rng.random() < 0.04:
        expires = (effective or issued) + timedelta(days=365 * rng.randint(2, 5))
    summary = (
        f"{title} do {facts['body'].name} ban hành ngày {issued:%d/%m/%Y}. {text.sentence(rng)}"
    )
    articles = [
        ("Điều 1. Phạm vi điều chỉnh", text.paragraph(rng, None, 2)),
        ("Điều 2. Đối tượng áp dụng", text.sentence(rng)),
        ("Điều 3. Hiệu lực thi hành", "Văn bản này có hiệu lực kể từ ngày ghi ở trên."),
    ]
    page = LegalDocumentPage(
        title=title,
        slug=f"{vi_slugify(facts['number_symbol'] + ' ' + title, max_length=80)}-{index}",
        number_symbol=facts["number_symbol"],
        number_key=number_key(facts["number_symbol"]),
        document_type=facts["kind"],
        is_normative=facts["kind"] not in NOT_NORMATIVE,
        issuing_body=facts["body"],
        signer=text.person(rng),
        signer_title=facts["signer_title"],
        issued_on=issued,
        effective_on=effective,
        expires_on=expires,
        summary=summary,
        full_text="".join(f"<h2>{h}</h2>{text.rich(p)}" for h, p in articles),
    )
    page._bulk_fields = [f.pk for f in rng.sample(archive.fields, rng.choice([1, 1, 2]))]
    page.relations = _relations(ordinal, rng)
    published_at = min(_aware(issued + timedelta(days=1), 10), text.moment(rng, archive.now, 1))
    return archive.tree.place(page, archive.legal_index, index, published_at)


def _relations(ordinal, rng):
    """A third of documents act on one of an earlier year: the same type amends or
    replaces it; a Thông tư guides a Nghị định; a Nghị định details a Luật."""
    cycle, slot = divmod(ordinal, len(KINDS))
    earlier_years = cycle % 10  # cycles of the same ten are one year apart, oldest first
    if not earlier_years or rng.random() > 0.35:
        return []
    back = rng.randint(1, earlier_years)
    kind = KINDS[slot][0]
    if kind == "thong-tu":
        relation, target_slot = "guides", 2
    elif kind == "nghi-dinh" and rng.random() < 0.4:
        relation, target_slot = "details", 0
    else:
        relation = rng.choice(["amends", "amends", "amends", "replaces", "repeals-part"])
        target_slot = slot
    target = plan.legal_index((cycle - back) * len(KINDS) + target_slot)
    row = LegalDocumentRelation(relation_type=relation, sort_order=0)
    row._bulk_refs = {"target_id": target}
    return [row]


def _adopting_document(index, rng, archive):
    """A Luật or Nghị định of an earlier period, if the archive has one yet."""
    first = (index // plan.PERIOD) * len(plan.LEGAL_SLOTS)
    cycle = first // len(KINDS) - rng.randint(1, 3)
    if cycle < 0:
        return None, None
    ordinal = cycle * len(KINDS) + rng.choice([0, 2, 3, 4])
    return plan.legal_index(ordinal), document_facts(ordinal, archive)


def policy(index, rng, archive):
    matter = rng.choice(words.ALL_MATTERS)
    title = rng.choice(words.POLICY_TITLES).format(matter=matter)
    agency = rng.choice(archive.ministries)
    today = archive.today
    fate = rng.random()
    document_index, facts = _adopting_document(index, rng, archive)
    if fate < 0.12 or (fate >= 0.2 and facts is None):
        stage = "open"
        opens = today - timedelta(days=rng.randint(1, 40))
        closes = today + timedelta(days=rng.randint(3, 45))
    elif fate < 0.2:
        stage = "drafting"
        opens = today + timedelta(days=rng.randint(5, 30))
        closes = opens + timedelta(days=60)
    else:
        stage = "adopted"
        issued = facts["issued_on"]
        opens, closes = issued - timedelta(days=200), issued - timedelta(days=140)
    timeline = [
        ("de-xuat", opens - timedelta(days=rng.randint(100, 220)), None),
        ("soan-thao", opens - timedelta(days=rng.randint(20, 90)), None),
        ("lay-y-kien", opens, closes),
    ]
    if stage == "adopted":
        effective = facts["effective_on"] or facts["issued_on"]
        timeline += [
            ("tham-dinh", facts["issued_on"] - timedelta(days=90), None),
            ("thong-qua", facts["issued_on"], None),
            ("co-hieu-luc", effective, None),
            ("thuc-hien", effective + timedelta(days=60), None),
        ]
    milestones = []
    for order, (stage_value, day, closes_on) in enumerate(timeline):
        milestone = PolicyMilestone(
            stage=stage_value,
            date=day,
            closes_on=closes_on,
            note=text.sentence(rng, matter) if stage_value == "lay-y-kien" else "",
            sort_order=order,
        )
        if stage_value == "thong-qua":
            milestone._bulk_refs = {"legal_document_id": document_index}
        milestones.append(milestone)
    summary = f"{title}: {text.sentence(rng, matter)}"
    page = PolicyPage(
        title=title[:1].upper() + title[1:],
        slug=f"{vi_slugify(title, max_length=80)}-{index}",
        summary=summary,
        drafting_agency=agency,
        body=text.stream(
            PolicyPage,
            "body",
            [
                (
                    "heading",
                    {"text": "Vì sao cần chính sách này", "level": "h2"},
                    archive.uuid(rng),
                ),
                ("paragraph", RichText(text.rich(text.paragraph(rng, matter))), archive.uuid(rng)),
            ],
        ),
    )
    page.milestones = milestones
    page.topic_items = [PolicyTopic(tag=tag) for tag in rng.sample(archive.topics, 2)]
    page._bulk_fields = [f.pk for f in rng.sample(archive.fields, rng.choice([1, 2]))]
    if stage == "adopted":
        link = PolicyLegalDocument(role="ban-hanh", sort_order=0)
        link._bulk_refs = {"document_id": document_index}
        page.documents = [link]
        question, answer = rng.choice(words.QUESTIONS)
        page.questions = [
            PolicyQuestion(
                question=question,
                answer=answer,
                answered_by=agency,
                answered_on=min(today, facts["issued_on"] + timedelta(days=30)),
                sort_order=0,
            )
        ]
        if closes + timedelta(days=20) <= today:
            page.report_published_on = closes + timedelta(days=20)
            page.report_summary = (
                "Ban soạn thảo đã tổng hợp, tiếp thu và giải trình đầy đủ ý kiến của người dân, "
                "doanh nghiệp; dự thảo được chỉnh sửa ở các điều về đối tượng và mức hỗ trợ."
            )
    if stage != "drafting":
        page._bulk_comments = (opens, closes, stage == "open")
    published_at = _aware(timeline[0][1])
    if published_at > archive.now:
        published_at = archive.now - timedelta(hours=1)
    return archive.tree.place(page, archive.policy_index, index, published_at)


# The draft every bulk policy is consulted on: three Điều, each with one Khoản.
DRAFT = [
    ("1", "Phạm vi điều chỉnh", "Quyết định này quy định chính sách hỗ trợ và điều kiện áp dụng."),
    ("2", "Đối tượng áp dụng", "Tổ chức, cá nhân đáp ứng điều kiện tại Quyết định này."),
    ("5", "Mức hỗ trợ", "Mức hỗ trợ tối đa bằng 50% chi phí thực tế, theo từng năm ngân sách."),
]


def draft(page, drafted_on):
    """The policy's Dự thảo 1, published with its consultation."""
    units = [
        ParsedUnit(
            UnitKind.ARTICLE,
            number,
            title=title,
            children=[ParsedUnit(UnitKind.CLAUSE, "1", text=clause)],
        )
        for number, title, clause in DRAFT
    ]
    published = _aware(drafted_on)
    return store_version(page, units, drafted_on=drafted_on, published_at=published, matches={})


def _receipt(index, number):
    digest = hashlib.sha256(f"bulk:{index}:{number}".encode()).digest()
    return "".join(RECEIPT_ALPHABET[byte % 32] for byte in digest[:RECEIPT_LENGTH])


def comments(page, archive):
    """The public's comments on the page's consultation, and for a closed one the agency's
    answers. Seeded by the page's index, like the page."""
    opens, closes, is_open = page._bulk_comments
    units = list(draft(page, opens).units.filter(kind=UnitKind.ARTICLE))
    index = key_index(page.translation_key)
    rng = random.Random(SEED.format(index) + ":comments")  # noqa: S311
    count = rng.randint(150, 300) if rng.random() < 0.05 else rng.randint(3, 15)
    if is_open:
        count += rng.randint(10, 40)
    answers = []
    if not is_open and page.report_published_on:
        answers = [
            Answer(
                policy=page,
                outcome=outcome,
                explanation=explanation,
                answered_by=page.drafting_agency,
                answered_on=page.report_published_on,
            )
            for outcome, explanation in words.ANSWERS.items()
        ]
    last = min(_aware(closes, 17), archive.now - timedelta(minutes=5))
    window = max(60, int((last - _aware(opens, 8)).total_seconds()))
    submissions = []
    for number in range(count):
        name = text.person(rng)
        email = f"{vi_slugify(name).replace('-', '.')}.{number}@example.vn"
        body = text.fill(rng, rng.choice(words.COMMENTS))
        created = last - timedelta(seconds=rng.randint(0, window))
        roll = rng.random()
        status = PENDING if is_open and roll < 0.4 else REJECTED if roll > 0.96 else APPROVED
        submissions.append(
            Submission(
                policy=page,
                kind=COMMENT,
                status=status,
                receipt=_receipt(index, number),
                name=name,
                email=email,
                organisation=text.fill(rng, rng.choice(words.ORGANISATIONS)),
                capacity=rng.choice(["ca-nhan", "ca-nhan", "chuyen-gia", "to-chuc"]),
                unit=rng.choice(units),
                body=body,
                body_hash=fingerprint(body, email),
                consent_at=created,
                created_at=created,
                moderated_at=None if status == PENDING else created + timedelta(hours=3),
                rejection_reason="Nội dung không liên quan đến dự thảo."
                if status == REJECTED
                else "",
                answer=answers[number % len(answers)] if answers and status == APPROVED else None,
            )
        )
    return answers, submissions


def write_extras(pages, archive):
    """Rows that hang on the new pages without being their child relations: the fields of
    documents and policies, answers and comments."""
    through = {model: [] for model in (LegalDocumentPage, PolicyPage)}
    answers, submissions = [], []
    for page in pages:
        if type(page) in through:
            link = type(page).fields.through
            owner = f"{type(page)._meta.model_name}_id"
            through[type(page)] += [
                link(**{owner: page.pk, "legalfield_id": pk}) for pk in page._bulk_fields
            ]
        if getattr(page, "_bulk_comments", None):
            page_answers, page_submissions = comments(page, archive)
            answers += page_answers
            submissions += page_submissions
    for model, rows in through.items():
        model.fields.through.objects.bulk_create(rows, batch_size=1000)
    Answer.objects.bulk_create(answers, batch_size=1000)
    Submission.objects.bulk_create(submissions, batch_size=1000)
