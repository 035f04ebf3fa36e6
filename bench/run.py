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
import gzip
import os
import platform
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from . import report
from .load import request, run_requests, sequential, wrk

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", ROOT / "var"))
OUT = VAR_DIR / "bench"
RESULTS = ROOT / "bench" / "results.json"
DOCS = ROOT / "docs" / "performance.md"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/5"
SHARED_REDIS_DBS = {"0", "1"}  # others' (CI, development): the bench never uses them by default
APT_PACKAGES = {"wrk": "wrk", "nginx": "nginx-light"}
WORKERS = 3

# Targets of issue 8.
CACHED_RATIO = 0.80  # (3) cached page views, and (5) the feed's 304, against the Django floor
MISS_P50_MS = 40  # (4)
MAX_QUERIES = 12  # (4)
FRESH_FEED_MS = 60  # (5)
SEARCH_P95_MS = 150  # (6)
POST_P99_MS = 200  # (7)
RSS_GROWTH = 0.10  # (8)
ARTICLE_WEIGHT_KB = 60  # (9)
LIGHTHOUSE_MIN = 0.95  # (9)

PAGE_ROWS = {
    "home": "home page",
    "section": "section, first page",
    "section_deep": "section, deep page",
    "article": "article",
    "topic": "topic page",
    "legal_index": "legal documents, filtered",
    "policy": "policy page with comments",
}
OTHER_ROWS = {
    "search_accented": "search “nghị định”",
    "search_folded": "search “nghi dinh”",
    "feed": "latest.rss",
    "api": "API list of articles",
}


STARTED = time.monotonic()


def log(message):
    print(f"[bench {time.monotonic() - STARTED:4.0f} s] {message}", flush=True)


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


# --- the machine and its tools ---------------------------------------------------------------


def machine():
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.MULTILINE)
    meminfo = Path("/proc/meminfo").read_text()
    ram_kb = int(re.search(r"^MemTotal:\s+(\d+)", meminfo, re.MULTILINE).group(1))
    os_name = platform.platform()
    release = Path("/etc/os-release")
    if release.exists():
        pretty = re.search(r'^PRETTY_NAME="?([^"\n]+)', release.read_text(), re.MULTILINE)
        os_name = pretty.group(1) if pretty else os_name
    return {
        "cpu": model.group(1).strip() if model else platform.processor() or "unknown CPU",
        "cores": len(os.sched_getaffinity(0)),
        "ram_gb": round(ram_kb / 1024 / 1024, 1),
        "os": os_name,
        "kernel": platform.release(),
        "python": platform.python_version(),
    }


def find_tool(name):
    found = shutil.which(name)
    if found:
        return found
    for folder in ("/usr/sbin", "/usr/local/sbin", "/sbin"):
        candidate = Path(folder) / name
        if candidate.exists():
            return str(candidate)
    return None


def ensure_tools():
    """wrk and nginx, installed from Debian when missing (as root); varnishd only if present."""
    missing = [name for name in APT_PACKAGES if not find_tool(name)]
    if missing:
        packages = [APT_PACKAGES[name] for name in missing]
        if os.geteuid() != 0 or not shutil.which("apt-get"):
            sys.exit(f"bench: {', '.join(missing)} missing: apt-get install {' '.join(packages)}")
        log(f"installing {' '.join(packages)} with apt-get")
        install = ["apt-get", "install", "-y", "--no-install-recommends", *packages]
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        if subprocess.run(install, env=env, check=False).returncode != 0:  # noqa: S603
            subprocess.run(["apt-get", "update"], env=env, check=True)  # noqa: S607
            subprocess.run(install, env=env, check=True)  # noqa: S603
    return {name: find_tool(name) for name in (*APT_PACKAGES, "varnishd")}


VERSION = re.compile(r"(wrk|nginx|varnish)\D*?(\d+\.\d+(?:\.\d+)?)")


def tool_version(argv):
    """ "wrk 4.1.0", "nginx 1.22.1", "varnish 7.1.1", from what the tool prints."""
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=10, check=False)  # noqa: S603
    except OSError:
        return None
    match = VERSION.search(done.stdout + done.stderr)
    return f"{match.group(1)} {match.group(2)}" if match else None


# --- settings --------------------------------------------------------------------------------


def server_environment(mail_port):
    """The environment of gunicorn (and of this process, bar the log level)."""
    redis_url = os.environ.get("REDIS_URL") or DEFAULT_REDIS_URL
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.bench",
        # A fresh secret each run: production.py's own check (50+ characters) passes as on a
        # server, and no real secret is ever needed.
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "REDIS_URL": redis_url,
        "SECURE_SSL_REDIRECT": "false",  # plain HTTP on 127.0.0.1; the balancer does TLS
        "BENCH_FLOOR_FILE": str(OUT / "home.html"),
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(mail_port),
        "EMAIL_USE_TLS": "false",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    return env


def check_services(env):
    import redis

    try:
        redis.Redis.from_url(env["REDIS_URL"], socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        sys.exit(f"bench: Redis at {env['REDIS_URL']} does not answer ({error})")
    if not env.get("DATABASE_URL") and not (VAR_DIR / "portal.sqlite3").exists():
        sys.exit("bench: no database: run `make setup` (demo on SQLite) or set DATABASE_URL")


def manage(env, *args):
    argv = [str(VENV / "bin" / "python"), "manage.py", *args]
    subprocess.run(argv, cwd=ROOT, env=env, check=True)  # noqa: S603


# --- measuring -------------------------------------------------------------------------------


class Bench:
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

    def add_row(self, name, label, measure, *, target=None, passed=None, ratios=True, note=None):
        data = measure.as_dict()
        row = {"name": name, "label": label, "measure": data, "target": target, "passed": passed}
        if ratios:
            row["ratio_django"] = report.ratio(data["rps"], self.floors.get("django"))
            row["ratio_nginx"] = report.ratio(data["rps"], self.floors.get("nginx"))
        else:
            data["rps"] = None  # sequential: a rate would only restate the latency
        if note:
            row["note"] = note
        self.rows.append(row)
        errors = data["errors"]
        log(
            f"{label}: {fmt_rps(data['rps'])} req/s, p50 {data['p50_ms']} ms, "
            f"p99 {data['p99_ms']} ms" + (f", {errors} errors" if errors else "")
        )
        return row

    def add_target(self, number, what, value, threshold, passed):
        self.targets.append(
            {
                "id": str(number),
                "what": what,
                "value": value,
                "threshold": threshold,
                "passed": passed,
            }
        )

    def wrk(self, port, path, **kwargs):
        url = f"http://127.0.0.1:{port}{path}"
        wrk(url, seconds=1, connections=self.args.connections, wrk_path=self.tools["wrk"], **kwargs)
        return wrk(
            url,
            seconds=self.args.seconds,
            connections=self.args.connections,
            wrk_path=self.tools["wrk"],
            **kwargs,
        )

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
        from django.conf import settings
        from django.db import connection

        from .queries import clear_bench_caches, count
        from .scenarios import choose

        scenario = choose()
        self.scenario = scenario
        self.database = {
            "engine": connection.vendor,
            "name": str(settings.DATABASES["default"]["NAME"]),
            "pages": scenario.pages,
        }
        log(
            f"database {connection.vendor} {self.database['name']}: "
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

    def start_gunicorn(self, env, port):
        from .servers import Gunicorn

        return self.start(
            Gunicorn(
                root=ROOT,
                venv=VENV,
                env=env,
                port=port,
                workers=WORKERS,
                log_path=OUT / "gunicorn.log",
            )
        )

    def measure_all(self, env):
        from django.conf import settings

        from .servers import Nginx, Varnish, free_port

        args, paths = self.args, self.scenario.paths
        self.app_port = free_port()
        log(f"gunicorn: {WORKERS} sync workers on 127.0.0.1:{self.app_port}")
        app = self.start_gunicorn(env, self.app_port)

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
        floor = request(self.app_port, "/__bench/floor")
        if floor.body != home:
            raise RuntimeError("the Django floor does not return the home page's bytes")

        # The floors first: every other rate is read against them.
        log(f"wrk: {args.connections} connections, 2 threads, {args.seconds} s (after 1 s warm)")
        measure = self.wrk(self.app_port, "/__bench/floor")
        self.floors["django"] = measure.rps
        self.add_row("floor_django", "floor: Django view, same bytes", measure)
        measure = self.wrk(nginx.floor_port, "/home.html")
        self.floors["nginx"] = measure.rps
        self.add_row("floor_nginx", "floor: nginx static file", measure)
        for row in self.rows:  # now that both floors are known
            row["ratio_django"] = report.ratio(row["measure"]["rps"], self.floors["django"])
            row["ratio_nginx"] = report.ratio(row["measure"]["rps"], self.floors["nginx"])

        self.measure_varnish(Varnish)
        self.measure_pages()
        # The floor again: on a shared machine the rate drifts; ratios use the mean of both.
        measure = self.wrk(self.app_port, "/__bench/floor")
        self.add_row("floor_django_again", "floor: Django view, again", measure)
        first = self.floors["django"]
        self.floors["django"] = (first + measure.rps) / 2
        self.floors["django_runs"] = [first, measure.rps]
        for row in self.rows:
            row["ratio_django"] = report.ratio(row["measure"]["rps"], self.floors["django"])
            if row["name"] in PAGE_ROWS:
                row["passed"] = row["ratio_django"] >= CACHED_RATIO and not row["measure"]["errors"]
        self.add_page_target()
        self.measure_misses()
        self.measure_feed()
        self.measure_search()
        self.measure_weight()
        self.measure_comments()
        self.extra["memory_after_load"] = app.memory()
        self.measure_lighthouse(nginx)
        self.stop_children()
        self.measure_memory(env)

    def measure_varnish(self, varnish_class):
        binary = self.tools.get("varnishd")
        if self.args.no_varnish or not binary:
            self.notes.append(
                "Varnish: not measured (varnishd " + ("skipped)" if binary else "absent)")
            )
            return
        vcl = ROOT / "deploy" / "varnish" / "portal.vcl"
        try:
            varnish = self.start(
                varnish_class(
                    binary=binary, dir=OUT / "varnish", vcl_source=vcl, app_port=self.app_port
                )
            )
        except RuntimeError as error:
            self.notes.append(f"Varnish: did not start ({str(error).splitlines()[0]})")
            log(f"varnish did not start: {error}")
            return
        home = self.scenario.paths["home"]
        for _ in range(3):
            response = request(varnish.port, home)
        measure = self.wrk(varnish.port, home)
        seen = {k: response.headers[k] for k in ("x-cache", "age") if k in response.headers}
        row = self.add_row("varnish_home", "home page through Varnish", measure, target="(12)")
        self.add_target(
            12,
            "home page through Varnish, against the nginx floor",
            f"{report.fmt(row['ratio_nginx'], 2)}× nginx floor",
            "reported",
            None,
        )
        self.notes.append(
            f"Varnish ({tool_version([binary, '-V'])}): "
            + ("VCL deploy/varnish/portal.vcl" if vcl.exists() else "its built-in VCL")
            + ", backend rewritten to this run's gunicorn; the last warm-up answer had "
            + f"{seen or 'no X-Cache'}."
        )

    def measure_pages(self):
        paths = self.scenario.paths
        for name, label in PAGE_ROWS.items():
            if name not in paths:
                self.notes.append(f"{label}: nothing of that kind in the database, not measured")
                continue
            measure = self.wrk(self.app_port, paths[name])
            ratio = report.ratio(measure.rps, self.floors["django"])
            self.add_row(
                name,
                label,
                measure,
                target=f"≥ {CACHED_RATIO:.2f}× Django floor (3)",
                passed=ratio is not None and ratio >= CACHED_RATIO and measure.errors == 0,
            )
        for name in ("search_accented", "search_folded", "api"):
            self.add_row(name, OTHER_ROWS[name], self.wrk(self.app_port, paths[name]))

    def add_page_target(self):
        pages = [row for row in self.rows if row["name"] in PAGE_ROWS]
        if pages:
            worst = min(pages, key=lambda row: row["ratio_django"] or 0)
            self.add_target(
                3,
                f"anonymous page views against the Django floor (worst: {worst['label']})",
                ", ".join(f"{row['name']} {report.fmt(row['ratio_django'], 2)}" for row in pages),
                f"≥ {CACHED_RATIO:.2f}× each",
                all(row["passed"] for row in pages),
            )

    def measure_misses(self):
        article = self.scenario.paths.get("article")
        if not article:
            return
        misses = [f"{article}?bench-miss={self.run_id}-{i}" for i in range(self.args.misses)]
        measure = sequential(self.app_port, misses)
        self.add_row(
            "article_miss",
            "article, cache miss (1 client)",
            measure,
            target=f"p50 < {MISS_P50_MS} ms (4)",
            passed=measure.p50_ms < MISS_P50_MS and measure.errors == 0,
            ratios=False,
        )
        keys = ("x-page-cache", "cache-control", "age", "x-cache", "vary")
        hit = request(self.app_port, article).headers
        miss = request(self.app_port, f"{article}?bench-miss={self.run_id}-check").headers
        seen = {
            "cached": {k: hit[k] for k in keys if k in hit},
            "miss": {k: miss[k] for k in keys if k in miss},
        }
        self.extra["article_cache_headers"] = seen
        self.notes.append(
            "Cache misses: sequential requests, each with its own `?bench-miss=<run>-<n>` (the "
            "page cache keys on the full address, so each misses; the shared caches stay warm). "
            f"X-Page-Cache of the article: {seen['cached'].get('x-page-cache', 'absent')} when "
            f"cached, {seen['miss'].get('x-page-cache', 'absent')} with the miss parameter."
        )
        self.add_target(
            4,
            "article cache miss p50",
            f"{measure.p50_ms:.1f} ms",
            f"< {MISS_P50_MS} ms",
            measure.p50_ms < MISS_P50_MS,
        )
        # A page-cache miss with the shared caches warm (site, settings, renditions, restricted
        # paths), as in production; the cold counts (every cache cleared) are in the notes. The
        # feed, answered from its own cache here, has its own target (5).
        pages = {name: q for name, q in self.queries.items() if name != "feed"}
        worst_name, worst = max(pages.items(), key=lambda item: item[1]["warm"])
        over = [name for name, q in pages.items() if q["warm"] > MAX_QUERIES]
        self.add_target(
            4,
            "SQL queries per page type on a page-cache miss (cold counts in the notes)",
            f"worst {worst['warm']} ({worst_name}); "
            + (f"over: {', '.join(over)}" if over else "none over"),
            f"≤ {MAX_QUERIES} each",
            not over,
        )

    def measure_feed(self):
        from django.core.cache import cache

        try:
            from core.cache import GENERATION_KEY
        except ImportError:  # before the page cache, feeds had the generation to themselves
            from syndication.cache import GENERATION_KEY

        path = self.scenario.paths["feed"]
        cached = self.wrk(self.app_port, path)
        self.add_row("feed", "latest.rss, cached", cached)
        warm = self.warm_responses["feed"]
        etag, modified = warm.headers.get("etag"), warm.headers.get("last-modified")
        conditional = [f"If-None-Match: {etag}"] if etag else [f"If-Modified-Since: {modified}"]
        check = request(self.app_port, path, headers=dict([conditional[0].split(": ", 1)]))
        measure = self.wrk(self.app_port, path, headers=conditional)
        ratio = report.ratio(measure.rps, self.floors["django"])
        ok = check.status == 304 and measure.errors == 0 and ratio is not None
        self.add_row(
            "feed_304",
            "latest.rss, conditional (304)",
            measure,
            target=f"≥ {CACHED_RATIO:.2f}× Django floor (5)",
            passed=ok and ratio >= CACHED_RATIO,
        )
        self.add_target(
            5,
            f"feed 304 at framework-floor speed (check request: HTTP {check.status})",
            f"{report.fmt(ratio, 2)}× Django floor",
            f"≥ {CACHED_RATIO:.2f}×",
            ok and ratio >= CACHED_RATIO,
        )

        def new_generation(_index):
            cache.set(GENERATION_KEY, uuid.uuid4().hex, None)

        fresh = sequential(
            self.app_port, [path] * max(10, self.args.misses // 2), before_each=new_generation
        )
        items = warm.body.count(b"<item>")
        self.add_row(
            "feed_fresh",
            f"latest.rss, fresh build, {items} items (1 client)",
            fresh,
            target=f"p50 < {FRESH_FEED_MS} ms (5)",
            passed=fresh.p50_ms < FRESH_FEED_MS and fresh.errors == 0,
            ratios=False,
        )
        self.add_target(
            5,
            f"fresh {items}-item feed (p50; p99 {fresh.p99_ms:.1f} ms)",
            f"{fresh.p50_ms:.1f} ms",
            f"< {FRESH_FEED_MS} ms",
            fresh.p50_ms < FRESH_FEED_MS and fresh.errors == 0,
        )
        self.notes.append(
            "Fresh feed: before each request the runner starts a new feed generation in the shared "
            "cache (what a publication does), so every request builds the feed."
        )

    def measure_search(self):
        for name in ("search_accented", "search_folded"):
            path = self.scenario.paths[name]
            misses = [f"{path}&bench-miss={self.run_id}-{i}" for i in range(self.args.misses)]
            measure = sequential(self.app_port, misses)
            passed = measure.p95_ms < SEARCH_P95_MS and measure.errors == 0
            label = OTHER_ROWS[name] + ", uncached (1 client)"
            self.add_row(
                name + "_latency",
                label,
                measure,
                target=f"p95 < {SEARCH_P95_MS} ms (6)",
                passed=passed,
                ratios=False,
            )
            self.add_target(
                6, label + " p95", f"{measure.p95_ms:.1f} ms", f"< {SEARCH_P95_MS} ms", passed
            )

    def measure_weight(self):
        """(9) The article's HTML and the CSS and JS it links, each compressed with gzip -6."""
        article = self.warm_responses.get("article")
        if article is None:
            return
        html = article.body.decode("utf-8", "replace")
        base = self.scenario.paths["article"]
        assets = re.findall(r"<link\b[^>]*rel=[\"']?stylesheet[^>]*>", html)
        hrefs = [re.search(r"href=[\"']([^\"']+)", tag) for tag in assets]
        scripts = re.findall(r"<script\b[^>]*\bsrc=[\"']([^\"']+)", html)
        urls = [m.group(1) for m in hrefs if m] + scripts
        parts = {"html": (len(article.body), len(gzip.compress(article.body, 6)))}
        for url in dict.fromkeys(urls):
            target = urlsplit(urljoin(base, url))
            if target.netloc and target.netloc not in ("127.0.0.1", "localhost"):
                parts[url] = (None, None)  # outside: the portal has none
                continue
            body = request(
                self.app_port, target.path + (f"?{target.query}" if target.query else "")
            ).body
            parts[url] = (len(body), len(gzip.compress(body, 6)))
        total = sum(c for _, c in parts.values() if c)
        self.extra["article_weight"] = {k: {"bytes": b, "gzip": c} for k, (b, c) in parts.items()}
        self.add_target(
            9,
            f"article HTML+CSS+JS gzip ({len(parts) - 1} files besides the HTML)",
            f"{total / 1024:.1f} KB",
            f"< {ARTICLE_WEIGHT_KB} KB",
            total < ARTICLE_WEIGHT_KB * 1024,
        )

    def measure_comments(self):
        from policy_pages.models import Submission
        from policy_pages.submissions import rules

        from .comments import post_comments

        scenario = self.scenario
        if not scenario.paths.get("policy"):
            self.notes.append("Comment POST: no policy page in the database, not measured")
            return
        before = Submission.objects.count()
        messages_before = self.mail.messages
        measure, tokens_measure, details = post_comments(
            self.app_port,
            policy_path=scenario.paths["policy"],
            policy_id=scenario.policy_id,
            count=self.args.posts,
            concurrency=self.args.connections,
            run_id=self.run_id,
            min_seconds=rules()["MIN_SECONDS"],
        )
        mine = Submission.objects.filter(email__startswith=f"bench-{self.run_id}-")
        stored = Submission.objects.count() - before
        acknowledged = details["acknowledged"]
        mails = self.mail.messages - messages_before
        deleted, _ = mine.delete()
        tokens_how = (
            f"from {details['tokens_url']}, fetched beforehand by the same clients"
            if details["tokens_url"]
            else "the page's CSRF pair; time tokens made with the form's `issue_token`"
        )
        passed = (
            measure.p99_ms is not None
            and measure.p99_ms < POST_P99_MS
            and measure.errors == 0
            and stored == acknowledged == self.args.posts
        )
        if tokens_measure:
            self.add_row(
                "form_tokens",
                f"form tokens, JSON ({tokens_measure.concurrency} clients)",
                tokens_measure,
            )
        self.add_row(
            "comment_post",
            f"comment POST ({measure.concurrency} clients)",
            measure,
            target=f"p99 < {POST_P99_MS} ms, none lost (7)",
            passed=passed,
        )
        self.add_target(
            7,
            f"comment POST, {measure.concurrency} clients: p99, errors, stored / 303s / sent",
            f"{report.fmt(measure.p99_ms)} ms, {measure.errors} errors, "
            f"{stored} / {acknowledged} / {self.args.posts}",
            f"< {POST_P99_MS} ms, 0, all equal",
            passed,
        )
        self.extra["comments"] = {
            **details,
            "sent": self.args.posts,
            "stored": stored,
            "receipt_mails": mails,
            "deleted_after": deleted,
        }
        self.notes.append(
            f"Comment POST: {self.args.posts} sends by {measure.concurrency} threads, each with "
            f"its own CSRF pair and time token ({tokens_how}), aged past MIN_SECONDS, its own "
            "email and text; the policy page is read once for the form. Receipts go to a local "
            f"SMTP sink ({mails} mails). The per-address limit is lifted in "
            "portal.settings.bench (every request comes from 127.0.0.1); the other rules are "
            f"production's. Rows counted before and after, then the run's {deleted} rows deleted."
        )

    def measure_lighthouse(self, nginx):
        from . import lighthouse

        why = "skipped (--no-lighthouse)" if self.args.no_lighthouse else lighthouse.unavailable()
        if why:
            self.notes.append(f"Lighthouse: {why}")
            return
        lighthouse.install()
        found = {}
        for name in ("home", "article", "policy"):
            path = self.scenario.paths.get(name)
            if not path:
                continue
            url = f"http://127.0.0.1:{nginx.front_port}{path}"
            log(f"lighthouse {url}")
            try:
                found[name] = lighthouse.scores(url, OUT / f"lighthouse-{name}.json")
            except (subprocess.SubprocessError, OSError, ValueError, KeyError) as error:
                found[name] = {"error": str(error)[:300]}
                log(f"lighthouse failed on {name}: {error}")
        self.extra["lighthouse"] = found
        for name, scores in found.items():
            values = [scores.get(c) for c in lighthouse.CATEGORIES]
            passed = all(v is not None and v >= LIGHTHOUSE_MIN for v in values)
            self.add_target(
                9,
                f"Lighthouse {name}: performance, accessibility",
                ", ".join(report.fmt(None if v is None else float(v), 2) for v in values),
                f"≥ {LIGHTHOUSE_MIN} each",
                passed,
            )
        self.notes.append(
            "Lighthouse 12 (bench/package.json), mobile defaults, Debian chromium headless, "
            "through an nginx front that serves uploads and gzips like a production proxy."
        )

    def measure_memory(self, env):
        """(8) Fresh workers; RSS after the first 1,000 mixed requests, then after all of them."""
        total = self.args.mixed
        first = min(1000, total // 10)
        addresses = len(self.scenario.mixed)
        log(f"memory: fresh gunicorn, {total:,} mixed requests over {addresses} addresses")
        app = self.start_gunicorn(env, self.app_port)
        mixed = self.scenario.mixed
        jobs = [{"path": mixed[i % len(mixed)]} for i in range(total)]
        measure_a, _ = run_requests(self.app_port, jobs[:first], concurrency=4)
        after_first = app.memory()
        measure_b, _ = run_requests(self.app_port, jobs[first:], concurrency=4)
        after_all = app.memory()
        app_errors = measure_a.errors + measure_b.errors
        growth = {
            pid: (after_all[pid]["VmRSS"] - after_first[pid]["VmRSS"]) / after_first[pid]["VmRSS"]
            for pid in after_first
            if pid in after_all
        }
        worst = max(growth.values()) if growth else None
        peak = max(
            [m["VmHWM"] for m in after_all.values()]
            + [m["VmHWM"] for m in self.extra.get("memory_after_load", {}).values()]
        )
        self.extra["memory"] = {
            "after_first": after_first,
            "after_all": after_all,
            "requests": total,
            "first": first,
            "errors": app_errors,
            "statuses": {**measure_a.statuses, **measure_b.statuses},
            "peak_worker_hwm_kb": peak,
        }
        percent = worst * 100 if worst is not None else None
        rss_first = ", ".join(f"{m['VmRSS'] / 1024:.0f}" for m in after_first.values())
        rss_all = ", ".join(f"{m['VmRSS'] / 1024:.0f}" for m in after_all.values())
        self.add_target(
            8,
            f"worker RSS MB after {first:,} → {total:,} mixed requests ({app_errors} errors)",
            f"{rss_first} → {rss_all} (worst {report.fmt(percent)}%)",
            f"≤ +{RSS_GROWTH:.0%}",
            worst is not None and worst <= RSS_GROWTH,
        )
        self.add_target(
            8, "peak memory of a worker (VmHWM, whole run)", f"{peak / 1024:.0f} MB", "–", None
        )
        self.extra["memory"]["rps"] = round(total / (measure_a.seconds + measure_b.seconds), 1)
        self.stop_children()

    # the results

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
            "same middleware and gunicorn; the nginx floor serves the same bytes as a static file.",
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
            "settings": "portal.settings.bench (production + floor URL)",
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


def fmt_rps(value):
    return "–" if value is None else f"{value:,.0f}"


def main(argv=None):
    args = parse_args(argv)
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    # A `kill <pid>` of the runner still stops what it started.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
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
