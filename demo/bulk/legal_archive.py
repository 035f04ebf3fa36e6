"""A legal archive alone, for bench.document_facets: 18 years × 3,000 published legal
documents under one index, as the portal would hold them (see that module's docstring), written
in bulk by `manage.py seed_legal_archive` into an empty scratch database. In the demo, as all
bulk content is: nothing outside `demo/` imports it (tests/test_demo_layout.py).
Nothing here imports Django before the caller has set it up."""

import random
from datetime import date, datetime, time, timedelta

YEARS, PER_YEAR = 18, 3000
DRAFTS, RELATIONS = 300, 4000
BATCH = 3000
SEED = 22

# (body, share of all documents, {type: share of the body's documents})
MINISTRY_TYPES = {"thong-tu": 60, "quyet-dinh": 30, "thong-tu-lien-tich": 5, "khac": 5}
BODIES = [
    ("Quốc hội", 2, {"luat": 60, "nghi-quyet": 35, "bo-luat": 4, "hien-phap": 1}),
    ("Ủy ban Thường vụ Quốc hội", 1.5, {"nghi-quyet": 70, "phap-lenh": 30}),
    ("Chính phủ", 10, {"nghi-dinh": 75, "nghi-quyet": 25}),
    ("Thủ tướng Chính phủ", 20, {"quyet-dinh": 60, "chi-thi": 15, "cong-dien": 25}),
    ("Văn phòng Chính phủ", 6, {"thong-bao": 80, "khac": 20}),
    ("Tòa án nhân dân tối cao", 1, {"nghi-quyet": 50, "thong-tu-lien-tich": 30, "thong-tu": 20}),
    ("Viện kiểm sát nhân dân tối cao", 1, {"thong-tu-lien-tich": 60, "quyet-dinh": 40}),
    ("Kiểm toán nhà nước", 0.5, {"quyet-dinh": 70, "khac": 30}),
    ("Ngân hàng Nhà nước Việt Nam", 3, {"thong-tu": 70, "quyet-dinh": 30}),
    ("Bộ Tài chính", 8, MINISTRY_TYPES),
    *(
        (f"Bộ {name}", 1.6, MINISTRY_TYPES)
        for name in (
            "Công an",
            "Quốc phòng",
            "Ngoại giao",
            "Nội vụ",
            "Tư pháp",
            "Kế hoạch và Đầu tư",
            "Công Thương",
            "Nông nghiệp và Phát triển nông thôn",
            "Giao thông vận tải",
            "Xây dựng",
            "Tài nguyên và Môi trường",
            "Thông tin và Truyền thông",
            "Lao động - Thương binh và Xã hội",
            "Văn hóa, Thể thao và Du lịch",
            "Khoa học và Công nghệ",
            "Giáo dục và Đào tạo",
            "Y tế",
        )
    ),
    *(
        (name, 0.6, {"quyet-dinh": 70, "thong-tu": 20, "khac": 10})
        for name in (
            "Ủy ban Dân tộc",
            "Thanh tra Chính phủ",
            "Bảo hiểm xã hội Việt Nam",
            "Thông tấn xã Việt Nam",
            "Đài Truyền hình Việt Nam",
            "Đài Tiếng nói Việt Nam",
            "Học viện Chính trị quốc gia Hồ Chí Minh",
            "Viện Hàn lâm Khoa học xã hội Việt Nam",
            "Viện Hàn lâm Khoa học và Công nghệ Việt Nam",
            "Ban Quản lý Lăng Chủ tịch Hồ Chí Minh",
            "Ủy ban Quản lý vốn nhà nước tại doanh nghiệp",
        )
    ),
]
FIELDS = [
    "Tài chính",
    "Thuế, phí, lệ phí",
    "Đầu tư",
    "Doanh nghiệp",
    "Lao động, việc làm",
    "Bảo hiểm",
    "Giáo dục",
    "Y tế",
    "Đất đai",
    "Xây dựng, nhà ở",
    "Giao thông",
    "Tài nguyên, môi trường",
    "Nông nghiệp",
    "Công nghiệp, thương mại",
    "Thông tin, truyền thông",
    "Khoa học, công nghệ",
    "Văn hóa, thể thao, du lịch",
    "Tư pháp",
    "Hành chính",
    "Quốc phòng, an ninh",
    "Đối ngoại",
    "Dân tộc, tôn giáo",
    "Ngân hàng, tiền tệ",
    "Xuất nhập khẩu",
    "Chứng khoán",
]
SYMBOLS = {
    "hien-phap": "",
    "bo-luat": "QH",
    "luat": "QH",
    "phap-lenh": "UBTVQH",
    "nghi-quyet": "NQ",
    "nghi-dinh": "NĐ-CP",
    "quyet-dinh": "QĐ",
    "chi-thi": "CT",
    "thong-tu": "TT",
    "thong-tu-lien-tich": "TTLT",
    "cong-dien": "CĐ-TTg",
    "thong-bao": "TB",
}
IN_FORCE_ON_SIGNING = {"cong-dien", "chi-thi", "quyet-dinh", "thong-bao"}
RELATION_SHARES = {
    "amends": 45,
    "replaces": 20,
    "repeals": 8,
    "repeals-part": 10,
    "guides": 12,
    "details": 5,
    "suspends": 1,  # until a day that has come or not
}


def built():
    from policy_pages.models import LegalDocumentPage

    return LegalDocumentPage.objects.live().count() >= YEARS * PER_YEAR


def build(log):
    """The home page, the index, the bodies and fields, then the documents in batches."""
    from django.db import connection, transaction

    from wagtail.models import Page, PageViewRestriction, Site

    from core.text import vi_slugify
    from demo.bulk import words
    from demo.bulk.tree import Tree
    from newsroom.models import HomePage
    from policy_pages.choices import Relation
    from policy_pages.models import (
        IssuingBody,
        LegalDocumentIndexPage,
        LegalDocumentPage,
        LegalDocumentRelation,
        LegalField,
    )

    home = HomePage.objects.first() or Page.get_first_root_node().add_child(
        instance=HomePage(title="Trang chủ", slug="trang-chu")
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Cổng"},
    )
    index = LegalDocumentIndexPage.objects.first() or home.add_child(
        instance=LegalDocumentIndexPage(title="Văn bản", slug="van-ban")
    )
    bodies = {
        name: IssuingBody.objects.get_or_create(name=name, defaults={"slug": vi_slugify(name)})[0]
        for name, _share, _types in BODIES
    }
    fields = [
        LegalField.objects.get_or_create(name=name, defaults={"slug": vi_slugify(name)})[0]
        for name in FIELDS
    ]
    rng = random.Random(SEED)  # noqa: S311
    plan = _plan(rng)
    today = date.today()
    first_year = today.year - YEARS + 1
    numbers = {}
    made = []  # (pk, year, type) of the live documents, for the relations
    total = YEARS * PER_YEAR + DRAFTS
    tree = Tree()
    for start in range(0, total, BATCH):
        pages = []
        for n in range(start, min(start + BATCH, total)):
            draft = n >= YEARS * PER_YEAR
            year = first_year + (n // PER_YEAR if not draft else rng.randrange(YEARS))
            body_name, kind = rng.choice(plan)
            pages.append(
                _document(rng, n, year, today, bodies[body_name], kind, numbers, words, draft)
            )
            pages[-1]._fields = _some(rng, fields)
        with transaction.atomic():
            for page, n in zip(pages, range(start, start + len(pages)), strict=True):
                tree.place(page, index, n, published_at=page._published_at)
                page.live = not page._draft
            tree.write(pages)
            through = LegalDocumentPage.fields.through
            through.objects.bulk_create(
                [
                    through(legaldocumentpage_id=page.pk, legalfield_id=field.pk)
                    for page in pages
                    for field in page._fields
                ],
                batch_size=2000,
            )
        made += [(p.pk, p.issued_on.year, p.document_type) for p in pages if not p._draft]
        log(f"{start + len(pages):,} documents")
    relations = []
    by_year = {}
    for pk, year, kind in made:
        by_year.setdefault(year, []).append((pk, kind))
    shares = {kind: share for kind, share in RELATION_SHARES.items() if kind in Relation.values}
    kinds, weights = zip(*shares.items(), strict=True)
    while len(relations) < RELATIONS:
        source, year, _kind = rng.choice(made)
        if year == first_year:
            continue
        target, _target_kind = rng.choice(by_year[rng.randrange(max(first_year, year - 10), year)])
        relation = rng.choices(kinds, weights)[0]
        row = LegalDocumentRelation(
            page_id=source, target_id=target, relation_type=relation, sort_order=0
        )
        if relation == "suspends":
            row.ends_on = today + timedelta(days=rng.randint(-200, 200))
        relations.append(row)
    LegalDocumentRelation.objects.bulk_create(relations, batch_size=2000)
    secret = LegalDocumentPage.objects.live().order_by("pk").first()
    PageViewRestriction.objects.create(page=secret, restriction_type="login")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    log(f"{len(relations):,} relations, one document behind a login; analysed")


def _plan(rng):
    """A list of (body, type) pairs to draw from, in proportion to the shares; a type no body
    issues (one added since) goes to the Government Office, rarely."""
    from policy_pages.choices import DocumentType

    plan = []
    for name, share, types in BODIES:
        known = {kind: weight for kind, weight in types.items() if kind in DocumentType.values}
        whole = sum(known.values())
        for kind, weight in known.items():
            plan += [(name, kind)] * round(share * weight * 10 / whole)
    used = {kind for _name, kind in plan}
    plan += [("Văn phòng Chính phủ", kind) for kind in DocumentType.values if kind not in used]
    rng.shuffle(plan)
    return plan


def _some(rng, fields):
    """1–3 fields, the first ones of the list much commoner."""
    weights = [1 / (rank + 1) for rank in range(len(fields))]
    chosen = set()
    for _ in range(rng.choices([1, 2, 3], [60, 30, 10])[0]):
        chosen.add(rng.choices(fields, weights)[0])
    return chosen


def _document(rng, n, year, today, body, kind, numbers, words, draft):
    from django.utils import timezone

    from policy_pages.choices import DocumentType
    from policy_pages.models import LegalDocumentPage
    from policy_pages.numbers import number_key

    last = min(date(year, 12, 31), today)
    issued = date(year, 1, 1) + timedelta(days=rng.randint(0, (last - date(year, 1, 1)).days))
    effective = None if kind in IN_FORCE_ON_SIGNING else issued + timedelta(rng.randint(0, 60))
    expires = None
    if rng.random() < 0.03:
        expires = (effective or issued) + timedelta(days=365 * rng.randint(2, 5))
    numbers[body.pk, year] = number = numbers.get((body.pk, year), 0) + 1
    symbol = SYMBOLS.get(kind, "VB")
    number_symbol = f"{number}/{year}/{symbol}" if symbol else ""
    matter = rng.choice(words.LAW_MATTERS)
    label = DocumentType(kind).label
    title = f"{label} {rng.choice(['về', 'quy định chi tiết Luật', 'hướng dẫn'])} {matter.lower()}"
    page = LegalDocumentPage(
        title=title,
        slug=f"{kind}-{n}",
        number_symbol=number_symbol,
        number_key=number_key(number_symbol),
        document_type=kind,
        is_normative=kind not in IN_FORCE_ON_SIGNING,
        issuing_body=body,
        signer="Nguyễn Văn A",
        signer_title="Bộ trưởng",
        issued_on=issued,
        effective_on=effective,
        expires_on=expires,
        summary=f"{title}, {rng.choice(words.ALL_MATTERS)}.",
    )
    page._draft = draft
    page._published_at = timezone.make_aware(
        datetime.combine(min(issued + timedelta(days=1), today), time(9))
    )
    return page
