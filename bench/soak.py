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
import contextlib
import datetime
import http.client
import itertools
import json
import math
import os
import random
import re
import signal
import sys
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

from . import report
from .comments import csrf_cookie, parse_form, payload
from .load import request
from .run import OUT, ROOT, VENV, check_services, machine, manage, server_environment
from .servers import Gunicorn, MailSink, children_of, free_port
from .soak_accounting import (
    CONNECT,
    IN_FLIGHT,
    Attempt,
    Kill,
    Record,
    by_kind,
    comment_check,
    failures,
    verdict,
)

RESULTS = ROOT / "bench" / "soak-results.json"
DOCS = ROOT / "docs" / "reliability.md"
START_MARK = "<!-- soak:start (written by `make soak`; edit outside these marks) -->"
END_MARK = "<!-- soak:end -->"

WORKERS = 2  # per app process
INSTANCES = ("a", "b")
KILLED = "a"
RESTART_DELAY_S = 5  # a supervisor's restart delay (systemd's RestartSec=5)
DOWN_S = 2  # how long the balancer leaves out an instance that failed a request
TIMEOUT_S = 30
OUTLETS = 800  # issue 8: ~800 outlets, each polling every few minutes

# The rates: reads a 2-core machine holds with room to spare for the two app processes and
# the driver; feeds at 800 outlets polling every ~3 minutes (800 / 180 s ≈ 4.4 req/s); comments
# at several times a hot consultation's last-day pace (thousands a day).
DEFAULT_SECONDS = 600
DEFAULT_READ_RPS = 100
DEFAULT_FEED_RPS = 5
DEFAULT_COMMENT_RPS = 5
READ_MIX = {"home": 15, "section": 20, "article": 35, "policy": 10, "search": 10, "document": 10}
SEARCHES = ["chính phủ", "chinh phu", "nghị định", "kinh te", "chuyển đổi số", "y te"]

STARTED = time.monotonic()


def log(message):
    print(f"[soak {time.monotonic() - STARTED:4.0f} s] {message}", flush=True)


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


# --- the addresses ---------------------------------------------------------------------------


def choose_paths():
    """{kind: [paths]} of the reads, the feeds, and the live policies (for the comment form)."""
    from wagtail.models import Site

    from newsroom.models import SectionPage
    from newsroom.models.listing import published_stories
    from policy_pages.models import LegalDocumentPage, PolicyPage

    from .scenarios import page_path, search_path

    site = Site.objects.get(is_default_site=True)
    sections = [page_path(s) for s in SectionPage.objects.live()[:10]]
    paths = {
        "home": [page_path(site.root_page)],
        "section": [f"{p}?page={n}" if n > 1 else p for p in sections for n in (1, 2)],
        "article": [page_path(p) for p in published_stories()[:200]],
        "policy": [page_path(p) for p in PolicyPage.objects.live()[:30]],
        "search": [search_path(q) for q in SEARCHES],
        "document": [page_path(p) for p in LegalDocumentPage.objects.published()[:50]],
    }
    paths = {kind: [p for p in found if p] for kind, found in paths.items()}
    feeds = ["/feeds/latest.rss", "/feeds/latest.atom", "/feeds/legal-documents.rss"]
    feeds += [f"/feeds/section/{p.strip('/').split('/')[-1]}.rss" for p in sections[:3]]
    return {kind: found for kind, found in paths.items() if found}, feeds


# --- the driver ------------------------------------------------------------------------------


class Balancer:
    """Round robin over the app processes; one that failed a request is left out DOWN_S."""

    def __init__(self, ports):
        self.ports = ports
        self.names = list(ports)
        self.turn = itertools.count()
        self.down_until = {}
        self.lock = threading.Lock()

    def order(self, now):
        start = next(self.turn) % len(self.names)
        turn = self.names[start:] + self.names[:start]
        with self.lock:
            up = [n for n in turn if self.down_until.get(n, 0) <= now]
        return up + [n for n in turn if n not in up]

    def mark_down(self, name, now):
        with self.lock:
            self.down_until[name] = now + DOWN_S


class Driver:
    def __init__(self, ports, *, started):
        self.balancer = Balancer(ports)
        self.started = started
        self.records = []
        self.lock = threading.Lock()

    def now(self):
        return time.monotonic() - self.started

    def attempt(self, name, method, path, headers, body):
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.balancer.ports[name], timeout=TIMEOUT_S
        )
        started = self.now()
        try:
            connection.connect()
        except OSError as error:
            connection.close()
            return Attempt(name, started, self.now(), phase=CONNECT, error=type(error).__name__)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            answer = connection.getresponse()
            content = answer.read()
        except (OSError, http.client.HTTPException) as error:
            return Attempt(name, started, self.now(), phase=IN_FLIGHT, error=type(error).__name__)
        finally:
            connection.close()
        attempt = Attempt(name, started, self.now(), status=answer.status)
        attempt.response = (answer, content)
        return attempt

    def send(self, kind, path, *, method="GET", headers=None, body=None):
        """(Record, (http.client response, body) or None), retried as the module docstring of
        soak_accounting says."""
        record = Record(kind, method, path)
        for name in self.balancer.order(self.now()):
            attempt = self.attempt(name, method, path, headers, body)
            record.attempts.append(attempt)
            if attempt.status is not None:
                break
            self.balancer.mark_down(name, self.now())
            if attempt.phase == IN_FLIGHT and method != "GET":
                break  # sent: a POST is never sent twice
        with self.lock:
            self.records.append(record)
        return record, getattr(record.final, "response", None)


def paced(rate, threads, until, work):
    """Run `work()` `rate` times a second in all, from `threads` threads, until `until()` is
    past; a thread that falls behind (a slow answer) skips what it missed rather than bursting."""
    interval = threads / rate

    def loop(offset):
        next_at = time.monotonic() + offset
        while True:
            now = time.monotonic()
            if next_at > now:
                time.sleep(next_at - now)
            if until():
                return
            work()
            next_at += interval
            if time.monotonic() - next_at > 2 * interval:
                next_at = time.monotonic()

    return [
        threading.Thread(target=loop, args=(i * interval / threads,), daemon=True)
        for i in range(threads)
    ]


class Load:
    def __init__(self, driver, args, *, reads, feeds, form, run_id, min_seconds):
        self.driver, self.args = driver, args
        self.reads, self.feeds = reads, feeds
        self.form, self.run_id = form, run_id
        self.min_seconds = min_seconds
        self.kinds = [k for k in READ_MIX if k in reads]
        self.weights = [READ_MIX[k] for k in self.kinds]
        self.validators = {}  # outlet -> headers for its next conditional poll
        self.outlets = itertools.count()
        self.comment_numbers = itertools.count()
        self.random = random.Random(run_id)  # noqa: S311  (which page to read: no secret)
        self.stop_at = None

    def done(self):
        return time.monotonic() >= self.stop_at

    def read(self):
        kind = self.random.choices(self.kinds, self.weights)[0]
        self.driver.send(kind, self.random.choice(self.reads[kind]))

    def poll_feed(self):
        """One outlet's poll of its feed, with the ETag and Last-Modified of its previous answer.
        The outlets take turns, as each polls on its own schedule: at 5 polls a second each of
        the 800 comes back every 160 s, so its first poll has nothing to send back."""
        outlet = next(self.outlets) % OUTLETS
        headers = self.validators.get(outlet, {})
        feed = self.feeds[outlet % len(self.feeds)]
        _record, response = self.driver.send("feed", feed, headers=headers)
        if response and response[0].status == 200:
            answer = response[0]
            kept = {}
            if answer.getheader("ETag"):
                kept["If-None-Match"] = answer.getheader("ETag")
            if answer.getheader("Last-Modified"):
                kept["If-Modified-Since"] = answer.getheader("Last-Modified")
            self.validators[outlet] = kept

    def comment(self):
        """A reader's send: the form's tokens (as participation-form.js asks for them), a pause
        past MIN_SECONDS (a faster send is refused as a robot's), then the POST."""
        number = next(self.comment_numbers)
        _record, response = self.driver.send("form_tokens", self.form["tokens_url"])
        if not response or response[0].status != 200:
            return
        answer, content = response
        tokens = json.loads(content)
        cookie = csrf_cookie(answer.headers.get_all("Set-Cookie") or [])
        time.sleep(self.min_seconds + 0.3)
        fields = payload(self.form, token=tokens["token"], index=number, run_id=self.run_id)
        fields["csrfmiddlewaretoken"] = tokens["csrfmiddlewaretoken"]
        record, response = self.driver.send(
            "comment",
            self.form["action"],
            method="POST",
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={cookie}",
            },
            body=urlencode(fields).encode(),
        )
        if response and response[0].status == 303:
            found = re.search(r"/bien-nhan/([^/?]+)/", response[0].getheader("Location") or "")
            record.receipt = found.group(1) if found else ""

    def threads(self):
        args = self.args
        # A thread waits for each answer: enough of them that slow answers (a cold page, a busy
        # machine) do not pull the rate down.
        read_threads = max(4, math.ceil(args.read_rps / 4))
        # Each send takes MIN_SECONDS plus two requests: enough threads to keep the rate.
        comment_threads = max(1, math.ceil(args.comment_rps * (self.min_seconds + 1.5)))
        found = paced(args.read_rps, read_threads, self.done, self.read)
        if args.feed_rps > 0:
            found += paced(args.feed_rps, 2, self.done, self.poll_feed)
        if args.comment_rps > 0:
            found += paced(args.comment_rps, comment_threads, self.done, self.comment)
        return found


# --- the run ---------------------------------------------------------------------------------


class Soak:
    def __init__(self, args):
        self.args = args
        self.run_id = "soak" + uuid.uuid4().hex[:8]
        self.servers = {}
        self.notes = []

    def start_instance(self, name, port):
        server = Gunicorn(
            root=ROOT,
            venv=VENV,
            env=self.env,
            port=port,
            workers=WORKERS,
            log_path=OUT / f"soak-{name}.log",
        )
        self.servers[name] = server.start()
        return self.servers[name]

    def stop_all(self):
        for server in self.servers.values():
            server.stop()
        self.servers = {}

    def memory(self):
        return {name: server.memory() for name, server in self.servers.items()}

    def kill_and_restart(self, driver, kill):
        """SIGKILL the instance's master and workers at once, then start it again."""
        server = self.servers[KILLED]
        pids = [server.pid, *children_of(server.pid)]
        kill.at = driver.now()
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        server.popen.wait(10)
        deadline = time.monotonic() + 10
        while any(running(pid) for pid in pids) and time.monotonic() < deadline:
            time.sleep(0.01)
        kill.gone = driver.now()
        server.stop()
        log(f"killed instance {KILLED}: PIDs {', '.join(map(str, pids))}")
        self.killed_pids = pids
        time.sleep(RESTART_DELAY_S)
        self.start_instance(KILLED, server.port)
        kill.ready = driver.now()
        log(f"instance {KILLED} answers again, {kill.ready - kill.at:.1f} s after the kill")

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
        from django.conf import settings
        from django.db import connection

        from policy_pages.submissions import rules

        from .scenarios import page_counts

        reads, feeds = choose_paths()
        self.database = {
            "engine": connection.vendor,
            "name": str(settings.DATABASES["default"]["NAME"]),
            "pages": page_counts(),
        }
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


def running(pid):
    """Whether `pid` still runs (a zombie, dead but not yet reaped, does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rfind(")") + 2] != "Z"


def achieved_rates(records, seconds):
    reads = sum(r.kind in READ_MIX for r in records)
    feeds = sum(r.kind == "feed" for r in records)
    comments = sum(r.kind == "comment" for r in records)
    return {
        "reads": round(reads / seconds, 1),
        "feeds": round(feeds / seconds, 1),
        "comments": round(comments / seconds, 1),
    }


# --- the report ------------------------------------------------------------------------------

KIND_LABELS = {
    "home": "home page",
    "section": "section pages",
    "article": "articles",
    "policy": "policy pages",
    "search": "search",
    "document": "legal documents",
    "feed": "feed polls (conditional)",
    "form_tokens": "comment form tokens",
    "comment": "comment POSTs",
    "all": "all",
}


def rss_text(kb_by_pid):
    return ", ".join(f"{kb / 1024:.0f}" for kb in kb_by_pid.values()) or "–"


def render_markdown(results):
    header = ("requests", "count", "req/s", "p50 ms", "p99 ms", "statuses", "failed")
    lines = []
    for kind, row in results["rows"].items():
        statuses = ", ".join(f"{k}: {v:,}" for k, v in row["statuses"].items())
        lines.append(
            (
                KIND_LABELS.get(kind, kind),
                f"{row['requests']:,}",
                report.fmt(row["rps"]),
                report.fmt(row["p50_ms"]),
                report.fmt(row["p99_ms"]),
                statuses,
                row["failed"],
            )
        )
    lines.sort(key=lambda line: line[0] == "all")
    f, c, kill = results["failures"], results["comments"], results["kill"]
    rss = results["rss_kb"]
    checks = results["verdict"]
    kill_text = (
        "no kill (--no-kill)"
        if kill is None
        else f"instance {kill['instance']} (master and {len(kill['pids']) - 1} workers) got "
        f"SIGKILL at {kill['at_s']} s (all exited by {kill['all_exited_s']} s), started again "
        f"after {kill['restart_delay_s']} s, answering at {kill['answering_again_s']} s"
    )
    facts = [
        ("when", f"{results['date']}, {results['seconds']:.0f} s of load"),
        (
            "machine",
            f"{results['machine']['cpu']}, {results['machine']['cores']} cores, "
            f"load average after {results['load_average_after']}",
        ),
        (
            "database",
            f"{results['database']['engine']} {results['database']['name']}, "
            f"{results['database']['pages']['live']:,} live pages",
        ),
        (
            "rates asked → sent",
            ", ".join(
                f"{kind} {results['rates'][kind]:g} → {results['rates_achieved'][kind]:g}/s"
                for kind in ("reads", "feeds", "comments")
            ),
        ),
        ("kill", kill_text),
        (
            "failed attempts",
            f"{f['attempts']['explained']} explained by the kill, "
            f"{f['attempts']['unexplained']} not; {f['attempts']['answered_5xx']} 5xx answers; "
            f"{f['moved_to_other_instance']} requests moved to the other instance",
        ),
        (
            "failed requests (client saw no answer or a 5xx)",
            f"{f['requests']['explained']} explained (in flight on the killed process), "
            f"{f['requests']['unexplained']} not",
        ),
        (
            "comments",
            f"{c['sent']} sent, {c['acknowledged']} acknowledged (303 + receipt), "
            f"{c['stored']} stored; missing {len(c['missing'])}, duplicated "
            f"{len(c['duplicated'])}, stored without acknowledgement "
            f"{c['stored_without_acknowledgement']}, refused {c['refused']}",
        ),
        (
            "worker RSS MB before → after",
            f"a: {rss_text(rss['a']['before'])} → {rss_text(rss['a']['after'])} "
            "(restarted workers after); "
            f"b: {rss_text(rss['b']['before'])} → {rss_text(rss['b']['after'])}",
        ),
        (
            "verdict",
            "only the killed process's requests failed: "
            f"{report.verdict(checks['only_killed_process_failures'])}; every acknowledged "
            "comment stored once: "
            f"{report.verdict(checks['every_acknowledged_comment_stored_once'])}",
        ),
    ]
    return "\n".join(
        [
            START_MARK,
            "",
            report.markdown_table(header, lines, left={0, 5}),
            "",
            report.markdown_table(("", ""), facts, left={0, 1}),
            "",
            END_MARK,
        ]
    )


def write(results):
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    section = render_markdown(results)
    text = DOCS.read_text() if DOCS.exists() else "# Reliability\n"
    pattern = re.compile(re.escape(START_MARK) + r".*?" + re.escape(END_MARK), re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _match: section, text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    DOCS.write_text(text)


def main(argv=None):
    args = parse_args(argv)
    require_services()
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
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
