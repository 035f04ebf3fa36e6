"""`make setup` speaks to people: a few Vietnamese lines ending with where to log in; the JSON
logs of its steps are kept in a file under the var directory."""

import fcntl
import json
import os
import shutil
import subprocess
import sys

import pytest

from tests.servers import ROOT, one_server_at_a_time
from tests.skips import needs_tool

# What the outer run set for itself (pytest's settings, CI's PostgreSQL and Redis, an enclosing
# `make test`) must not reach the demo set up here, on SQLite in a temporary var directory.
NOT_PASSED = ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL", "MAKEFLAGS", "MAKELEVEL")


@pytest.fixture(scope="module")
def setup_run(tmp_path_factory):
    """One `make setup` for the run, whichever xdist worker gets these tests first: the others
    wait on a lock and read its result (a module fixture would run once per worker, and each
    run takes a minute of both cores)."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    with open(shared / "make-setup.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        var, result = shared / "make-setup-var", shared / "make-setup.json"
        if not result.exists():
            var.mkdir(exist_ok=True)
            done = _make_setup(var)
            outcome = {"returncode": done.returncode, "stdout": done.stdout}
            result.write_text(json.dumps({**outcome, "stderr": done.stderr}), encoding="utf-8")
    outcome = json.loads(result.read_text(encoding="utf-8"))
    return var, subprocess.CompletedProcess(["make", "setup"], **outcome)


def _make_setup(var):
    env = {k: v for k, v in os.environ.items() if k not in NOT_PASSED and k != "MFLAGS"}
    env["PORTAL_VAR_DIR"] = str(var)
    # -o: the virtualenv is the one running these tests, never reinstalled from here.
    command = ["make", "--no-print-directory", "-o", ".venv/.installed", "setup"]
    command += [f"PY={sys.executable}", "PORT=8123"]
    return subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
    )


pytestmark = [
    one_server_at_a_time,  # a minute of both cores: not beside the servers' timing tests
    needs_tool("make", shutil.which("make"), "apt-get install make"),
]


def test_make_setup_prints_a_short_summary_ending_with_where_to_log_in(setup_run):
    var, done = setup_run
    assert done.returncode == 0, done.stdout + done.stderr
    lines = (done.stdout + done.stderr).strip().splitlines()
    assert len(lines) < 15, lines
    assert not [line for line in lines if line.lstrip().startswith("{")]
    address, admin = lines[-2:]
    assert "http://127.0.0.1:8123/" in address and "http://127.0.0.1:8123/admin/" in address
    assert "admin" in admin and str(var / "admin-password.txt") in admin
    assert (var / "admin-password.txt").exists()
    assert any(line.startswith("Nội dung mẫu: đã thêm") for line in lines)


def test_make_setup_keeps_the_logs_of_its_steps_under_the_var_directory(setup_run):
    var, done = setup_run
    assert done.returncode == 0, done.stdout + done.stderr
    log = (var / "setup.log").read_text(encoding="utf-8").splitlines()
    assert sum(line.startswith('{"level": ') for line in log) > 50
    assert (var / "portal.sqlite3").exists()
    assert (var / "uploads").is_dir()


def test_make_setup_points_the_site_where_make_run_serves_so_check_is_silent(setup_run):
    var, done = setup_run
    assert done.returncode == 0, done.stdout + done.stderr
    env = {k: v for k, v in os.environ.items() if k not in NOT_PASSED}
    env.update(PORTAL_VAR_DIR=str(var), BASE_URL="http://127.0.0.1:8123")
    run = [sys.executable, "manage.py", "shell", "-c"]
    code = "from wagtail.models import Site; print(Site.objects.get(is_default_site=True).root_url)"
    site = subprocess.run(
        [*run, code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert site.stdout.splitlines()[-1] == "http://127.0.0.1:8123", site.stdout + site.stderr
    check = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "portal.W001" not in check.stdout + check.stderr
