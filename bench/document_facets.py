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
without search entries: the index's words filter reads the documents' own columns
(`manage.py seed_legal_archive`, demo/bulk/legal_archive.py). Building takes about a minute on
the shared two-core machine,
after a fresh database's migrations.

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
import statistics
import sys
import time as clock
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

from bench.document_facets_setup import create_database

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
os.environ["PAGE_CACHE_SECONDS"] = "0"  # no page cache, so no fragments kept either
os.environ.setdefault("DEBUG", "false")  # DEBUG keeps every query in memory and adds the toolbar
DATABASE_URL = os.environ.get(
    "FACETS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_facets"
)
os.environ["DATABASE_URL"] = DATABASE_URL

REPEAT = 30


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

    create_database(DATABASE_URL, args.rebuild)

    import django

    django.setup()

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from core import cache_tags
    from policy_pages.models import LegalDocumentIndexPage, LegalDocumentPage, LegalField

    call_command("migrate", verbosity=0)
    call_command("seed_legal_archive")  # nothing when the database holds it already
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
