"""The alerts' fan-out at scale: one event mailed to 100,000 subscribers by real task workers.

One policy followed by `--subscribers` confirmed subscribers, one event recorded for it, fanned
out and mailed by `manage.py db_worker` processes to a local SMTP server.

    .venv/bin/python -m bench.alerts [--subscribers 100000] [--quick] [--workers 2]

A scratch portal of its own: on SQLite, a new database in var/bench/alerts/ (removed and made
again each run); with DATABASE_URL set, the database `portal_bench_alerts` on the same PostgreSQL
server (dropped and created again each run; the database DATABASE_URL names is never written).
Production settings (portal.settings.bench, so Redis as `make bench` uses it: REDIS_URL, else
database 5 on 127.0.0.1), a fresh SECRET_KEY.

After `migrate`, it builds a home page, a policy index and a policy, published, and bulk-creates
`--subscribers` subscribers, each with a confirmed immediate subscription to the policy. It
starts `--workers` processes of `manage.py db_worker --queue-name "*" --backend queue
--interval 0.1` and a local SMTP server (aiosmtpd on 127.0.0.1, counting what it receives) that
the workers send to, with ALERTS_SEND_PER_SECOND raised to `--send-per-second` (100,000) so the
send rate limit never throttles the measure. The workers are warmed by a few empty tasks. Then,
as an editor would, a milestone dated today is added to the policy and the policy published
(`revision.publish()`): its `page_published` handler runs `alerts.events.policy_events`, whose
`record` writes the event and enqueues its fan-out. The bench times the publishing call and the
`record` within it, then waits (at most `--timeout` seconds) until every subscriber's mail has
reached the SMTP server, stops the workers by their PIDs (SIGTERM, then SIGKILL after 30 s) and
checks that each subscriber got exactly one mail and every delivery is marked sent.

Prints a table, writes bench/alerts-results.json and its section of docs/performance.md
(between the bench-alerts marks). Exits 1 if a check failed or the run timed out.
"""

import argparse
import datetime
import json
import logging
import os
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from . import report
from .environment import DEFAULT_REDIS_URL, ROOT, VAR_DIR, enter_root, logger, machine

log = logger("alerts")
OUT = VAR_DIR / "bench" / "alerts"
RESULTS = ROOT / "bench" / "alerts-results.json"
DOCS = ROOT / "docs" / "performance.md"
MARKS = (
    "<!-- bench-alerts:start (written by `python -m bench.alerts`; edit outside these marks) -->",
    "<!-- bench-alerts:end -->",
)
HEADING = "## Alerts fan-out: `python -m bench.alerts`"
SCRATCH_DATABASE = "portal_bench_alerts"
SETTINGS = "portal.settings.bench"
PUBLISH_TARGET_S = 1.0  # the editor's publication must not wait for the fan-out
STOP_GRACE_S = 30


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="python -m bench.alerts", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--subscribers", type=int, default=100_000, help="followers (100000)")
    parser.add_argument("--quick", action="store_true", help="5,000 subscribers")
    parser.add_argument("--workers", type=int, default=2, help="db_worker processes (2)")
    parser.add_argument(
        "--send-per-second",
        type=int,
        default=100_000,
        help="ALERTS_SEND_PER_SECOND of the workers: high, so the limit never throttles (100000)",
    )
    parser.add_argument(
        "--timeout", type=int, help="seconds from the publication to give up (1800; --quick 300)"
    )
    args = parser.parse_args(argv)
    args.argv = list(sys.argv[1:] if argv is None else argv)
    if args.quick:
        args.subscribers = 5_000
    if args.timeout is None:
        args.timeout = 300 if args.quick else 1800
    return args


# --- the SMTP server ---------------------------------------------------------------------------


class Counting:
    """aiosmtpd's handler: counts each message and each recipient, notes when the first and the
    last arrived."""

    def __init__(self):
        self.lock = threading.Lock()
        self.messages = 0
        self.recipients = Counter()
        self.first = self.last = None

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        now = time.time()
        with self.lock:
            self.messages += 1
            self.recipients.update(address.lower() for address in envelope.rcpt_tos)
            self.first = self.first or now
            self.last = now
        return "250 OK"


def start_smtp():
    from aiosmtpd.controller import Controller

    from .servers import free_port

    logging.getLogger("mail.log").setLevel(logging.WARNING)  # a line per connection otherwise
    handler = Counting()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port(), ready_timeout=10)
    controller.start()
    return controller, handler


# --- the scratch database ----------------------------------------------------------------------


def scratch_database():
    """The DATABASE_URL of the scratch database, made anew: None for SQLite (the settings' file
    under PORTAL_VAR_DIR, which `main` removes with the folder)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql", "pgsql"):
        sys.exit(f"bench.alerts: DATABASE_URL must be PostgreSQL (or unset for SQLite): {url}")
    import psycopg
    from psycopg import sql

    server = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True, connect_timeout=5) as connection:
        name = sql.Identifier(SCRATCH_DATABASE)
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(name))
    return urlunsplit(parts._replace(path=f"/{SCRATCH_DATABASE}"))


def environment(args, smtp_port, database_url):
    """The workers' environment (and this process's): production settings, mail to our SMTP
    server, the send rate limit raised."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": SETTINGS,
        # A fresh secret each run, shared by this process (the mails' links) and the workers.
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "REDIS_URL": os.environ.get("REDIS_URL") or DEFAULT_REDIS_URL,
        "SECURE_SSL_REDIRECT": "false",
        "PORTAL_VAR_DIR": str(OUT),
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "EMAIL_USE_TLS": "false",
        "ALERTS_SEND_PER_SECOND": str(args.send_per_second),
        "LOG_LEVEL": "WARNING",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    if database_url:
        env["DATABASE_URL"] = database_url
    else:
        env.pop("DATABASE_URL", None)
    return env


def check_redis(url):
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        sys.exit(f"bench.alerts: Redis at {url} does not answer ({error})")


# --- what the workers find ---------------------------------------------------------------------


def build_policy():
    """A home page, a policy index and a published policy; returns the policy."""
    from django.conf import settings

    from wagtail.models import Page, Site

    from newsroom.models import HomePage
    from policy_pages.models import PolicyIndexPage, PolicyPage

    home = HomePage.objects.first() or Page.get_first_root_node().add_child(
        instance=HomePage(title="Trang chủ", slug="trang-chu")
    )
    base = urlsplit(settings.BASE_URL)  # the mails' links, as `set_site` points the Site
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": base.hostname, "port": base.port or 80, "root_page": home},
    )
    index = PolicyIndexPage.objects.live().first() or home.add_child(
        instance=PolicyIndexPage(title="Chính sách", slug="chinh-sach")
    )
    policy = index.add_child(
        instance=PolicyPage(
            title="Chính sách đo thời gian gửi thư báo tin",
            slug="chinh-sach-do-thu-bao-tin",
            summary="Chính sách có nhiều người theo dõi, dùng để đo việc gửi thư báo tin.",
        )
    )
    # Published once as an editor would (its handlers run, no milestone yet: no event).
    policy.save_revision().publish()
    return PolicyPage.objects.get(pk=policy.pk)


def address(n):
    return f"nguoi-theo-doi-{n}@example.invalid"


def seed_subscribers(policy, count):
    """`count` subscribers, each with a confirmed immediate subscription to `policy`, in bulk."""
    from django.db import transaction
    from django.utils import timezone

    from alerts.choices import Frequency
    from alerts.models import Subscriber, Subscription
    from alerts.targets import page_key, page_label

    now = timezone.now()
    target, label, url = page_key(policy.pk), page_label(policy), policy.url or ""
    chunk = 5_000
    with transaction.atomic():
        for start in range(0, count, chunk):
            numbers = range(start, min(start + chunk, count))
            Subscriber.objects.bulk_create(
                [Subscriber(email=address(n), created_at=now) for n in numbers],
                batch_size=1_000,
            )
        ids = Subscriber.objects.order_by("pk").values_list("pk", flat=True).iterator()
        pending = []
        for subscriber_id in ids:
            pending.append(
                Subscription(
                    subscriber_id=subscriber_id,
                    target=target,
                    label=label,
                    url=url,
                    page_id=policy.pk,
                    frequency=Frequency.IMMEDIATE,
                    created_at=now,
                    confirmed_at=now,
                )
            )
            if len(pending) == chunk:
                Subscription.objects.bulk_create(pending, batch_size=1_000)
                pending = []
        Subscription.objects.bulk_create(pending, batch_size=1_000)


# --- the workers -------------------------------------------------------------------------------


class Workers:
    """`manage.py db_worker` processes, each logging to its own file, stopped by their PIDs."""

    def __init__(self, env, count, run_id):
        self.env, self.count, self.run_id = env, count, run_id
        self.processes = []

    def start(self):
        for n in range(1, self.count + 1):
            worker_id = f"bench-alerts-{self.run_id}-{n}"
            command = [
                sys.executable,
                str(ROOT / "manage.py"),
                "db_worker",
                "--queue-name",
                "*",
                "--backend",
                "queue",
                "--interval",
                "0.1",
                "--worker-id",
                worker_id,
            ]
            with open(OUT / f"worker-{n}.log", "wb") as output:
                process = subprocess.Popen(  # noqa: S603 (our own manage.py)
                    command, cwd=ROOT, env=self.env, stdout=output, stderr=subprocess.STDOUT
                )
            self.processes.append((worker_id, process))
            log(f"worker {worker_id}: PID {process.pid}")
        return self

    @property
    def ids(self):
        return [worker_id for worker_id, _process in self.processes]

    def dead(self):
        return [
            f"{worker_id} (exit {process.returncode})"
            for worker_id, process in self.processes
            if process.poll() is not None
        ]

    def cpu_seconds(self):
        """The workers' CPU time so far (user + system, from /proc)."""
        total = 0
        for _worker_id, process in self.processes:
            fields = Path(f"/proc/{process.pid}/stat").read_text().rpartition(")")[2].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
        return total / os.sysconf("SC_CLK_TCK")

    def stop(self):
        """SIGTERM (a worker finishes the task it is running), SIGKILL after STOP_GRACE_S."""
        for _worker_id, process in self.processes:
            if process.poll() is None:
                os.kill(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_S
        for worker_id, process in self.processes:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                log(f"worker {worker_id} (PID {process.pid}) still running: killed")
                os.kill(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        self.processes = []


def warm_up(workers, seconds=90):
    """Empty tasks until each worker has run one: every worker is up, its code imported (as a
    long-running production worker's is) before the publication."""
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from alerts.tasks import send_pending

    deadline = time.monotonic() + seconds
    seen = set()
    while set(workers.ids) - seen:
        if workers.dead():
            raise RuntimeError(f"worker stopped: {', '.join(workers.dead())}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"workers not running tasks after {seconds} s: see {OUT}/worker-*")
        if not DBTaskResult.objects.ready().exists():
            send_pending.enqueue()
        time.sleep(0.2)
        done = DBTaskResult.objects.filter(status=TaskResultStatus.SUCCESSFUL)
        seen = {worker for ids in done.values_list("worker_ids", flat=True) for worker in ids}


# --- the measure -------------------------------------------------------------------------------


def publish_milestone(policy):
    """As the editor does: a milestone dated today added and the policy published. Answers
    (seconds of the publish call, seconds of `alerts.events.record` within it, wall time at its
    start, how many events it recorded)."""
    from alerts import events
    from policy_pages.choices import Stage
    from policy_pages.models import PolicyMilestone
    from policy_pages.models.documents import today

    original, inner = events.record, []

    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            inner.append(time.perf_counter() - start)

    policy.milestones.add(
        PolicyMilestone(
            stage=Stage.DRAFTING, date=today(), note="Dự thảo được giao cơ quan chủ trì soạn thảo."
        )
    )
    revision = policy.save_revision()
    events.record = timed  # policy_events looks it up in its module at each call
    try:
        started_wall = time.time()
        start = time.perf_counter()
        revision.publish()
        seconds = time.perf_counter() - start
    finally:
        events.record = original
    return seconds, sum(inner), started_wall, len(inner)


def wait_for_mails(event, sink, workers, expected, published, timeout):
    """Poll until `expected` mails arrived, the fan-out is marked done and nothing is pending.
    Answers (timeline, timed_out)."""
    from alerts.choices import DeliveryStatus
    from alerts.models import Delivery, Event

    timeline, last_log = [], 0.0
    deliveries = Delivery.objects.filter(event=event)
    while True:
        time.sleep(0.5)
        elapsed = time.time() - published
        count = deliveries.count()
        fanned = Event.objects.filter(pk=event.pk, fanned_out_at__isnull=False).exists()
        mails = sink.messages
        timeline.append([round(elapsed, 1), count, mails])
        if elapsed - last_log >= 10:
            last_log = elapsed
            log(f"  {elapsed:5.0f} s: {count:,} deliveries, {mails:,} mails received")
        done = fanned and not deliveries.filter(status=DeliveryStatus.PENDING).exists()
        if mails >= expected and done:
            time.sleep(1)  # a duplicate would arrive now
            return timeline, False
        if workers.dead():
            raise RuntimeError(f"worker stopped: {', '.join(workers.dead())}")
        if elapsed > timeout:
            log(f"timed out after {timeout} s")
            return timeline, True


def task_figures(since):
    """The fan-out and send tasks the workers ran after the publication."""
    from django_tasks_db.models import DBTaskResult

    from alerts.tasks import fan_out, send_pending

    rows = DBTaskResult.objects.filter(enqueued_at__gte=since)
    figures = {}
    for name, task in (("fan_out", fan_out), ("send_pending", send_pending)):
        runs = list(
            rows.filter(task_path=task.module_path, finished_at__isnull=False)
            .order_by("started_at")
            .values_list("started_at", "finished_at", "return_value")
        )
        durations = [(end - start).total_seconds() for start, end, _value in runs]
        figures[name] = {
            "enqueued": rows.filter(task_path=task.module_path).count(),
            "ran": len(runs),
            "statuses": dict(
                Counter(rows.filter(task_path=task.module_path).values_list("status", flat=True))
            ),
            "seconds_total": round(sum(durations), 2),
            "ms_mean": round(1000 * sum(durations) / len(durations), 1) if durations else None,
            "ms_max": round(1000 * max(durations), 1) if durations else None,
            "ms_first": round(1000 * durations[0], 1) if durations else None,
            "ms_last": round(1000 * durations[-1], 1) if durations else None,
            "returned_nonzero": sum(1 for *_times, value in runs if value),
        }
    return figures


def verify(sink, expected_count, event):
    from alerts.choices import DeliveryStatus
    from alerts.models import Delivery

    expected = {address(n) for n in range(expected_count)}
    received = sink.recipients
    statuses = dict(Counter(Delivery.objects.filter(event=event).values_list("status", flat=True)))
    checks = {
        "messages": sink.messages,
        "distinct_recipients": len(received),
        "recipients_twice_or_more": sum(1 for n in received.values() if n > 1),
        "subscribers_without_mail": len(expected - set(received)),
        "unknown_recipients": len(set(received) - expected),
        "deliveries": sum(statuses.values()),
        "delivery_statuses": statuses,
    }
    checks["passed"] = (
        checks["messages"] == expected_count
        and checks["distinct_recipients"] == expected_count
        and not checks["recipients_twice_or_more"]
        and not checks["subscribers_without_mail"]
        and not checks["unknown_recipients"]
        and statuses == {DeliveryStatus.SENT.value: expected_count}
    )
    return checks


def rate(count, seconds):
    return round(count / seconds, 1) if seconds and seconds > 0 else None


def measure(args, run_id, env, sink):
    from django.conf import settings
    from django.db import connection
    from django.utils import timezone

    from alerts.models import Event

    results = {
        "date": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "run_id": run_id,
        "command": " ".join([".venv/bin/python -m bench.alerts", *args.argv]),
        "machine": machine(),
        "load_average_before": " ".join(f"{v:.2f}" for v in os.getloadavg()),
        "database": {
            "engine": {"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(
                connection.vendor, connection.vendor
            ),
            "name": str(settings.DATABASES["default"]["NAME"]),
        },
        "settings": SETTINGS,
        "subscribers": args.subscribers,
        "workers": args.workers,
        "batch": settings.PORTAL_ALERTS["BATCH"],
        "send_per_second": settings.PORTAL_ALERTS["SEND_PER_SECOND"],
    }
    log("a home page, a policy index, a policy (published)")
    policy = build_policy()
    start = time.monotonic()
    seed_subscribers(policy, args.subscribers)
    results["seed_seconds"] = round(time.monotonic() - start, 1)
    log(f"{args.subscribers:,} subscribers seeded in {results['seed_seconds']} s (bulk_create)")

    workers = Workers(env, args.workers, run_id).start()
    try:
        warm_up(workers)
        log(f"{args.workers} workers up and warm; publishing the policy with a new milestone")
        since = timezone.now()
        received_before = sink.messages
        cpu_before, own_before = workers.cpu_seconds(), sum(os.times()[:2])
        publish_s, events_s, published, calls = publish_milestone(policy)
        event = Event.objects.get()
        results["publish_ms"] = round(1000 * publish_s, 1)
        results["record_ms"] = round(1000 * events_s, 1)
        results["record_calls"] = calls
        log(
            f"published in {results['publish_ms']} ms (alerts.events.record: "
            f"{results['record_ms']} ms): event {event.key!r}"
        )
        timeline, timed_out = wait_for_mails(
            event, sink, workers, args.subscribers, published, args.timeout
        )
        cpu = {
            "workers_s": round(workers.cpu_seconds() - cpu_before, 1),
            "this_process_s": round(sum(os.times()[:2]) - own_before, 1),
        }
    finally:
        log("stopping the workers (SIGTERM by PID)")
        workers.stop()
    event.refresh_from_db()
    fan_out_s = (
        (event.fanned_out_at - event.created_at).total_seconds() if event.fanned_out_at else None
    )
    deliveries = event.deliveries.count()
    mails = sink.messages - received_before
    sending_s = sink.last - sink.first if sink.first and sink.last else None
    results.update(
        {
            "timed_out": timed_out,
            "fan_out": {
                "seconds": round(fan_out_s, 2) if fan_out_s else None,
                "deliveries": deliveries,
                "per_second": rate(deliveries, fan_out_s),
            },
            "sending": {
                "first_mail_after_s": round(sink.first - published, 2) if sink.first else None,
                "seconds": round(sending_s, 2) if sending_s else None,
                "messages": mails,
                "per_second": rate(mails, sending_s),
            },
            "publication_to_last_mail_s": round(sink.last - published, 2) if sink.last else None,
            "cpu": {**cpu, "workers_ms_a_mail": round(1000 * cpu["workers_s"] / mails, 2)}
            if mails
            else cpu,
            "tasks": task_figures(since),
            "checks": verify(sink, args.subscribers, event),
            "timeline": timeline[:: max(1, len(timeline) // 300)],
            "load_average_after": " ".join(f"{v:.2f}" for v in os.getloadavg()),
        }
    )
    fan = results["tasks"]["fan_out"]
    results["fan_out"]["per_second_in_tasks"] = rate(deliveries, fan["seconds_total"])
    return results


# --- the report --------------------------------------------------------------------------------


def fmt(value, digits=1, unit=""):
    if value is None:
        return "–"
    text = f"{value:,.{digits}f}" if isinstance(value, float) else f"{value:,}"
    return text + unit


def table_lines(results):
    from alerts.choices import DeliveryStatus

    fan, send, tasks, checks, cpu = (
        results["fan_out"],
        results["sending"],
        results["tasks"],
        results["checks"],
        results["cpu"],
    )
    publish_ok = (
        results["publish_ms"] is not None and results["publish_ms"] < 1000 * PUBLISH_TARGET_S
    )
    last = results["publication_to_last_mail_s"]
    statuses = {status.value: status.name.lower() for status in DeliveryStatus}
    return [
        [
            "publishing call (`revision.publish()`)",
            fmt(results["publish_ms"], 0, " ms"),
            f"of which `alerts.events.record` {fmt(results['record_ms'], 1, ' ms')}; "
            f"target < {PUBLISH_TARGET_S:.0f} s: " + ("met" if publish_ok else "MISSED"),
        ],
        [
            "deliveries enqueued a second",
            fmt(fan["per_second"]),
            f"{fan['deliveries']:,} rows over the fan-out, {fmt(fan['seconds'], 1, ' s')} (event "
            f"recorded → marked fanned out); {fmt(fan['per_second_in_tasks'], 0)} a second in "
            f"the {tasks['fan_out']['ran']} fan-out tasks' own time",
        ],
        [
            "mails sent a second",
            fmt(send["per_second"]),
            f"{send['messages']:,} messages received, first → last {fmt(send['seconds'], 1, ' s')}",
        ],
        ["publication → first mail", fmt(send["first_mail_after_s"], 2, " s"), ""],
        [
            "publication → last mail",
            fmt(last, 1, " s"),
            ("TIMED OUT; " if results["timed_out"] else "")
            + (f"{last / 60:.1f} min" if last else ""),
        ],
        [
            "workers' CPU a mail",
            fmt(cpu.get("workers_ms_a_mail"), 2, " ms"),
            f"{cpu['workers_s']} s of CPU in the {results['workers']} workers (fan-out "
            f"included), {cpu['this_process_s']} s in the bench's process (SMTP server, polling)",
        ],
        [
            "every subscriber mailed once",
            "yes" if checks["passed"] else "NO",
            f"{checks['distinct_recipients']:,} distinct recipients, {checks['messages']:,} "
            f"messages for {results['subscribers']:,} subscribers; deliveries: "
            + ", ".join(
                f"{statuses.get(k, k)} {v:,}"
                for k, v in sorted(checks["delivery_statuses"].items())
            ),
        ],
    ]


COLUMNS = ("measure", "value", "")


def render_text(results):
    return report.text_table(COLUMNS, table_lines(results), {0, 2})


def render_markdown(results):
    machine_, database_, tasks = results["machine"], results["database"], results["tasks"]
    fan, send = tasks["fan_out"], tasks["send_pending"]
    lines = [
        MARKS[0],
        "",
        f"Run of {results['date']} on {machine_['cpu']} ({machine_['cores']} cores): "
        f"`{results['command']}`, {results['subscribers']:,} subscribers, "
        f"{database_['engine']}, {results['workers']} `db_worker` processes, fan-out batches "
        f"of {results['batch']}. **The send rate limit was raised for the measurement** "
        f"(ALERTS_SEND_PER_SECOND={results['send_per_second']:,}; at production's 50 a second "
        f"these mails alone would take {results['subscribers'] / 50 / 60:,.0f} minutes). Load "
        f"average {results['load_average_before']} before the run, "
        f"{results['load_average_after']} after.",
        "",
        report.markdown_table(COLUMNS, table_lines(results), {0, 2}),
        "",
        f"Tasks: {fan['ran']} fan-out batches (mean {fmt(fan['ms_mean'])} ms, first "
        f"{fmt(fan['ms_first'])} ms, last {fmt(fan['ms_last'])} ms, longest "
        f"{fmt(fan['ms_max'])} ms); {send['ran']} `send_pending` tasks (one is enqueued with "
        f"each batch), {send['returned_nonzero']} of which sent mail, the longest for "
        f"{fmt(send['ms_max'] / 1000 if send['ms_max'] else None)} s. Seeding the subscribers "
        f"(bulk_create, outside the measure): {results['seed_seconds']} s.",
        "",
        MARKS[1],
    ]
    return "\n".join(lines)


def write(results):
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    text = DOCS.read_text() if DOCS.exists() else "# Performance\n"
    section = render_markdown(results)
    if MARKS[0] in text and MARKS[1] in text:
        text = report.replace_marked(text, section, MARKS)
    else:
        text = text.rstrip("\n") + f"\n\n{HEADING}\n\n{section}\n"
    DOCS.write_text(text)


def main(argv=None):
    args = parse_args(argv)
    enter_root()
    run_id = secrets.token_hex(4)
    redis_url = os.environ.get("REDIS_URL") or DEFAULT_REDIS_URL
    check_redis(redis_url)
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    database_url = scratch_database()
    controller, sink = start_smtp()
    try:
        env = environment(args, controller.port, database_url)
        log(
            "scratch database: "
            + (f"PostgreSQL {SCRATCH_DATABASE}" if database_url else f"SQLite in {OUT}")
            + f"; settings {SETTINGS}, Redis {redis_url}; SMTP server (aiosmtpd) on "
            f"127.0.0.1:{controller.port}"
        )
        start = time.monotonic()
        migrate = [sys.executable, str(ROOT / "manage.py"), "migrate", "--noinput"]
        done = subprocess.run(  # noqa: S603 (our own manage.py)
            migrate, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900
        )
        if done.returncode:
            print(done.stdout[-3000:], done.stderr[-3000:], sep="\n")
            sys.exit("bench.alerts: migrate failed")
        log(f"migrated in {time.monotonic() - start:.0f} s")
        os.environ.update(env)

        import django

        django.setup()
        log(
            f"ALERTS_SEND_PER_SECOND raised to {args.send_per_second:,} for the measurement "
            "(production: 50), so the send rate limit never throttles it"
        )
        results = measure(args, run_id, env, sink)
    finally:
        controller.stop()
    print()
    print(render_text(results))
    write(results)
    print(f"\nwritten: {RESULTS.relative_to(ROOT)}, {DOCS.relative_to(ROOT)}")
    if results["timed_out"] or not results["checks"]["passed"]:
        print(json.dumps(results["checks"], indent=1))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
