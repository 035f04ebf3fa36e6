"""The settings rules a deployment relies on, each checked in a fresh interpreter."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD_SECRET = "k" * 20 + "-production-secret-for-the-settings-test-0123456789"


def run_python(code, settings_module, **env):
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    clean.update(env, DJANGO_SETTINGS_MODULE=settings_module)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def run_manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


SETUP = "import django; django.setup(); from django.conf import settings; "


def test_production_refuses_to_start_without_a_secret_key():
    result = run_python(SETUP, "portal.settings.production", ALLOWED_HOSTS="chinhphu.example")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_a_short_secret_key():
    result = run_python(
        SETUP, "portal.settings.production", SECRET_KEY="short", ALLOWED_HOSTS="chinhphu.example"
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_python(SETUP, "portal.settings.production", SECRET_KEY=GOOD_SECRET)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must list" in result.stderr


def test_production_refuses_to_start_without_a_shared_cache():
    result = run_python(
        SETUP,
        "portal.settings.production",
        SECRET_KEY=GOOD_SECRET,
        ALLOWED_HOSTS="chinhphu.example",
        REDIS_URL="",
    )
    assert result.returncode != 0
    assert "REDIS_URL must name the Redis" in result.stderr


def test_production_deploy_check_prints_no_warning(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        "--settings=portal.settings.production",
        SECRET_KEY=GOOD_SECRET,
        ALLOWED_HOSTS="chinhphu.example",
        REDIS_URL="redis://127.0.0.1:6379/9",
        # Not this checkout's demo database, nor the PostgreSQL pass's, whose Site may point
        # elsewhere (portal.W001): an empty SQLite database of its own.
        PORTAL_VAR_DIR=str(tmp_path),
        DATABASE_URL="",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_base_settings_are_secure_by_default():
    result = run_python(
        "from portal.settings import base as s;print(s.DEBUG, repr(s.SECRET_KEY), s.ALLOWED_HOSTS)",
        "portal.settings.base",
        DEBUG="",
    )
    assert result.stdout.strip() == "False '' []"


@pytest.mark.parametrize(
    ("redis_url", "cache_backend"),
    [
        ("redis://127.0.0.1:6379/5", "django_redis.cache.RedisCache"),
        ("", "django.core.cache.backends.locmem.LocMemCache"),
    ],
)
def test_redis_url_decides_where_cache_and_sessions_live(redis_url, cache_backend):
    result = run_python(
        SETUP + "print(settings.CACHES['default']['BACKEND'], settings.SESSION_ENGINE)",
        "portal.settings.dev",
        REDIS_URL=redis_url,
    )
    backend, session_engine = result.stdout.split()
    assert backend == cache_backend
    # Sessions are read from that cache and written through to the database.
    assert session_engine == "django.contrib.sessions.backends.cached_db"


def test_database_url_selects_postgresql():
    result = run_python(
        SETUP
        + "print(settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME'])",
        "portal.settings.dev",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/portal",
    )
    assert result.stdout.split() == ["django.db.backends.postgresql", "portal"]


def test_portal_is_vietnamese_in_vietnam_time():
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"


def test_admin_speaks_vietnamese(client, db):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert 'lang="vi"' in response.text
    assert "Đăng nhập" in response.text
    for label in ("Tên đăng nhập", "Mật khẩu", "Nhập tên đăng nhập", "Quên mật khẩu?"):
        assert label in response.text
    assert "Password" not in response.text


def test_uploads_live_in_var_uploads_at_slash_uploads():
    result = run_python(
        SETUP + "print(settings.MEDIA_ROOT, settings.MEDIA_URL)", "portal.settings.dev"
    )
    media_root, media_url = result.stdout.split()
    assert Path(media_root) == ROOT / "var" / "uploads"
    assert media_url == "/uploads/"


def test_logs_are_json_lines_on_stdout():
    result = run_python(
        SETUP + "import logging; logging.getLogger('portal').warning('Đã đăng bài %s', 42)",
        "portal.settings.dev",
    )
    record = json.loads(result.stdout.strip().splitlines()[-1])
    assert record["message"] == "Đã đăng bài 42"
    assert record["level"] == "WARNING"
    assert record["logger"] == "portal"
