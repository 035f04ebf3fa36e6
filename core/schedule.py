"""Jobs on a clock: each runs once per period (a day, a week), whatever runs it and how often.

Desks register their jobs from `AppConfig.ready()` (`daily`, `weekly`, `every_tick`); core knows
none of them. `manage.py run_scheduler` enqueues `tick` every half minute; `tick`, in a worker,
claims each job that is due by writing its (job, period) row, which the database lets only one
writer do, and enqueues the claimed job. Two schedulers and two workers therefore run a day's job
once. A job that is due is claimed late rather than never: a scheduler that was down at midnight
runs the day's job when it starts again. Jobs are written so that running the day after still
does the day's work (the alerts job looks back a week, idempotently).

Periods are in Hà Nội time (TIME_ZONE): "midnight" is midnight in Vietnam.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import ScheduledRun
from .queue import JOBS, background, requeue_stalled, retry_later

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    run: Callable[[str], object]  # called with the period, e.g. "2026-12-07"
    due: Callable[[datetime], str | None]  # the period due at this local time, if any


REGISTERED: dict[str, Job] = {}
TICK_SWEEPS: list[Callable[[], object]] = [requeue_stalled]


def daily(name, at, run):
    """`run(period)` once a day, from `at` (a time in Hà Nội) on."""

    def due(now):
        return now.date().isoformat() if now.time() >= at else None

    REGISTERED[name] = Job(name, run, due)


def weekly(name, weekday, at, run):
    """`run(period)` once an ISO week, from `weekday` (0 = Monday) at `at` on."""

    def due(now):
        if (now.weekday(), now.time()) < (weekday, at):
            return None
        year, week, _day = now.isocalendar()
        return f"{year}-W{week:02d}"

    REGISTERED[name] = Job(name, run, due)


def every_tick(sweep):
    """`sweep()` at every tick (about twice a minute): cheap, idempotent catching up."""
    if sweep not in TICK_SWEEPS:
        TICK_SWEEPS.append(sweep)


def claim(name, period):
    try:
        with transaction.atomic():
            ScheduledRun.objects.create(job=name, period=period)
    except IntegrityError:
        return False
    return True


def due_jobs(now=None):
    now = timezone.localtime(now)
    return [(job, period) for job in REGISTERED.values() if (period := job.due(now))]


@background(JOBS)
def tick():
    """Claim and enqueue what is due, then run the sweeps."""
    for job, period in due_jobs():
        # One transaction: a job is never claimed without its run queued (same database).
        with transaction.atomic():
            if claim(job.name, period):
                run_job.enqueue(job.name, period)
    for sweep in TICK_SWEEPS:
        try:
            sweep()
        except Exception:  # one sweep failing must not stop the others; tried next tick
            logger.exception("Sweep %s failed", getattr(sweep, "__name__", sweep))


@background(JOBS)
def run_job(name, period, attempt=1):
    try:
        REGISTERED[name].run(period)
    except Exception as error:
        if not retry_later(run_job, name, period, attempt=attempt, error=error):
            raise
        return
    ScheduledRun.objects.filter(job=name, period=period).update(finished_at=timezone.now())


MIDNIGHT = time(0, 0)
