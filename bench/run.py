"""`make bench`: the portal under gunicorn with production settings, measured against two floors.

Runs from the project root as `.venv/bin/python -m bench.run`. On PostgreSQL and Redis when
DATABASE_URL / REDIS_URL are set (the database is used as it is), else on the SQLite demo database
of `make setup` and Redis database 5. Everything it starts (gunicorn, nginx, varnishd, a mail sink)
listens on 127.0.0.1 and is stopped by its PID; logs and scratch files go to var/bench/.
Prints one table and the targets of issue 8, writes bench/results.json and the table in
docs/performance.md.
"""

import argparse
import datetime
import os
import re
import time
import uuid

from . import report
from .environment import (
    OUT,
    ROOT,
    VENV,
    check_services,
    database,
    ensure_tools,
    enter_root,
    log,
    machine,
    manage,
    server_environment,
    tool_version,
)
from .footprint import FootprintSteps
from .load import request
from .outlets import OutletSteps
from .reads import ReadSteps
from .targets import CACHED_RATIO, PAGE_ROWS, Table
from .writes import WriteSteps

RESULTS = ROOT / "bench" / "results.json"
DOCS = ROOT / "docs" / "performance.md"
WORKERS = 3
FLOOR = "/__bench/floor"  # skipped by the page cache (portal.settings.bench)
CACHED_FLOOR = "/__bench/cached-floor"  # the same view, answered by the page cache


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="make bench", description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=5, help="each wrk run (default 5)")
    parser.add_argument("--connections", type=int, default=20, help="wrk connections (20)")
    parser.add_argument("--misses", type=int, default=40, help="sequential cache-miss requests")
    parser.add_argument("--posts", type=int, default=1000, help="comment POSTs (1000)")
    parser.add_argument("--mixed", type=int, default=10_000, help="requests of the memory run")
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--no-varnish", action="store_true")
    parser.add_argument(
        "--quick", action="store_true", help="a short run to try the bench: 2 s, fewer requests"
    )
    parser.add_argument(
        "--seed-bulk",
        type=int,
        metavar="PAGES",
        help="run `manage.py seed_bulk --pages PAGES` first (never done without this flag)",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.seconds, args.misses, args.posts, args.mixed = 2, 15, 200, 2000
    return args


# --- the run ---------------------------------------------------------------------------------


class Bench(Table, ReadSteps, WriteSteps, FootprintSteps, OutletSteps):
    """One run: what it starts, in order; the steps are in bench/reads.py, writes.py,
    footprint.py and outlets.py, the rows and targets in bench/targets.py."""

    def __init__(self, args):
        self.args = args
        self.run_id = uuid.uuid4().hex[:8]
        self.rows = []
        self.targets = []
        self.notes = []
        self.extra = {}
        self.children = []
        self.floors = {}

    # rows and targets

    # the run

    def run(self):
        args = self.args
        self.started = time.monotonic()
        self.load_before = os.getloadavg()
        OUT.mkdir(parents=True, exist_ok=True)
        self.tools = ensure_tools()

        from .servers import MailSink

        self.mail = MailSink().start()
        env = server_environment(self.mail.port)
        check_services(env)
        self.env = env
        os.environ.update({**env, "LOG_LEVEL": "WARNING"})

        if args.seed_bulk:
            log(f"seeding {args.seed_bulk:,} pages (seed_bulk)")
            manage(env, "seed_bulk", "--pages", str(args.seed_bulk))
        log("collectstatic into var/bench/static")
        manage(env, "collectstatic", "--noinput", "-v0")

        import django

        django.setup()
        from .queries import clear_bench_caches, count
        from .scenarios import choose

        scenario = choose()
        self.scenario = scenario
        self.database = database(scenario.pages)
        log(
            f"database {self.database['engine']} {self.database['name']}: "
            f"{scenario.pages['total']:,} pages, {scenario.pages['live']:,} live, "
            f"{scenario.pages['articles']:,} articles"
        )
        for name, path in scenario.paths.items():
            log(
                f"  {name}: {path}"
                + (f"  ({scenario.notes[name]})" if name in scenario.notes else "")
            )

        log("SQL queries per page type (in-process test client)")
        self.queries = count(scenario.paths)
        for name, found in self.queries.items():
            log(f"  {name}: {found['cold']} cold, {found['warm']} warm (HTTP {found['status']})")

        clear_bench_caches()
        try:
            self.measure_all(env)
        finally:
            self.stop_children()
            self.mail.stop()
        return self.results()

    def start(self, child):
        self.children.append(child)
        return child.start()

    def stop_children(self):
        while self.children:
            child = self.children.pop()
            child.stop()

    def start_gunicorn(self, env, port, workers=WORKERS):
        from .servers import Gunicorn

        return self.start(
            Gunicorn(
                root=ROOT,
                venv=VENV,
                env=env,
                port=port,
                workers=workers,
                log_path=OUT / "gunicorn.log",
            )
        )

    def measure_all(self, env):
        from django.conf import settings

        from .servers import Nginx, Varnish, free_port

        args, paths = self.args, self.scenario.paths
        self.app_port = free_port()
        log(f"gunicorn: {WORKERS} sync workers on 127.0.0.1:{self.app_port}")
        app = self.app = self.start_gunicorn(env, self.app_port)

        log("warming every address")
        self.warm_responses = {}
        for name, path in paths.items():
            for _ in range(2 * WORKERS):
                response = request(self.app_port, path)
            if response.status != 200:
                raise RuntimeError(f"{name} {path}: HTTP {response.status}")
            self.warm_responses[name] = response
        home = self.warm_responses["home"].body
        (OUT / "home.html").write_bytes(home)
        self.extra["home_bytes"] = len(home)

        nginx = self.start(
            Nginx(
                binary=self.tools["nginx"],
                dir=OUT / "nginx",
                floor_html=home,
                app_port=self.app_port,
                media_root=settings.MEDIA_ROOT,
                media_url=settings.MEDIA_URL,
            )
        )
        for path in (FLOOR, CACHED_FLOOR, CACHED_FLOOR):
            floor = request(self.app_port, path)
            if floor.body != home:
                raise RuntimeError(f"the Django floor {path} does not return the home page's bytes")
        if (
            floor.headers.get("x-page-cache") != "hit"
            or "x-page-cache" in request(self.app_port, FLOOR).headers
        ):
            raise RuntimeError(f"{CACHED_FLOOR} must be a page-cache hit, {FLOOR} never cached")

        # The floors first: every other rate is read against them.
        log(f"wrk: {args.connections} connections, 2 threads, {args.seconds} s (after 1 s warm)")
        measure = self.wrk(self.app_port, FLOOR)
        self.floors["django"] = measure.rps
        self.add_row("floor_django", "floor: Django view, no page cache", measure)
        measure = self.wrk(self.app_port, CACHED_FLOOR)
        self.floors["django_cached"] = measure.rps
        self.add_row("floor_django_cached", "floor: Django view through the page cache", measure)
        measure = self.wrk(nginx.floor_port, "/home.html")
        self.floors["nginx"] = measure.rps
        self.add_row("floor_nginx", "floor: nginx static file", measure)
        for row in self.rows:  # now that both floors are known
            row["ratio_django"] = report.ratio(row["measure"]["rps"], self.floors["django"])
            row["ratio_nginx"] = report.ratio(row["measure"]["rps"], self.floors["nginx"])

        self.measure_varnish(Varnish)
        self.measure_pages()
        # The floor again: on a shared machine the rate drifts; ratios use the mean of both.
        measure = self.wrk(self.app_port, FLOOR)
        self.add_row("floor_django_again", "floor: Django view, no page cache, again", measure)
        first = self.floors["django"]
        self.floors["django"] = (first + measure.rps) / 2
        self.floors["django_runs"] = [first, measure.rps]
        for row in self.rows:
            row["ratio_django"] = report.ratio(row["measure"]["rps"], self.floors["django"])
            if row["name"] in PAGE_ROWS:
                row["passed"] = row["ratio_django"] >= CACHED_RATIO and not row["measure"]["errors"]
        self.add_page_target()
        self.measure_misses()
        self.measure_miss_rates(env)
        self.measure_feed()
        self.measure_outlet_polls()
        self.measure_search()
        self.measure_weight()
        self.measure_comments()
        self.extra["memory_after_load"] = app.memory()
        self.measure_lighthouse(nginx)
        self.stop_children()
        self.measure_memory(env)

    def results(self):
        from django.conf import settings

        varnish = self.tools.get("varnishd")
        tools = [
            tool_version([self.tools["wrk"], "-v"]),
            tool_version([self.tools["nginx"], "-v"]),
        ]
        if varnish:
            tools.append(tool_version([varnish, "-V"]))
        redis_url = self.env["REDIS_URL"]
        self.notes[:0] = [
            f"wrk rows: {self.args.connections} connections, 2 threads, {self.args.seconds} s "
            "after a 1 s warm-up, plain HTTP on 127.0.0.1, no compression; gunicorn "
            f"{WORKERS} sync workers (production's `gunicorn portal.wsgi`, as docs/deploy.md runs "
            "it), production settings plus portal.settings.bench (the floor's address, bench-only "
            "cache key prefix).",
            "Floors: the Django floor is a view returning the saved home page bytes through the "
            f"same middleware and gunicorn, with the page cache skipping its address ({FLOOR}): "
            "every ratio and target is read against it (the mean of its two runs). The same view "
            f"through the page cache ({CACHED_FLOOR}, a hit after the first request) is shown "
            "beside it: what a cached page can reach at best. The nginx floor serves the same "
            "bytes as a static file.",
            "SQL queries: Django's test client in the runner, after clearing the bench's cache "
            "(cold), and again with another query string (warm): "
            + ", ".join(f"{n} {q['cold']}/{q['warm']}" for n, q in self.queries.items())
            + ". The feed keeps its own cache entry whatever the query string, so its warm figure "
            "is a hit.",
        ]
        if "section_deep" in self.scenario.notes:
            self.notes.append(
                f"Chosen: section {self.scenario.notes.get('section')}, deep page: "
                f"{self.scenario.notes['section_deep']}; topic {self.scenario.notes.get('topic')}; "
                f"policy with {self.scenario.notes.get('policy')}."
            )
        return {
            "date": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
            "run_id": self.run_id,
            "duration_s": round(time.monotonic() - self.started),
            "machine": machine(),
            "load_average": {
                "before": " ".join(f"{v:.2f}" for v in self.load_before),
                "after": " ".join(f"{v:.2f}" for v in os.getloadavg()),
            },
            "database": self.database,
            "redis": re.sub(r"//[^@/]*@", "//", redis_url),
            "server": {"gunicorn_workers": WORKERS, "workers": WORKERS, "worker_class": "sync"},
            "tools": "; ".join(t for t in tools if t),
            "settings": "portal.settings.bench (production + floor URLs)",
            "floors": self.floors,
            "paths": self.scenario.paths,
            "choices": self.scenario.notes,
            "queries": self.queries,
            "rows": self.rows,
            "targets": self.targets,
            "notes": self.notes,
            "extra": self.extra,
            "static_root": str(settings.STATIC_ROOT),
        }


def main(argv=None):
    args = parse_args(argv)
    enter_root()
    bench = Bench(args)
    try:
        results = bench.run()
    finally:
        bench.stop_children()
    print()
    print(report.render_text(results))
    report.write(results, RESULTS, DOCS)
    written = f"{RESULTS.relative_to(ROOT)}, {DOCS.relative_to(ROOT)}"
    print(f"\nwritten: {written} ({results['duration_s']} s)")
    failed = [t for t in results["targets"] if t["passed"] is False]
    print(
        f"{len(failed)} of {len(results['targets'])} targets failed"
        if failed
        else "all targets met"
    )


if __name__ == "__main__":
    main()
