"""/van-ban/ with the count beside each filter value, on 54,000 documents (issue 22, point 6:
p95 well under 300 ms on PostgreSQL, the facets in at most two queries).

    .venv/bin/python -m bench.document_facets             # builds portal_facets once, measures
    .venv/bin/python -m bench.document_facets --rebuild   # drops it and builds it again

The scratch database is `portal_facets` on the PostgreSQL server of FACETS_DATABASE_URL
(default postgres://postgres@127.0.0.1:5432/portal_facets), created by the script and reused
while it holds the documents it would build. It holds a home page, the document index and
18 years × 3,000 published documents (plus 300 drafts and one document behind a login, which
must not be counted): 13 types issued by the bodies that issue them (the Government's Nghị định,
a ministry's Thông tư and Quyết định, the Prime Minister's Quyết định, Chỉ thị and Công điện…),
40 issuing bodies, 25 fields with 1–3 each (some much commoner), effective dates up to 60 days
after issue, a few with a term, and 4,000 relations (amends, replaces, repeals, guides…) so that
every status occurs. Pages are written in bulk as seed_bulk writes them (demo/bulk/tree.py),
without search entries: the index's words filter reads the documents' own columns. Building
takes about four minutes on the shared two-core machine (a fresh database's migrations, two).

Then, in this process, with Django's test client and the page cache and its fragments off
(PAGE_CACHE_SECONDS=0), each address twice: "warm", with the groups of the facets' first query
kept (policy_pages/facets.py: a reader choosing another type, issuer, year or status after a
first page), and "cold", with them renewed before each request (as after a publication), so
that both facet queries run. Each time: one warm-up request, REPEAT timed ones (p50, p95 ms),
one with the SQL captured (queries, SQL ms, of which the facet queries), and REPEAT more for the
CPU ms a request costs, this process's and its PostgreSQL backend's (from /proc; parallel
workers off for those, so the backend does all the work). On a busy machine the wall times
include waiting for a core; the CPU columns do not. Options: `--repeat N`, `--only NAME[,NAME]`,
`--slowest N` (SQL shown per address), `--explain` (EXPLAIN ANALYZE of the cold facet queries),
`--rebuild`.
"""

import argparse
import os
import random
import statistics
import sys
import time as clock
from datetime import date, datetime, time, timedelta
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
os.environ["PAGE_CACHE_SECONDS"] = "0"  # no page cache, so no fragments kept either
os.environ.setdefault("DEBUG", "false")  # DEBUG keeps every query in memory and adds the toolbar
DATABASE_URL = os.environ.get(
    "FACETS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_facets"
)
os.environ["DATABASE_URL"] = DATABASE_URL

YEARS, PER_YEAR = 18, 3000
DRAFTS, RELATIONS = 300, 4000
BATCH = 3000
REPEAT = 30
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


def addresses(index_url, fields):
    """{name: path}: the index as readers ask for it."""
    commonest = fields[0].slug
    this_year = date.today().year
    asked = {
        "no filter": {},
        "type": {"loai": "thong-tu"},
        "year+status": {"nam": str(this_year - 6), "hieu-luc": "con-hieu-luc"},
        "field": {"linh-vuc": commonest},
        "q": {"q": "thuế"},
        "all five": {
            "loai": "thong-tu",
            "co-quan": "bo-tai-chinh",
            "linh-vuc": commonest,
            "nam": str(this_year - 6),
            "hieu-luc": "het-hieu-luc-mot-phan",
        },
        "no filter ?page=500": {"page": "500"},
    }
    return {
        name: f"{index_url}?{urlencode(params)}" if params else index_url
        for name, params in asked.items()
    }


# --- the scratch database ----------------------------------------------------------------------


def create_database(rebuild):
    import psycopg
    from psycopg import sql

    parts = urlsplit(DATABASE_URL)
    name = parts.path.lstrip("/")
    server = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True, connect_timeout=5) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if exists and rebuild:
            connection.execute(
                sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name))
            )
        if not exists or rebuild:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


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


# --- the measure -------------------------------------------------------------------------------


def explain(sql):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


def measure(client, path, repeat, before):
    """One warm-up request, `repeat` timed ones (p50, p95 ms), one with its SQL captured; and
    each request's CPU ms, this process's and its database backend's (below). `before()` runs
    before each request, untimed."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    before()
    client.get(path)  # per-process caches, the connection
    times = []
    for _ in range(repeat):
        before()
        start = clock.perf_counter()
        response = client.get(path)
        times.append((clock.perf_counter() - start) * 1000)
    before()
    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    times.sort()
    sql = [(float(q["time"]) * 1000, q["sql"]) for q in captured.captured_queries]
    app, database = cpu_ms(client, path, repeat, before)
    return {
        "status": response.status_code,
        "p50": statistics.median(times),
        "p95": times[min(len(times) - 1, round(0.95 * (len(times) - 1)))],
        "queries": len(sql),
        "sql_ms": sum(ms for ms, _ in sql),
        "facets_ms": sum(ms for ms, text in sql if is_facet_query(text)),
        "sql": sorted(sql, reverse=True),
        "cpu_app": app,
        "cpu_db": database,
    }


def cpu_ms(client, path, repeat, before):
    """(this process's, the database backend's) CPU ms per request, the backend's read from
    /proc (the server runs on this machine) with parallel workers off, so that it does all the
    work: on a busy machine a request's wall time includes its waits for a core; this is what the
    request itself costs. (None, None) when the backend is not local or changed meanwhile."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SET max_parallel_workers_per_gather = 0")
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    stat = Path(f"/proc/{pid}/stat")
    if not stat.exists():
        return None, None

    def backend_seconds():
        # utime and stime, the 14th and 15th fields, counted after the ")" closing the name.
        fields = stat.read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    app = database = 0.0
    for _ in range(repeat):
        before()
        app_before, database_before = clock.process_time(), backend_seconds()
        client.get(path)
        app += clock.process_time() - app_before
        database += backend_seconds() - database_before
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        same = cursor.fetchone()[0] == pid
        cursor.execute("RESET max_parallel_workers_per_gather")
    if not same:
        return None, None
    return app * 1000 / repeat, database * 1000 / repeat


def is_facet_query(sql):
    return "GROUP BY" in sql and "policy_pages_legaldocumentpage" in sql


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="drop and build the database")
    parser.add_argument("--repeat", type=int, default=REPEAT)
    parser.add_argument("--only", default="", help="comma-separated names")
    parser.add_argument("--slowest", type=int, default=0, help="show the N slowest SQL")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE the facet SQL")
    args = parser.parse_args(argv)

    from bench.environment import logger

    log = logger("facets")
    create_database(args.rebuild)

    import django

    django.setup()

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from core import cache_tags
    from policy_pages.models import LegalDocumentIndexPage, LegalDocumentPage, LegalField

    call_command("migrate", verbosity=0)
    if not built():
        build(log)
    index = LegalDocumentIndexPage.objects.get()
    fields = sorted(
        LegalField.objects.all(),
        key=lambda f: -LegalDocumentPage.objects.filter(fields=f).count(),
    )
    paths = addresses(index.url, fields)
    if args.only:
        wanted = {name.strip() for name in args.only.split(",")}
        paths = {name: path for name, path in paths.items() if name in wanted}
    client = Client(HTTP_HOST="localhost")
    documents = LegalDocumentPage.objects.live().count()
    load = " ".join(f"{n:.2f}" for n in os.getloadavg())
    print(
        f"{connection.vendor}, {connection.settings_dict['NAME']}, {documents:,} live documents, "
        f"{args.repeat} requests each; load average {load}"
    )
    print(
        f"{'address':20} {'':5} {'status':>6} {'p50 ms':>8} {'p95 ms':>8} {'queries':>7} "
        f"{'SQL ms':>7} {'facets ms':>9} {'CPU app':>7} {'CPU db':>7}"
    )
    kinds = {
        # The groups of query 1 kept (a reader choosing another type, year… after a first page).
        "warm": lambda: None,
        # Renewed before each request, as after a publication: query 1 runs every time.
        "cold": lambda: cache_tags.invalidate(cache_tags.under_tag(index.pk)),
    }
    for name, path in paths.items():
        for kind, before in kinds.items():
            result = measure(client, path, args.repeat, before)
            cpu = (
                f"{result['cpu_app']:>7.1f} {result['cpu_db']:>7.1f}"
                if result["cpu_app"] is not None
                else f"{'-':>7} {'-':>7}"
            )
            print(
                f"{name:20} {kind:5} {result['status']:>6} {result['p50']:>8.1f} "
                f"{result['p95']:>8.1f} {result['queries']:>7} {result['sql_ms']:>7.1f} "
                f"{result['facets_ms']:>9.1f} {cpu}",
                flush=True,
            )
            for ms, sql in result["sql"][: args.slowest]:
                print(f"    {ms:8.1f} ms  {sql[:600]}")
            if args.explain and kind == "cold":
                for _ms, sql in result["sql"]:
                    if is_facet_query(sql):
                        print(explain(sql))
    return 0


if __name__ == "__main__":
    sys.exit(main())
