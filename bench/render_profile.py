"""CPU per render on a page-cache miss, queries cold and warm, and where the time goes (issue 20).

    REDIS_URL=redis://127.0.0.1:6379/9 .venv/bin/python -m bench.render_profile [--repeat 30]
        [--only home,article] [--profile home] [--top 25]

In this process, with Django's test client under the bench's production settings
(portal.settings.bench: Redis as the cache, every key prefixed "bench-") and the page cache on,
as production runs it, each request under an address of its own (`?bench-miss=<n>`), so every
request misses the page cache and renders, as `make bench`'s miss rows do. For each page type:
the SQL queries of a cold render (the bench's shared caches and this process's picture memo
emptied, as after a restart) and of a warm one, then the server CPU per render
(time.process_time over --repeat renders, after one warm-up), beside a trivial view through the
same middleware (the "floor"). With --profile NAME, cProfile's top costs (cumulative) of
--repeat renders of that page.

Not a load test: `make bench` runs the real one under gunicorn. This is the quick loop for the
render cost itself, on any seeded database (the SQLite demo of `make setup` by default).
"""

import argparse
import cProfile
import os
import pstats
import secrets
import sys
import tempfile
import time

os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.bench"
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(64))
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/9")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ["PAGE_CACHE_SECONDS"] = "600"
_floor = tempfile.NamedTemporaryFile(prefix="render-profile-floor-", suffix=".html", delete=False)  # noqa: SIM115
os.environ["BENCH_FLOOR_FILE"] = _floor.name

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.queries import HOST, clear_bench_caches, miss_path  # noqa: E402
from bench.render_latency import addresses  # noqa: E402

REPEAT = 30
PAGES = ("home", "section", "article", "policy", "documents", "feed")


def paths():
    found, _ = addresses()
    found["feed"] = "/feeds/latest.rss"
    return {"floor": "/__bench/floor", **{name: found[name] for name in PAGES if name in found}}


def clear_everything():
    clear_bench_caches()
    from core import pictures

    pictures.clear_process_memo()


_misses = iter(range(10**9))


def missed(path):
    return miss_path(path, next(_misses))


def queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(missed(path))
    if response.status_code != 200:
        raise SystemExit(f"render_profile: {path} answered {response.status_code}")
    return len(captured.captured_queries)


def cpu_ms(client, path, repeat):
    client.get(missed(path))
    start = time.process_time()
    for _ in range(repeat):
        client.get(missed(path))
    return (time.process_time() - start) * 1000 / repeat


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=REPEAT)
    parser.add_argument("--only", default="", help="comma-separated page names")
    parser.add_argument("--profile", default="", help="a page name to profile")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args(argv)

    client = Client(HTTP_HOST=HOST)
    found = paths()
    with open(_floor.name, "wb") as floor:
        floor.write(client.get("/").content)
    if args.only:
        wanted = {"floor", *args.only.split(",")}
        found = {name: path for name, path in found.items() if name in wanted}

    print(f"{'page':10} {'cold q':>6} {'warm q':>6} {'CPU ms':>7} {'× floor':>8}  path")
    floor_ms = None
    for name, path in found.items():
        clear_everything()
        cold = queries(client, path)
        warm = queries(client, path)
        ms = cpu_ms(client, path, args.repeat)
        floor_ms = floor_ms or ms
        print(f"{name:10} {cold:>6} {warm:>6} {ms:>7.1f} {floor_ms / ms:>8.3f}  {path}", flush=True)

    if args.profile:
        path = found[args.profile]
        client.get(missed(path))
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.repeat):
            client.get(missed(path))
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.top)
    os.unlink(_floor.name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
