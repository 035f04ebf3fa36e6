"""Enqueue the scheduler's tick every half minute (core/schedule.py); `make run` starts it beside
the server and the worker, production runs it as a service (docs/deploy.md). Two of them are
harmless: each job is claimed once per period."""

import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.schedule import tick


def tick_waiting():
    """A tick already queued and not started: a stopped worker does not pile them up."""
    return DBTaskResult.objects.filter(
        task_path=tick.module_path, status=TaskResultStatus.READY
    ).exists()


class Command(BaseCommand):
    help = "Xếp lượt kiểm tra lịch (tick) mỗi nửa phút cho tiến trình chạy việc nền."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=30.0)
        parser.add_argument("--once", action="store_true", help="Xếp một lượt rồi thoát.")

    def handle(self, *args, interval, once, **options):
        running = True

        def stop(signum, frame):
            nonlocal running
            running = False

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        while running:
            close_old_connections()
            if not tick_waiting():
                tick.enqueue()
            if once:
                return
            deadline = time.monotonic() + interval
            while running and time.monotonic() < deadline:
                time.sleep(0.5)
