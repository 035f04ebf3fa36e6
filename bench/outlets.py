"""Issue 23 (6): an outlet's keyed poll, and its 304, against the same feed unkeyed, through
gunicorn with the page cache warm. The key is taken out of the address and counted in the
shared cache (syndication/outlet_polls.py): it must cost no more than the noise.

Part of `make bench` (bench/run.py runs `measure_outlet_polls` after the feed rows). Alone:

    .venv/bin/python -m bench.outlets [--seconds 5] [--connections 20] [--rounds 2]

starts its own gunicorn as `make bench` does (same settings, database and Redis), prints the
rows and the counts, and writes nothing (docs/performance.md is `make bench`'s).

Each kind is measured in `rounds` runs alternating with its pair (unkeyed, keyed, keyed,
unkeyed…), so a machine that slows down in the middle slows both alike. The bench's outlet is
created for the run and deleted after it, with what was counted.
"""

import argparse
import os
import statistics
import time

from . import report
from .environment import (
    OUT,
    ROOT,
    VENV,
    check_services,
    ensure_tools,
    enter_root,
    log,
    manage,
    server_environment,
)
from .load import Measure, request, wrk

FEED = "/feeds/latest.rss"
BENCH_OUTLET = "Đơn vị đo hiệu năng (make bench)"
KEYED_RATIO = 0.90  # keyed req/s against unkeyed; on a shared machine runs differ by ~5 %
ROUNDS = 2
ROWS = {
    "outlet_feed": "latest.rss, cached (paired with the keyed row)",
    "outlet_feed_keyed": "latest.rss with an outlet's key, cached",
    "outlet_feed_304": "latest.rss, conditional (304) (paired with the keyed row)",
    "outlet_feed_keyed_304": "latest.rss with an outlet's key, conditional (304)",
}
PAIRS = (("outlet_feed", "outlet_feed_keyed"), ("outlet_feed_304", "outlet_feed_keyed_304"))


def bench_outlet():
    from syndication.models import Outlet

    Outlet.objects.filter(name=BENCH_OUTLET).delete()
    return Outlet.objects.create(name=BENCH_OUTLET, contact_name="make bench")


def combined(measures):
    """One Measure of several runs of the same request: their requests over their time, the
    median of their p50 and the worst of their p90-p99."""
    return Measure(
        requests=sum(m.requests for m in measures),
        seconds=sum(m.seconds for m in measures),
        p50_ms=statistics.median(m.p50_ms for m in measures),
        p90_ms=max(m.p90_ms for m in measures),
        p95_ms=max(m.p95_ms for m in measures),
        p99_ms=max(m.p99_ms for m in measures),
        errors=sum(m.errors for m in measures),
        concurrency=measures[0].concurrency,
    )


class OutletSteps:
    """For a Bench (bench/run.py) or OutletBench below: `self.app_port`, `self.args.seconds`,
    `self.args.connections`, `self.tools`, and the Table's rows and targets."""

    def measure_outlet_polls(self, path=FEED):
        from syndication import usage

        outlet = bench_outlet()
        try:
            keyed = f"{path}?k={outlet.key}"
            for _ in range(3):
                warm = request(self.app_port, keyed)
            etag = warm.headers.get("etag", "")
            conditional = [f"If-None-Match: {etag}"]
            check = request(self.app_port, keyed, headers={"If-None-Match": etag})
            kinds = {
                "outlet_feed": (path, ()),
                "outlet_feed_keyed": (keyed, ()),
                "outlet_feed_304": (path, conditional),
                "outlet_feed_keyed_304": (keyed, conditional),
            }
            runs = {name: [] for name in kinds}
            answered = {"200": 3, "304": 1}  # the warm-up and check requests above
            for pair in PAIRS:
                for round_ in range(self.outlet_rounds()):
                    # A, B, then B, A: whichever runs first (warmer, or on a calmer machine)
                    # favours each side alike.
                    for name in pair if round_ % 2 == 0 else reversed(pair):
                        address, headers = kinds[name]
                        done = self.wrk_counted(address, headers)
                        runs[name].append(done[1])
                        if address == keyed:
                            answered["304" if headers else "200"] += done[0] + done[1].requests
            measures = {name: combined(found) for name, found in runs.items()}
            # Each worker pushes its last pending counts with its next answer once they are due.
            time.sleep(usage.PUSH_SECONDS)
            for _ in range(self.args.connections):
                request(self.app_port, path)
            usage.flush()
            row = outlet.usage.get()
        finally:
            outlet.delete()
        self.add_outlet_rows(measures, check.status, answered, row, warm)

    def outlet_rounds(self):
        return getattr(self.args, "rounds", ROUNDS)  # `make bench` has no --rounds

    def wrk_counted(self, address, headers):
        """(requests of the 1 s warm-up, Measure of the timed run) of `address`."""
        url = f"http://127.0.0.1:{self.app_port}{address}"
        common = {"connections": self.args.connections, "wrk_path": self.tools["wrk"]}
        warm = wrk(url, seconds=1, headers=headers, **common)
        return warm.requests, wrk(url, seconds=self.args.seconds, headers=headers, **common)

    def add_outlet_rows(self, measures, check_status, answered, row, warm):
        for name, measure in measures.items():
            self.add_row(name, ROWS[name], measure)
        ratio = report.ratio(measures["outlet_feed_keyed"].rps, measures["outlet_feed"].rps)
        ratio_304 = report.ratio(
            measures["outlet_feed_keyed_304"].rps, measures["outlet_feed_304"].rps
        )
        errors = sum(m.errors for m in measures.values())
        passed = (
            check_status == 304
            and not errors
            and None not in (ratio, ratio_304)
            and min(ratio, ratio_304) >= KEYED_RATIO
        )
        self.add_target(
            "23.6",
            f"an outlet's keyed poll against the same feed unkeyed (check 304: HTTP "
            f"{check_status})",
            f"{report.fmt(ratio, 2)}× (200), {report.fmt(ratio_304, 2)}× (304)",
            f"≥ {KEYED_RATIO:.2f}× each",
            passed,
        )
        items = warm.body.count(b"<item>")
        sent = answered["200"] + answered["304"]
        in_flight = 4 * self.args.connections * self.outlet_rounds()
        self.notes.append(
            f"Outlets' keyed polls: each pair run alternately, {self.outlet_rounds()} rounds of "
            "wrk each, the rows combining them (requests over time, median p50, worst "
            f"p90-p99). Counted for the bench's outlet: {row.polls:,} polls, {row.items:,} items; "
            f"wrk saw {sent:,} answers ({answered['200']:,} of {items} items, "
            f"{answered['304']:,} 304s), and up to {in_flight} more were in flight when wrk "
            "stopped counting."
        )
        fetched = row.items // items if items else 0
        counted = (
            sent <= row.polls <= sent + in_flight
            and answered["200"] <= fetched <= answered["200"] + in_flight
            and (not items or row.items % items == 0)
        )
        self.add_target(
            "23.6",
            "every keyed answer counted once: polls, and items of the 200s",
            f"{row.polls:,} polls for {sent:,} answers, {row.items:,} items",
            f"between the answers wrk saw and {in_flight} more (in flight)",
            counted,
        )
        self.extra["outlet_counts"] = {
            "polls": row.polls,
            "items": row.items,
            "answered": answered,
            "feed_items": items,
        }


# --- run alone ---------------------------------------------------------------------------------


def main(argv=None):
    from .run import WORKERS
    from .targets import Table

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    args = parser.parse_args(argv)
    enter_root()

    from .servers import Gunicorn, MailSink, free_port

    class OutletBench(Table, OutletSteps):
        def __init__(self):
            self.args, self.rows, self.targets, self.notes = args, [], [], []
            self.extra, self.floors = {}, {}

    bench = OutletBench()
    bench.tools = ensure_tools()
    mail = MailSink().start()
    env = server_environment(mail.port)
    check_services(env)
    os.environ.update({**env, "LOG_LEVEL": "WARNING"})
    log("collectstatic into var/bench/static")
    manage(env, "collectstatic", "--noinput", "-v0")

    import django

    django.setup()
    bench.app_port = free_port()
    log(f"gunicorn: {WORKERS} sync workers on 127.0.0.1:{bench.app_port}")
    app = Gunicorn(
        root=ROOT,
        venv=VENV,
        env=env,
        port=bench.app_port,
        workers=WORKERS,
        log_path=OUT / "gunicorn-outlets.log",
    ).start()
    try:
        for _ in range(2 * WORKERS):
            request(bench.app_port, FEED)
        bench.measure_outlet_polls()
    finally:
        app.stop()
        mail.stop()
    for target in bench.targets:
        verdict = {True: "met", False: "MISSED", None: "reported"}[target["passed"]]
        print(f"({target['id']}) {target['what']}: {target['value']}")
        print(f"    target {target['threshold']}: {verdict}")
    for note in bench.notes:
        print(note)
    return 0 if all(t["passed"] is not False for t in bench.targets) else 1


if __name__ == "__main__":
    raise SystemExit(main())
