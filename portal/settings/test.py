"""The test suite: fast hashing, files in a temporary folder, no manifest for static files.

DATABASE_URL and REDIS_URL are honoured as in base: CI runs the same suite on PostgreSQL and Redis.
"""

import os
import tempfile
from pathlib import Path

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
# Tests read pages right after changing them behind Wagtail's signals (factories save pages
# without publishing them); the page cache's own tests turn it on, servers by the environment.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # Tests build their own in-memory database; nothing should touch var/ (absent in a clean clone).
    DATABASES["default"]["NAME"] = ":memory:"  # noqa: F405
