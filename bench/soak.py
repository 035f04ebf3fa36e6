"""`make soak`: two app processes under steady mixed load; one is killed and restarted midway.

Runs from the project root as `.venv/bin/python -m bench.soak` on PostgreSQL and Redis
(DATABASE_URL and REDIS_URL are required; the database needs content, e.g. the demo or
`seed_bulk`). Two gunicorn instances (2 sync workers each, production settings plus
portal.settings.bench, as `make bench` runs them) listen on 127.0.0.1; a driver of Python threads
sends reads, conditional feed polls and comment posts at fixed rates through a round-robin
balancer of its own (bench/soak_accounting.py says how it retries, as nginx would). Halfway, every
process of instance "a" gets SIGKILL; it is started again after RESTART_DELAY_S, as a supervisor
would. Afterwards every acknowledged comment is looked up by its receipt code, and the run's
comments are deleted. Writes bench/soak-results.json and the table in docs/reliability.md.
Everything it starts is stopped by its PID.
"""

import argparse
import datetime
import os
import sys
import time
import uuid

from .comments import parse_form
from .environment import (
    OUT,
    ROOT,
    check_services,
    database,
    enter_root,
    machine,
    manage,
    server_environment,
)
from .environment import soak_log as log
from .load import request
from .servers import MailSink, free_port
from .soak_accounting import Kill, by_kind, comment_check, failures, verdict
from .soak_instances import INSTANCES, KILLED, RESTART_DELAY_S, WORKERS, Instances
from .soak_load import READ_MIX, TIMEOUT_S, Driver, Load, choose_paths
from .soak_report import DOCS, RESULTS, render_markdown, write

# The rates: reads a 2-core machine holds with room to spare for the two app processes and
# the driver; feeds at 800 outlets polling every ~3 minutes (800 / 180 s ≈ 4.4 req/s); comments
# at several times a hot consultation's last-day pace (thousands a day).
DEFAULT_SECONDS = 600
DEFAULT_READ_RPS = 100
DEFAULT_FEED_RPS = 5
DEFAULT_COMMENT_RPS = 5


def parse_args(argv):
    parser = argparse.ArgumentParser(prog="make soak", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--seconds",
        type=int,
        default=int(os.environ.get("SOAK_SECONDS", DEFAULT_SECONDS)),
        help=f"length of the load (SOAK_SECONDS; default {DEFAULT_SECONDS})",
    )
    parser.add_argument(
        "--read-rps", type=float, default=DEFAULT_READ_RPS, help="page reads a second (100)"
    )
    parser.add_argument(
        "--feed-rps", type=float, default=DEFAULT_FEED_RPS, help="feed polls a second (5)"
    )
    parser.add_argument(
        "--comment-rps", type=float, default=DEFAULT_COMMENT_RPS, help="comment POSTs a second (5)"
    )
    parser.add_argument("--no-kill", action="store_true", help="no kill: a baseline run")
    return parser.parse_args(argv)


def require_services():
    database = os.environ.get("DATABASE_URL", "")
    if not database.startswith(("postgres://", "postgresql://")) or not os.environ.get("REDIS_URL"):
        sys.exit(
            "make soak: needs PostgreSQL and Redis, as production runs: set "
            "DATABASE_URL=postgres://… (a database with content: the demo of `make setup` "
            "migrated there, or `manage.py seed_bulk`) and REDIS_URL=redis://…/<db>. The soak "
            "adds comments to one open consultation and deletes exactly those afterwards; it "
            "writes only cache keys under its own prefix (bench-…)."
        )


# --- the run ---------------------------------------------------------------------------------


class Soak(Instances):
    def __init__(self, args):
        self.args = args
        self.run_id = "soak" + uuid.uuid4().hex[:8]
        self.servers = {}
        self.notes = []

    def find_form(self, policies):
        """The comment form of the first policy open for comment, read from the served page."""
        port = self.servers["a"].port
        for path in policies:
            page = request(port, path)
            form = parse_form(page.body.decode("utf-8", "replace")) if page.status == 200 else None
            if form and form["tokens_url"]:
                return path, form
        return None, None

    def run(self):
        OUT.mkdir(parents=True, exist_ok=True)
        self.mail = MailSink().start()
        env = server_environment(self.mail.port)
        env["LOG_LEVEL"] = "WARNING"
        check_services(env)
        self.env = env
        os.environ.update(env)
        log("collectstatic (portal.settings.bench's STATIC_ROOT)")
        manage(env, "collectstatic", "--noinput", "-v0")

        import django

        django.setup()
        from policy_pages.submissions import rules

        from .scenarios import page_counts

        reads, feeds = choose_paths()
        self.database = database(page_counts())
        log(f"database {self.database['name']}: {self.database['pages']['live']:,} live pages")
        try:
            for name in INSTANCES:
                self.start_instance(name, free_port())
                log(f"instance {name}: {WORKERS} workers on 127.0.0.1:{self.servers[name].port}")
            policy_path, form = self.find_form(reads.get("policy", []))
            if form is None:
                sys.exit("make soak: no live policy is open for comment in this database")
            log(f"comments go to {policy_path} ({form['action']})")
            reads, feeds = self.warm(reads, feeds)
            rss_before = self.memory()
            results = self.load(reads, feeds, form, rules()["MIN_SECONDS"])
            rss_after = self.memory()
        finally:
            self.stop_all()
            self.mail.stop()
        comments = self.check_comments(results["records"])
        return self.results(results, comments, rss_before, rss_after, policy_path)

    def warm(self, reads, feeds):
        """Every address once on each instance; those that do not answer 200 are left out."""
        log("warming every address on both instances")
        answered = {}
        for server in self.servers.values():
            for path in [p for found in reads.values() for p in found] + feeds:
                status = request(server.port, path, timeout=TIMEOUT_S).status
                answered[path] = answered.get(path, True) and status == 200
        left_out = sorted(path for path, ok in answered.items() if not ok)
        if left_out:
            self.notes.append(f"left out (not 200 when warming): {', '.join(left_out)}")
            log(self.notes[-1])
        reads = {kind: [p for p in found if answered[p]] for kind, found in reads.items()}
        return {kind: found for kind, found in reads.items() if found}, [
            p for p in feeds if answered[p]
        ]

    def load(self, reads, feeds, form, min_seconds):
        args = self.args
        ports = {name: server.port for name, server in self.servers.items()}
        started = time.monotonic()
        driver = Driver(ports, started=started)
        load = Load(
            driver,
            args,
            reads=reads,
            feeds=feeds,
            form=form,
            run_id=self.run_id,
            min_seconds=min_seconds,
        )
        load.stop_at = started + args.seconds
        threads = load.threads()
        log(
            f"load for {args.seconds} s: reads {args.read_rps:g}/s, feeds {args.feed_rps:g}/s, "
            f"comments {args.comment_rps:g}/s; {len(threads)} driver threads"
        )
        for thread in threads:
            thread.start()
        kill = None
        if not args.no_kill:
            time.sleep(max(0.0, started + args.seconds / 2 - time.monotonic()))
            kill = Kill(KILLED, at=0.0, ready=0.0)
            self.kill_and_restart(driver, kill)
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        with driver.lock:
            records = list(driver.records)
        log(f"load done: {len(records):,} requests in {elapsed:.0f} s")
        return {"records": records, "seconds": elapsed, "kill": kill}

    def check_comments(self, records):
        from django.db.models import Count

        from policy_pages.models import Submission

        mine = Submission.objects.filter(email__startswith=f"bench-{self.run_id}-")
        stored = dict(mine.values("receipt").annotate(n=Count("pk")).values_list("receipt", "n"))
        # Each send has its own sender address (bench/comments.py payload()).
        per_send = dict(mine.values("email").annotate(n=Count("pk")).values_list("email", "n"))
        found = comment_check(records, stored, per_send)
        found["deleted_after"], _ = mine.delete()
        return found

    def results(self, run, comments, rss_before, rss_after, policy_path):
        records, kill = run["records"], run["kill"]
        failure_counts = failures(records, kill)
        checks = verdict(failure_counts, comments)
        failed_examples = [
            {
                "kind": r.kind,
                "path": r.path,
                "attempts": [
                    {
                        "instance": a.instance,
                        "at_s": round(a.started, 2),
                        "status": a.status,
                        "phase": a.phase,
                        "error": a.error,
                    }
                    for a in r.attempts
                ],
            }
            for r in records
            if r.failed
        ][:20]
        return {
            "date": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
            "run_id": self.run_id,
            "machine": machine(),
            "load_average_after": " ".join(f"{v:.2f}" for v in os.getloadavg()),
            "database": self.database,
            "seconds": round(run["seconds"], 1),
            "rates": {
                "reads": self.args.read_rps,
                "feeds": self.args.feed_rps,
                "comments": self.args.comment_rps,
            },
            "rates_achieved": achieved_rates(records, run["seconds"]),
            "slowest": [
                {
                    "kind": r.kind,
                    "path": r.path,
                    "instance": r.final.instance,
                    "at_s": round(r.attempts[0].started, 1),
                    "ms": round(r.latency_ms),
                }
                for r in sorted(records, key=lambda r: -r.latency_ms)[:10]
            ],
            "instances": {"count": len(INSTANCES), "workers_each": WORKERS},
            "kill": None
            if kill is None
            else {
                "instance": kill.instance,
                "at_s": round(kill.at, 1),
                "all_exited_s": round(kill.last_moment, 2),
                "answering_again_s": round(kill.ready, 1),
                "pids": getattr(self, "killed_pids", []),
                "restart_delay_s": RESTART_DELAY_S,
            },
            "policy": policy_path,
            "notes": self.notes,
            "rows": by_kind(records, run["seconds"]),
            "failures": failure_counts,
            "failed_examples": failed_examples,
            "comments": comments,
            "verdict": checks,
            "rss_kb": {
                name: {
                    "before": {str(p): m["VmRSS"] for p, m in rss_before.get(name, {}).items()},
                    "after": {str(p): m["VmRSS"] for p, m in rss_after.get(name, {}).items()},
                }
                for name in INSTANCES
            },
        }


def achieved_rates(records, seconds):
    reads = sum(r.kind in READ_MIX for r in records)
    feeds = sum(r.kind == "feed" for r in records)
    comments = sum(r.kind == "comment" for r in records)
    return {
        "reads": round(reads / seconds, 1),
        "feeds": round(feeds / seconds, 1),
        "comments": round(comments / seconds, 1),
    }


def main(argv=None):
    args = parse_args(argv)
    require_services()
    enter_root()
    soak = Soak(args)
    try:
        results = soak.run()
    finally:
        soak.stop_all()
    write(results)
    print()
    print(render_markdown(results))
    print(f"\nwritten: {RESULTS.relative_to(ROOT)}, {DOCS.relative_to(ROOT)}")
    if not all(results["verdict"].values()):
        sys.exit(1)


if __name__ == "__main__":
    main()
