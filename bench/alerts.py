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
import os
import secrets
import shutil
import subprocess
import sys
import time
from collections import Counter

from .alerts_report import DOCS, RESULTS, render_text, write
from .alerts_setup import (
    OUT,
    SCRATCH_DATABASE,
    SETTINGS,
    Workers,
    address,
    build_policy,
    check_redis,
    environment,
    scratch_database,
    seed_subscribers,
    start_smtp,
    warm_up,
)
from .environment import DEFAULT_REDIS_URL, ROOT, enter_root, logger, machine

log = logger("alerts")


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
