"""The reads a Bench (bench/run.py) measures: cached pages and Varnish against the floors (3, 12),
cache misses and their SQL queries (4), the feed (5) and search (6)."""

import os

from . import report
from .environment import OUT, ROOT, log, tool_version
from .load import WRK_MISS_SCRIPT, request, sequential, wrk
from .targets import (
    CACHED_RATIO,
    FRESH_FEED_MS,
    MAX_QUERIES,
    MISS_P50_MS,
    MISS_RATIO,
    MISS_RATIO_HOME,
    MISS_ROWS,
    OTHER_ROWS,
    PAGE_ROWS,
    SEARCH_P95_MS,
)

# The rows where every request misses run at least this long: a home page miss takes a good
# part of a second on a busy machine, and a 2 s run would count a handful.
MISS_SECONDS = 5


class ReadSteps:
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
        self.app.wait_idle()  # no request wrk left queued ahead of these
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

    def measure_miss_rates(self, env):
        """Issue 20 (2): every request a page-cache miss, from wrk at full concurrency on a
        gunicorn of one sync worker per core, against the uncached floor on that same gunicorn;
        with the workers' CPU time per request."""
        from .servers import free_port

        paths = self.scenario.paths
        workers = len(os.sched_getaffinity(0))
        port = free_port()
        log(f"cache misses under load: gunicorn {workers} sync workers on 127.0.0.1:{port}")
        app = self.start_gunicorn(env, port, workers=workers)
        try:
            floor, floor_cpu = self.wrk_cpu(app, "/__bench/floor")
            self.floors["django_miss_workers"] = floor.rps
            self.add_row(
                "floor_django_miss_workers",
                f"floor: Django view, no page cache, {workers} workers",
                floor,
                cpu_ms=floor_cpu,
            )
            for name, label in MISS_ROWS.items():
                if name not in paths:
                    continue
                measure, cpu = self.wrk_cpu(
                    app, paths[name], script=WRK_MISS_SCRIPT, args=[f"{self.run_id}-{name}"]
                )
                ratio = report.ratio(measure.rps, floor.rps)
                least = MISS_RATIO_HOME if name == "home" else MISS_RATIO
                passed = ratio is not None and ratio >= least and measure.errors == 0
                row = self.add_row(
                    name + "_misses",
                    f"{label}, every request a miss ({workers} workers)",
                    measure,
                    target=f"≥ {least:.2f}× Django floor (20.2)",
                    passed=passed,
                    cpu_ms=cpu,
                )
                row["ratio_django"] = ratio
                queries = self.queries.get(name, {})
                self.add_target(
                    "20.2",
                    f"{label}, every request a miss: req/s against the floor "
                    f"(CPU {report.fmt(cpu)} ms a request; SQL {queries.get('cold', '?')} cold, "
                    f"{queries.get('warm', '?')} warm)",
                    f"{report.fmt(ratio, 3)}× Django floor",
                    f"≥ {least:.2f}×",
                    passed,
                )
        finally:
            app.stop()
            self.children.remove(app)
        self.notes.append(
            f"Every request a miss: gunicorn with {workers} sync workers (one a core), wrk with "
            f"{self.miss_connections()} connections (two a worker: one rendering, one waiting) "
            f"for {max(self.args.seconds, MISS_SECONDS)} s and bench/wrk_miss.lua, which gives "
            "each request its own `bench-miss=<run>-<thread>-<n>` parameter (the page cache misses "
            "every time, the shared caches stay warm). The × Django floor of these rows is read "
            f"against the uncached floor on that same {workers}-worker gunicorn. Server CPU ms a "
            "request: the workers' utime+stime from /proc/<pid>/stat before and after the timed "
            "run (after wrk's 1 s warm-up), divided by the requests wrk counted."
        )

    def miss_connections(self):
        """Two connections a worker: each worker always has the next request waiting, and the
        latency is a render's, not a long queue's (sync workers take one request at a time)."""
        return min(self.args.connections, 2 * len(os.sched_getaffinity(0)))

    def wrk_cpu(self, app, path, **kwargs):
        """wrk's Measure of `path` on `app` (warm-up first), and its workers' CPU ms a request."""
        url = f"http://127.0.0.1:{app.port}{path}"
        common = {"connections": self.miss_connections(), "wrk_path": self.tools["wrk"]}
        warm_args = [f"{a}-warm" for a in kwargs.get("args", ())]
        wrk(url, seconds=1, **common, **{**kwargs, "args": warm_args})
        before = app.wait_idle()  # the warm-up's queued requests are not this run's
        measure = wrk(url, seconds=max(self.args.seconds, MISS_SECONDS), **common, **kwargs)
        after = app.cpu_seconds()
        used = sum(after[pid] - before.get(pid, 0.0) for pid in after)
        return measure, (1000 * used / measure.requests if measure.requests else None)

    def measure_feed(self):
        from core.cache_tags import PUBLICATIONS, invalidate

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

        def new_publication(_index):
            # What any publication renews, the latest feeds among it (outside a transaction,
            # at once); the feed's entries for stories unchanged stay kept, as after a real one.
            invalidate(PUBLICATIONS)

        # Requests wrk left queued are answered first: one of them would render the feed
        # while this client got the copy kept before (stale-while-revalidate).
        self.app.wait_idle()
        states = {}
        fresh = sequential(
            self.app_port,
            [path] * max(10, self.args.misses // 2),
            before_each=new_publication,
            cache_states=states,
        )
        # Each answer must have been built, not served from the page cache: else the row
        # would time hits.
        built = states.get("miss", 0) == fresh.requests
        passed = built and fresh.p50_ms < FRESH_FEED_MS and fresh.errors == 0
        items = warm.body.count(b"<item>")
        self.add_row(
            "feed_fresh",
            f"latest.rss, fresh build, {items} items (1 client)",
            fresh,
            target=f"p50 < {FRESH_FEED_MS} ms (5)",
            passed=passed,
            ratios=False,
        )
        self.add_target(
            5,
            f"fresh {items}-item feed (p50; p99 {fresh.p99_ms:.1f} ms; X-Page-Cache {states})",
            f"{fresh.p50_ms:.1f} ms",
            f"< {FRESH_FEED_MS} ms, every answer a miss",
            passed,
        )
        self.notes.append(
            "Fresh feed: before each request the runner renews the `publications` cache tag "
            "(core/cache_tags.py; what any publication renews, the latest feeds among it), so "
            "every request builds the feed, its unchanged entries from their own cache."
        )

    def measure_search(self):
        for name in ("search_accented", "search_folded"):
            path = self.scenario.paths[name]
            misses = [f"{path}&bench-miss={self.run_id}-{i}" for i in range(self.args.misses)]
            self.app.wait_idle()
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
