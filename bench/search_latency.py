"""Site search latency on a large database (issue 8, point 6, and issue 22, point 4, for the
forms of a citation: p95 under 150 ms at 250,000 pages).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bulk \
        .venv/bin/python -m bench.search_latency

In this process, with Django's test client and the whole-page cache off (PAGE_CACHE_SECONDS=0):
for each query, one warm-up request, then REPEAT timed ones (p50, p95), then one more with the
SQL captured (number of queries, total SQL time, the slowest). The document-number query uses
the newest legal document's number in the database. Options: `--repeat N`, `--only NAME[,NAME]`,
`--slowest N` (SQL shown per query), `--explain` (EXPLAIN ANALYZE of the slowest SQL).
"""

import argparse
import os
import sys
from urllib.parse import urlencode

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
os.environ["PAGE_CACHE_SECONDS"] = "0"
os.environ.setdefault("DEBUG", "false")  # DEBUG keeps every query in memory and adds the toolbar

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from wagtail.models import Site  # noqa: E402

from bench import render_latency  # noqa: E402  (its setup is the same as ours)

REPEAT = 20
RARE_WORD = "miền"  # in about 900 of the 250,000 pages


def queries():
    """{name: query string}: the two-word query with and without diacritics, a three-word one, a
    rare one, a document number (a real one), and page 2 and a filter for the common case."""
    from policy_pages.models import LegalDocumentPage

    document = LegalDocumentPage.objects.live().exclude(number_symbol="").order_by("-pk").first()
    found = {
        "nghị định": {"q": "nghị định"},
        "nghi dinh": {"q": "nghi dinh"},
        "ngân sách": {"q": "ngân sách"},
        "ngan sach": {"q": "ngan sach"},
        "chuyển đổi số": {"q": "chuyển đổi số"},
        "rare word": {"q": RARE_WORD},
        "no match": {"q": "xyzzyq"},
        "number": {"q": document.number_symbol} if document else None,
        "nghi dinh ?page=3": {"q": "nghi dinh", "page": "3"},
        "nghi dinh ?kind": {"q": "nghi dinh", "kind": "van-ban"},
    }
    found.update(citation_queries())
    return {name: "/search/?" + urlencode(params) for name, params in found.items() if params}


def citation_queries():
    """The forms readers type for a decree (issue 22, point 4), for the newest decree numbered
    with a year in the database: "nd 15 2020", "NĐ15/2020", "15/2020", "nghi dinh 15 2020",
    "15/2020/ND-CP"."""
    from policy_pages.models import LegalDocumentPage

    decree = (
        LegalDocumentPage.objects.live()
        .filter(document_type="nghi-dinh", number_key__regex=r"^[0-9]+/[0-9]{4}/")
        .order_by("-issued_on", "-pk")
        .first()
    )
    if decree is None:
        return {}
    number, year, _symbol = decree.number_key.split("/", 2)
    return {
        f"cite nd {number} {year}": {"q": f"nd {number} {year}"},
        f"cite NĐ{number}/{year}": {"q": f"NĐ{number}/{year}"},
        f"cite {number}/{year}": {"q": f"{number}/{year}"},
        f"cite nghi dinh {number} {year}": {"q": f"nghi dinh {number} {year}"},
        f"cite {decree.number_key}": {"q": decree.number_key},
    }


def first_number(client, path):
    """The number of the first result, where it is a document ("" when not)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(client.get(path).content, "html.parser")
    first = soup.select_one(".search-results li")
    number = first.select_one(".search-results__number") if first else None
    return number.get_text(" ", strip=True) if number else ""


def measure(client, path, repeat):
    result = render_latency.measure(client, path, repeat)
    result["sql_ms"] = sum(ms for ms, _sql in result["slowest"])
    return result


def explain(sql):
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=REPEAT)
    parser.add_argument("--only", default="", help="comma-separated names")
    parser.add_argument("--slowest", type=int, default=0, help="show the N slowest SQL")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE the slowest SQL")
    args = parser.parse_args(argv)

    paths = queries()
    if args.only:
        wanted = {name.strip() for name in args.only.split(",")}
        paths = {name: path for name, path in paths.items() if name in wanted}
    host = Site.objects.get(is_default_site=True).hostname
    client = Client(HTTP_HOST=host if host != "*" else "localhost")
    print(f"{connection.vendor}, {connection.settings_dict['NAME']}, {args.repeat} requests each")
    print(f"{'query':28} {'status':>6} {'p50 ms':>8} {'p95 ms':>8} {'queries':>7} {'SQL ms':>7}")
    for name, path in paths.items():
        result = measure(client, path, args.repeat)
        print(
            f"{name:28} {result['status']:>6} {result['p50']:>8.1f} {result['p95']:>8.1f} "
            f"{result['queries']:>7} {result['sql_ms']:>7.1f}",
            flush=True,
        )
        if name.startswith("cite "):
            print(f"    first result: {first_number(client, path)}")
        for ms, sql in result["slowest"][: args.slowest]:
            print(f"    {ms:8.1f} ms  {sql[:600]}")
        if args.explain and result["slowest"] and connection.vendor == "postgresql":
            print(explain(result["slowest"][0][1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
