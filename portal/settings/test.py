"""The test suite: fast hashing, files in a temporary folder, no manifest for static files.

DATABASE_URL and REDIS_URL are honoured as in base: CI runs the same suite on PostgreSQL and Redis.
"""

import os
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="portal-test-uploads-"))
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="portal-test-static-"))
STORAGES = {
    **STORAGES,  # noqa: F405
    "default": {"BACKEND": "core.upload_storage.WholeFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SERVE_UPLOADS = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
LOGGING = {"version": 1, "disable_existing_loggers": False}
# The WebSub tests' subscribers listen on 127.0.0.1 (tests/syndication/test_websub.py).
WEBSUB_ALLOW_PRIVATE_CALLBACKS = True
# Tests read pages right after changing them behind Wagtail's signals (factories save pages
# without publishing them); the page cache's own tests turn it on, servers by the environment.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # Tests build their own database, in a file of this process's own (never var/, absent in a
    # clean clone), not in memory: Django shares one in-memory connection between the live
    # server's request threads and the test, so a browser's overlapping requests (autosave while
    # a form posts) broke each other's transactions ("no such savepoint", "database table is
    # locked"). On a file each thread has its own connection and waits out the others' locks,
    # as on PostgreSQL. pytest-django adds the xdist worker's suffix to the name.
    DATABASES["default"]["NAME"] = ":memory:"  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"portal-test-{os.getpid()}.sqlite3")
    }
# pytest-xdist's workers (`make test` runs two) share the Redis of REDIS_URL, and every test
# empties its cache, which is a FLUSHDB (tests/conftest.py): each worker takes a database of
# its own, gw0 the one REDIS_URL names, gw1 the next. Server processes a test starts inherit
# both variables from the worker and so read the same database as the test.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if REDIS_URL and _WORKER.startswith("gw"):  # noqa: F405
    _redis = urlsplit(REDIS_URL)  # noqa: F405 (from base)
    _db = int(_redis.path.strip("/") or 0) + int(_WORKER.removeprefix("gw"))
    for _cache in CACHES.values():  # noqa: F405
        _cache["LOCATION"] = urlunsplit(_redis._replace(path=f"/{_db}"))
