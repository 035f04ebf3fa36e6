"""Background work: the portal's tasks on django-tasks' database backend.

Mail never goes out inside a reader's request: a hanging mail server would hold the worker
serving it. The request stores what must be sent and enqueues a task in its own transaction
(the task's row is written to the same database, so a request that fails enqueues nothing);
`manage.py db_worker` runs the tasks (`make run` starts one, docs/deploy.md runs it as a service).

Every task here is idempotent, judged by the rows it reads (a receipt already sent, a delivery
already marked): that is what makes the two recoveries below safe.

- A task that fails is tried again later (`retry_later`, after 1, 5, 30, 120, 360 minutes);
  after the last try it fails for good and shows in the admin (core/queue_admin.py).
- The database backend has no heartbeat: a worker killed in the middle of a task leaves it
  "running" for ever. `requeue_stalled()`, run by the scheduler every minute, enqueues again
  what has been running longer than any task of ours takes, and closes the stale row as failed.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from django_tasks import task

logger = logging.getLogger(__name__)

BACKEND = "queue"
MAIL, ALERTS, JOBS = "mail", "alerts", "jobs"
RETRY_MINUTES = [1, 5, 30, 120, 360]


def stalled_after():
    """Longer than any task of ours runs (a batch of mails at the send rate takes seconds)."""
    return timedelta(seconds=settings.PORTAL_QUEUE_STALLED_SECONDS)


class WorkerStopped(Exception):
    """Recorded on a task whose worker stopped in its middle; the task was enqueued again."""


def background(queue_name, **options):
    """The decorator for the portal's tasks: on the database queue, never in the request."""
    return task(backend=BACKEND, queue_name=queue_name, **options)


def retry_later(background_task, *args, attempt, error=None, **kwargs):
    """Enqueue `background_task` again after the pause for this attempt, with `attempt + 1`;
    False when the tries are spent (the caller then fails for good, visibly)."""
    if attempt > len(RETRY_MINUTES):
        return False
    delay = timedelta(minutes=RETRY_MINUTES[attempt - 1])
    logger.warning(
        "Task %s failed (attempt %s), trying again in %s: %s",
        background_task.name,
        attempt,
        delay,
        error,
    )
    background_task.using(run_after=timezone.now() + delay).enqueue(
        *args, attempt=attempt + 1, **kwargs
    )
    return True


def retry_or_raise(background_task, *args, attempt, error, **kwargs):
    """After a failed try: "retrying" with the task queued again, or, its tries spent, the
    error raised, so the task fails where the admins see it."""
    if retry_later(background_task, *args, attempt=attempt, error=error, **kwargs):
        return "retrying"
    raise error


def requeue_stalled(now=None):
    """Tasks whose worker stopped mid-run: enqueued again, the stale row closed as failed.
    Answers how many."""
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    stalled = DBTaskResult.objects.filter(
        backend_name=BACKEND,
        status=TaskResultStatus.RUNNING,
        started_at__lt=now - stalled_after(),
    )
    count = 0
    for row in list(stalled[:500]):
        # The conditional update is the claim: of two schedulers, one closes the row and
        # enqueues its task again.
        with transaction.atomic():
            closed = DBTaskResult.objects.filter(pk=row.pk, status=TaskResultStatus.RUNNING).update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                exception_class_path=f"{__name__}.WorkerStopped",
                traceback="Tiến trình chạy việc này đã dừng giữa chừng; việc đã được xếp lại.",
            )
            if closed:
                result = row.task_result
                row.task.enqueue(*result.args, **result.kwargs)
                count += 1
    return count


def prune_finished(period=None, now=None):
    """The daily job: finished tasks are forgotten after a week, failed ones after 90 days (the
    admins' list), so the queue's table stays small however much mail goes out."""
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    finished = DBTaskResult.objects.filter(backend_name=BACKEND)
    finished.filter(
        status=TaskResultStatus.SUCCESSFUL, finished_at__lt=now - timedelta(days=7)
    ).delete()
    finished.filter(
        status=TaskResultStatus.FAILED, finished_at__lt=now - timedelta(days=90)
    ).delete()
