"""The alerts bench's scratch portal and its processes: a local SMTP server (aiosmtpd) counting
what it receives, the scratch database (SQLite under var/bench/alerts/, or `portal_bench_alerts`
on the PostgreSQL server DATABASE_URL names), the environment of production settings the workers
run in, the published policy and its bulk-created confirmed subscribers, and the `manage.py
db_worker` processes, warmed before the measure and stopped by their PIDs. Used by bench.alerts.
"""

import logging
import os
import secrets
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from .environment import DEFAULT_REDIS_URL, ROOT, VAR_DIR, logger

log = logger("alerts")
OUT = VAR_DIR / "bench" / "alerts"
SCRATCH_DATABASE = "portal_bench_alerts"
SETTINGS = "portal.settings.bench"
STOP_GRACE_S = 30


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
