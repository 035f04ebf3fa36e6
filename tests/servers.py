"""Real server processes for the tests that need more than Django's test client: gunicorn with
the test settings on a database every process can read (PostgreSQL, CI's second pass)."""

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

import pytest
import requests

ROOT = Path(__file__).resolve().parents[1]

# Tests that start server processes (gunicorn, varnishd) run on one xdist worker, one after
# another: free_port() names a port that is free now, not once the server binds it, and two
# gunicorns of sixteen threads each at once would crowd the two cores that their timing
# assertions allow for. `make test` runs with --dist loadgroup.
# Not in effect today: pytest-xdist 3.8 marks a group by suffixing `item._nodeid`, which pytest 9.2
# no longer reads, so groups are spread over both workers. Setting the id the pytest 9 way moves
# each group's transactional tests ahead of others on a worker, and the flush they end with takes
# the migrations' data (locale, root page, roles) from the tests after them: to be mended with
# those tests restoring it (serialized_rollback) before the groups are turned back on.
one_server_at_a_time = pytest.mark.xdist_group("servers")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def portal_server(database_url, **extra_env):
    """gunicorn serving the portal with the test settings on `database_url`, stopped after."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": database_url,
        **extra_env,
    }
    command = [sys.executable, "-m", "gunicorn", "portal.wsgi:application"]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", "4", "--threads", "4"]
    # A kept-alive connection outlives any pause between one client's requests: gunicorn closes
    # an idle one after --keep-alive seconds (2 by default), and a request sent as it does is
    # dropped unanswered (RemoteDisconnected), which on a loaded machine came once in 2,400.
    command += ["--timeout", "60", "--keep-alive", "75", "--log-level", "warning"]
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                requests.get(base + "/healthz", timeout=5)  # 503 is an answer too
                break
            except requests.RequestException:
                time.sleep(0.2)
        else:
            pytest.fail("the portal did not start within 30 s")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def live_database_url():
    settings = connection.settings_dict
    user = settings["USER"] or "postgres"
    host, port = settings["HOST"] or "127.0.0.1", settings["PORT"] or 5432
    return f"postgres://{user}@{host}:{port}/{settings['NAME']}"


@contextmanager
def task_process(database_url, *command, **extra_env):
    """A `manage.py` command of the task queue (`db_worker`, `run_scheduler`) with the test
    settings on `database_url`, as in production; killed after if still running."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": database_url,
        **extra_env,
    }
    process = subprocess.Popen([sys.executable, "manage.py", *command], cwd=ROOT, env=env)
    try:
        yield process
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def worker(database_url, **extra_env):
    return task_process(
        database_url,
        *("db_worker", "--backend", "queue", "--queue-name", "*", "--interval", "0.1"),
        **extra_env,
    )


def wait_for(condition, seconds, what):
    """Poll `condition()` until true; fail saying `what` after `seconds` (a bound, not a
    measurement: the test asserts what happened, never how fast)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} within {seconds} s")
        time.sleep(0.1)
