"""What `make bench` and `make soak` share: where they write, the machine they run on, the tools
they need, the environment of the gunicorn they start, and their log lines."""

import os
import platform
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", ROOT / "var"))
OUT = VAR_DIR / "bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/5"
SHARED_REDIS_DBS = {"0", "1"}  # others' (CI, development): the bench never uses them by default
APT_PACKAGES = {"wrk": "wrk", "nginx": "nginx-light"}


STARTED = time.monotonic()


def logger(name):
    """A `log(message)` whose lines start with `name` and the seconds since this module loaded."""

    def log(message):
        print(f"[{name} {time.monotonic() - STARTED:4.0f} s] {message}", flush=True)

    return log


log = logger("bench")  # make bench's lines
soak_log = logger("soak")  # make soak's


# --- the machine and its tools ---------------------------------------------------------------


def machine():
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.MULTILINE)
    meminfo = Path("/proc/meminfo").read_text()
    ram_kb = int(re.search(r"^MemTotal:\s+(\d+)", meminfo, re.MULTILINE).group(1))
    os_name = platform.platform()
    release = Path("/etc/os-release")
    if release.exists():
        pretty = re.search(r'^PRETTY_NAME="?([^"\n]+)', release.read_text(), re.MULTILINE)
        os_name = pretty.group(1) if pretty else os_name
    return {
        "cpu": model.group(1).strip() if model else platform.processor() or "unknown CPU",
        "cores": len(os.sched_getaffinity(0)),
        "ram_gb": round(ram_kb / 1024 / 1024, 1),
        "os": os_name,
        "kernel": platform.release(),
        "python": platform.python_version(),
    }


def find_tool(name):
    found = shutil.which(name)
    if found:
        return found
    for folder in ("/usr/sbin", "/usr/local/sbin", "/sbin"):
        candidate = Path(folder) / name
        if candidate.exists():
            return str(candidate)
    return None


def ensure_tools():
    """wrk and nginx, installed from Debian when missing (as root); varnishd only if present."""
    missing = [name for name in APT_PACKAGES if not find_tool(name)]
    if missing:
        packages = [APT_PACKAGES[name] for name in missing]
        if os.geteuid() != 0 or not shutil.which("apt-get"):
            sys.exit(f"bench: {', '.join(missing)} missing: apt-get install {' '.join(packages)}")
        log(f"installing {' '.join(packages)} with apt-get")
        install = ["apt-get", "install", "-y", "--no-install-recommends", *packages]
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        if subprocess.run(install, env=env, check=False).returncode != 0:  # noqa: S603
            subprocess.run(["apt-get", "update"], env=env, check=True)  # noqa: S607
            subprocess.run(install, env=env, check=True)  # noqa: S603
    return {name: find_tool(name) for name in (*APT_PACKAGES, "varnishd")}


VERSION = re.compile(r"(wrk|nginx|varnish)\D*?(\d+\.\d+(?:\.\d+)?)")


def tool_version(argv):
    """ "wrk 4.1.0", "nginx 1.22.1", "varnish 7.1.1", from what the tool prints."""
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=10, check=False)  # noqa: S603
    except OSError:
        return None
    match = VERSION.search(done.stdout + done.stderr)
    return f"{match.group(1)} {match.group(2)}" if match else None


# --- settings --------------------------------------------------------------------------------


def server_environment(mail_port):
    """The environment of gunicorn (and of this process, bar the log level)."""
    redis_url = os.environ.get("REDIS_URL") or DEFAULT_REDIS_URL
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.bench",
        # A fresh secret each run: production.py's own check (50+ characters) passes as on a
        # server, and no real secret is ever needed.
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "REDIS_URL": redis_url,
        "SECURE_SSL_REDIRECT": "false",  # plain HTTP on 127.0.0.1; the balancer does TLS
        "BENCH_FLOOR_FILE": str(OUT / "home.html"),
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(mail_port),
        "EMAIL_USE_TLS": "false",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    return env


def check_services(env):
    import redis

    try:
        redis.Redis.from_url(env["REDIS_URL"], socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        sys.exit(f"bench: Redis at {env['REDIS_URL']} does not answer ({error})")
    if not env.get("DATABASE_URL") and not (VAR_DIR / "portal.sqlite3").exists():
        sys.exit("bench: no database: run `make setup` (demo on SQLite) or set DATABASE_URL")


def manage(env, *args):
    argv = [str(VENV / "bin" / "python"), "manage.py", *args]
    subprocess.run(argv, cwd=ROOT, env=env, check=True)  # noqa: S603


def enter_root():
    """Run from the project root, with its packages importable, as `make` runs the entry points."""
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    # A `kill <pid>` of the runner still stops what it started.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))


def database(pages):
    """The database a run measured: its engine, its name, and `pages` (its page counts)."""
    from django.conf import settings
    from django.db import connection

    return {
        "engine": connection.vendor,
        "name": str(settings.DATABASES["default"]["NAME"]),
        "pages": pages,
    }
