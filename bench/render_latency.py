"""Render time and SQL queries per page type on a cache miss (issue 8, point 4).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bulk \
        .venv/bin/python -m bench.render_latency

In this process, with Django's test client and the whole-page cache off (PAGE_CACHE_SECONDS=0):
one warm-up request per address, then REPEAT timed ones (p50, p95), then one more with the SQL
captured (the number of queries and the slowest). The addresses are found in the database (the
newest article, a topic, an author, a policy), so any seeded database will do. Options:
`--repeat N`, `--only NAME[,NAME]`, `--json FILE`, `--slowest N` (SQL shown per address).
"""

import argparse
import json
import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
os.environ["PAGE_CACHE_SECONDS"] = "0"
os.environ.setdefault("DEBUG", "false")  # DEBUG keeps every query in memory and adds the toolbar

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from wagtail.models import Site  # noqa: E402

REPEAT = 20


def addresses():
    """{name: path} for every public page type, from what the database holds."""
    from media.models import MultimediaIndexPage
    from newsroom.models import ArticlePage, Author, SectionPage, Topic
    from policy_pages.models import LegalDocumentIndexPage, PolicyIndexPage, PolicyPage

    site = Site.objects.get(is_default_site=True)

    def url(page):
        return page.get_url(current_site=site) if page else None

    section = SectionPage.objects.live().filter(depth=3).order_by("path").first()
    article = ArticlePage.objects.live().exact_type(ArticlePage).order_by("-pk").first()
    policy = PolicyPage.objects.live().order_by("-pk").first()
    documents = url(LegalDocumentIndexPage.objects.live().first())
    found = {
        "home": "/",
        "section": url(section),
        "section ?page=500": f"{url(section)}?page=500" if section else None,
        "article": url(article),
        "topic": f"/chu-de/{t.slug}/" if (t := Topic.objects.first()) else None,
        "author": f"/tac-gia/{a.slug}/" if (a := Author.objects.first()) else None,
        "documents": documents,
        "documents ?loai&nam": f"{documents}?loai=thong-tu&nam=2020" if documents else None,
        "policies": url(PolicyIndexPage.objects.live().first()),
        "policy": url(policy),
        "multimedia": url(MultimediaIndexPage.objects.live().first()),
        "api articles": "/api/v2/pages/?type=newsroom.ArticlePage",
        "api articles fields=*": "/api/v2/pages/?type=newsroom.ArticlePage&fields=*",
    }
    return {name: path for name, path in found.items() if path}, site.hostname


def measure(client, path, repeat):
    response = client.get(path)  # warm-up: per-process caches, connection
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    queries = sorted(captured.captured_queries, key=lambda q: -float(q["time"]))
    times.sort()
    return {
        "status": response.status_code,
        "p50": statistics.median(times),
        "p95": times[min(len(times) - 1, round(0.95 * (len(times) - 1)))],
        "queries": len(captured.captured_queries),
        "slowest": [(float(q["time"]) * 1000, q["sql"]) for q in queries],
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=REPEAT)
    parser.add_argument("--only", default="", help="comma-separated names")
    parser.add_argument("--json", default="", help="write the results to this file")
    parser.add_argument("--slowest", type=int, default=0, help="show the N slowest SQL")
    args = parser.parse_args(argv)

    paths, host = addresses()
    if args.only:
        wanted = {name.strip() for name in args.only.split(",")}
        paths = {name: path for name, path in paths.items() if name in wanted}
    client = Client(HTTP_HOST=host)
    results = {}
    print(f"{'page':24} {'status':>6} {'p50 ms':>8} {'p95 ms':>8} {'queries':>7}  path")
    for name, path in paths.items():
        result = results[name] = {"path": path, **measure(client, path, args.repeat)}
        print(
            f"{name:24} {result['status']:>6} {result['p50']:>8.1f} {result['p95']:>8.1f} "
            f"{result['queries']:>7}  {path}",
            flush=True,
        )
        for ms, sql in result["slowest"][: args.slowest]:
            print(f"    {ms:8.1f} ms  {sql[:400]}")
    if args.json:
        for result in results.values():
            result["slowest"] = result["slowest"][:5]
        with open(args.json, "w") as out:
            json.dump(results, out, indent=1, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
