"""The task queue in tests: `run_queue()` runs what is queued, in this process, as the worker
`manage.py db_worker` runs it (its `run_task`), until nothing is ready. The worker's own loop
closes the database connection between tasks, which a test's transaction cannot survive."""

from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from core.queue import BACKEND


def run_queue(max_tasks=1000):
    """Run every ready task, and those they enqueue; answers how many ran."""
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name=BACKEND,
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    ran = 0
    while ran < max_tasks:
        row = DBTaskResult.objects.ready().filter(backend_name=BACKEND).first()
        if row is None:
            break
        row.claim(worker.worker_id)
        worker.run_task(row)
        ran += 1
    return ran
