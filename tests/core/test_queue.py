"""The task queue's own recoveries: a task whose worker died mid-run is run again."""

from datetime import timedelta

from django.utils import timezone

from django_tasks_db.models import DBTaskResult

from alerts.tasks import send_pending
from core.queue import requeue_stalled


def test_a_task_whose_worker_died_is_enqueued_again_and_the_stale_row_closed(db):
    send_pending.enqueue()
    row = DBTaskResult.objects.get()
    row.claim("a-worker-that-died")
    DBTaskResult.objects.filter(pk=row.pk).update(started_at=timezone.now() - timedelta(minutes=11))
    assert requeue_stalled() == 1
    row.refresh_from_db()
    assert row.status == "FAILED" and row.exception_class_path.endswith("WorkerStopped")
    [again] = DBTaskResult.objects.filter(status="READY")
    assert again.task_path == row.task_path
    assert requeue_stalled() == 0


def test_a_task_running_for_a_short_while_is_left_alone(db):
    send_pending.enqueue()
    DBTaskResult.objects.get().claim("a-busy-worker")
    assert requeue_stalled() == 0
    assert DBTaskResult.objects.get().status == "RUNNING"
