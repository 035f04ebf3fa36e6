"""Settings shared by every environment: secure by default.

Every environment variable is read once, here at the top. ``dev`` loosens these settings,
``test`` makes them fast, ``production`` refuses to start without what it needs.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name):
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", BASE_DIR / "var"))

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", default=False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
DATABASE_URL = os.environ.get("DATABASE_URL", "")
REDIS_URL = os.environ.get("REDIS_URL", "")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "uploads"))
BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000").rstrip("/")
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# A change renews only the cached answers that show it (core/cache_tags.py). Off (CACHE_TAGS=0),
# every change renews everything, as the whole-site generation did: for `make bench`'s comparison.
CACHE_TAGS = os.environ.get("CACHE_TAGS", "1") != "0"
MEDIA_STORAGE_BACKEND = os.environ.get(
    "MEDIA_STORAGE_BACKEND", "core.upload_storage.WholeFileSystemStorage"
)
MEDIA_URL = os.environ.get("MEDIA_URL", "/uploads/")
# Varnish caches renewed by cache tag with every change (syndication/purge.py): their purge
# addresses, e.g. "http://127.0.0.1:6091" (deploy/varnish/portal.vcl accepts PURGE there only).
# Set, cached answers also carry their tags in an `xkey` header for Varnish (core/page_cache.py).
FRONTEND_CACHE_URLS = env_list("FRONTEND_CACHE_URLS")

# Mail: receipts to commenters and workflow notices to editors. SMTP from the environment in
# production (docs/deploy.md); development prints mail on the console, tests keep it in memory.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
# A mail server that hangs gives up the worker after this many seconds; the mail is tried again.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Cổng Thông tin điện tử Chính phủ <khong-tra-loi@localhost>"
)

# How many proxies (load balancer, Varnish…) stand before the app and append to X-Forwarded-For;
# 0 trusts no header and takes REMOTE_ADDR. The comment form's per-address limit needs the
# reader's real address (docs/deploy.md).
PORTAL_TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))

# Public participation (policy_pages.submissions): how fast is too fast, how long a form stays
# valid, and how many sends per address and per email in a window of seconds. The defaults suit
# the public site; a load test from one address raises PER_IP.
PORTAL_PARTICIPATION = {
    "MIN_SECONDS": int(os.environ.get("PARTICIPATION_MIN_SECONDS", "3")),
    "MAX_SECONDS": int(os.environ.get("PARTICIPATION_MAX_SECONDS", str(4 * 3600))),
    "PER_IP": (int(os.environ.get("PARTICIPATION_PER_IP", "10")), 600),
    "PER_EMAIL": (int(os.environ.get("PARTICIPATION_PER_EMAIL", "5")), 600),
}

# Email alerts (alerts/): how many confirmation requests per address and per email in a window of
# seconds, how many mails a second the workers send together (a shared counter in the cache),
# how many subscriptions one fan-out batch reads (a failed mail is tried again after 1, 5, 30,
# 120 and 360 minutes, core/queue.py, then marked failed for the admins).
PORTAL_ALERTS = {
    "SUBSCRIBE_PER_IP": (int(os.environ.get("ALERTS_SUBSCRIBE_PER_IP", "10")), 3600),
    "SUBSCRIBE_PER_EMAIL": (int(os.environ.get("ALERTS_SUBSCRIBE_PER_EMAIL", "3")), 3600),
    "SEND_PER_SECOND": int(os.environ.get("ALERTS_SEND_PER_SECOND", "50")),
    "BATCH": int(os.environ.get("ALERTS_BATCH", "500")),
    # A claimed delivery not marked sent within this time (its worker died) is claimed again.
    "CLAIM_SECONDS": int(os.environ.get("ALERTS_CLAIM_SECONDS", "600")),
}
# A task "running" longer than this had its worker die under it: the scheduler enqueues it again.
PORTAL_QUEUE_STALLED_SECONDS = int(os.environ.get("QUEUE_STALLED_SECONDS", "600"))

# Background work (core/queue.py): mail to readers, alerts' fan-out and digests, scheduled jobs,
# on django-tasks with its database backend; `manage.py db_worker --queue-name "*"` runs it.
# Wagtail's own tasks (search index, references) stay on "default", run inside the request as
# before, so a page is searchable as soon as it is published even with no worker running.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "queue": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["mail", "alerts", "jobs", "websub"],
    },
}

# The portal's WebSub hub (syndication/websub/) calls the addresses strangers give it. It never
# calls a private, loopback, link-local or reserved address (the portal's own network) unless
# this is on: tests only, whose subscribers listen on 127.0.0.1.
WEBSUB_ALLOW_PRIVATE_CALLBACKS = False

INSTALLED_APPS = [
    # The desks, then the shared building blocks, then the demo content that uses them all.
    "newsroom",
    "media",
    "policy_pages",
    "syndication",
    "alerts",
    "core",
    "core.accounts",
    "demo",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.table_block",
    "wagtail.contrib.routable_page",
    "wagtail.api.v2",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtailmedia",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before the page cache (and WhiteNoise): cached pages and static files carry the policy too.
    "core.csp.PortalCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before the page cache: takes an outlet's key (`?k=`) out of a feed's address, so keyed
    # polls share the cached feed, then counts them (syndication/outlet_polls.py).
    "syndication.outlet_polls.OutletPollMiddleware",
    # Before sessions and CSRF: a cached page is answered without touching either, and a
    # response that sets a cookie (a CSRF token, a session) is never kept.
    "core.page_cache.PageCacheMiddleware",
    "core.sites.SiteFromCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Editors' sessions: idle and absolute time-outs, then the second factor (core/accounts/).
    "core.accounts.session_timeouts.SessionTimeoutMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "core.accounts.two_factor.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so that it sees the final response of a failed login.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "core.context_processors.navigation",
            ],
        },
    },
]

# Database: SQLite in var/ unless DATABASE_URL names another (PostgreSQL in production).
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL or f"sqlite:///{VAR_DIR / 'portal.sqlite3'}",
        conn_max_age=0 if not DATABASE_URL else 60,
        conn_health_checks=bool(DATABASE_URL),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT: it compiles any query the planner thinks costly, and a page's joins (each page
    # type's table, core/specific.py) can take seconds to compile for milliseconds of work.
    # A database host that drops packets (rather than refusing) fails in 5 s, not the OS's
    # minutes: readers get the 503 page (core/outage.py), not a worker killed for its time-out.
    DATABASES["default"]["OPTIONS"] = {"options": "-c jit=off", "connect_timeout": 5}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while the editor saves; the timeout waits out a write lock
    # instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache and sessions: Redis when REDIS_URL is set (shared by every app process), else local memory.
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "portal",
            "TIMEOUT": 300,
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
                # A Redis outage must not take the site down: reads miss, writes are dropped,
                # and the database answers (sessions below are backed by it).
                "IGNORE_EXCEPTIONS": True,
                # redis-py 8 stops a process's pool at 100 connections, and every cache call
                # past it fails (ignored: the reader renders the page itself). A process that
                # serves many threads at once (a threaded worker, the 200 readers of
                # tests/core/test_page_cache_stampede.py) needs more; they open only as used.
                "CONNECTION_POOL_KWARGS": {"max_connections": 1000},
            },
        }
    }
    CACHES["renditions"] = {**CACHES["default"], "KEY_PREFIX": "portal-renditions"}
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "portal",
        },
        "renditions": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "renditions",
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        },
    }
# Wagtail looks a picture's renditions up here before the database, so a listing of twenty
# pictures costs no query once warm. A rendition never changes, so it is kept for a week.
CACHES["renditions"]["TIMEOUT"] = 7 * 24 * 3600
# Anonymous readers' pages are kept PAGE_CACHE_SECONDS in the shared cache, or until what they
# show changes (core/page_cache.py); 0 turns the page cache off. Never for these paths: the
# admin, the readers' forms and receipts, and files.
PAGE_CACHE_SKIP_PATHS = [
    "/admin/",
    "/y-kien/",
    "/documents/",
    "/healthz",
    "/static/",
    MEDIA_URL,
]
# Sessions are read from the cache (Redis when set) and written through to the database,
# so editors stay logged in when the cache is flushed or down.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Who may sign in and how, and the headers every answer carries (portal/settings/security.py).
from .security import *  # noqa: E402, F403

# Internationalisation: Vietnamese first, Vietnam time.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
# Fills the gaps in Wagtail's own Vietnamese catalogue, so editors work in Vietnamese.
LOCALE_PATHS = [BASE_DIR / "locale"]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]

# Static files: plain CSS and JS from static/, no build step; WhiteNoise serves them in production.
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]

# Uploads live in var/uploads/ at /uploads/: never in the `media` app folder, never at /media/.
STORAGES = {
    # Object storage in production: install its backend and name it in MEDIA_STORAGE_BACKEND.
    "default": {"BACKEND": MEDIA_STORAGE_BACKEND},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
FILE_UPLOAD_PERMISSIONS = 0o644
# Django serves uploads itself only in development and tests.
SERVE_UPLOADS = False
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Content-Security-Policy (core/csp.py). Readers' pages run only the portal's own files: no
# inline script or style anywhere in templates/ (tests/security/test_csp.py reads them all),
# no plug-ins, no <base>, forms post only here, never framed. Pictures, video, audio and
# captions come from the uploads, which may live on object storage (MEDIA_URL).
_uploads = urlsplit(MEDIA_URL)
_SELF_AND_UPLOADS = [
    "'self'",
    *([f"{_uploads.scheme}://{_uploads.netloc}"] if _uploads.netloc else []),
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": _SELF_AND_UPLOADS,
        "media-src": _SELF_AND_UPLOADS,
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# The Wagtail admin (Wagtail 8) still writes inline scripts (listings, inline panels, date
# pickers) and <style> elements, which a browser refuses under the readers' policy
# (tests/browser/test_csp_browser.py watches the admin under this one). It also shows pictures
# as data: and blob: URLs (previews of uploads, the focal-point chooser) and frames itself
# (the live preview panel). Everything else stays as strict.
PORTAL_ADMIN_CONTENT_SECURITY_POLICY = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": [*_SELF_AND_UPLOADS, "data:", "blob:"],
    "media-src": [*_SELF_AND_UPLOADS, "blob:"],
    "frame-src": ["'self'"],
    "frame-ancestors": ["'self'"],
}

# Wagtail
WAGTAIL_SITE_NAME = "Cổng Thông tin điện tử Chính phủ"
WAGTAILADMIN_BASE_URL = BASE_URL
WAGTAILADMIN_USER_LOGIN_FORM = "core.forms.PortalLoginForm"
WAGTAILIMAGES_IMAGE_MODEL = "media.PortalImage"
WAGTAILDOCS_DOCUMENT_MODEL = "media.PortalDocument"
WAGTAILMEDIA = {
    "MEDIA_MODEL": "media.PortalMedia",
    "MEDIA_FORM_BASE": "media.forms.PortalMediaForm",
    # What every browser plays without a plug-in; media.forms checks the file really is one.
    "AUDIO_EXTENSIONS": ["mp3", "m4a", "ogg", "opus", "wav"],
    "VIDEO_EXTENSIONS": ["mp4", "webm"],
}
WAGTAILSEARCH_BACKENDS = {
    "default": {
        # Wagtail's database backend, folding every query as the index folds words (the admin's
        # searches and the API's as well as the site search's).
        "BACKEND": "core.search.backend",
        # PostgreSQL only (SQLite ignores it): no stemming and no stop words, which in the server's
        # default "english" drop Vietnamese syllables such as "so", "the", "an" (core/search/).
        "SEARCH_CONFIG": "simple",
    }
}
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
# The admin's date fields read back what they show, day first: Django's Vietnamese locale names
# no input formats, and its defaults read "03/04/2026" as 4 March and refuse "15/03/2026".
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
]
# The portal runs with no internet: no update check, no gravatar.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Upload rules (media.forms adds the checks Wagtail leaves out: full decode, metadata stripping,
# file contents matching the document's extension, audio/video parsed before it is stored).
WAGTAILIMAGES_IMAGE_FORM_BASE = "media.forms.PortalImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "media.forms.PortalDocumentForm"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 64_000_000
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "odt", "ods"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
PORTAL_MEDIA_MAX_UPLOAD_SIZE = 500 * 1024 * 1024
PORTAL_CAPTIONS_MAX_UPLOAD_SIZE = 1024 * 1024
WAGTAILEMBEDS_FINDERS = []  # no oEmbed calls to outside services
# The read-only API (syndication/api.py): at most 50 items an answer, 20 unless asked.
WAGTAILAPI_LIMIT_MAX = 50

# Structured logging: one JSON object a line on stdout, for the platform's log collector.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": "time",  # ISO 8601 in UTC
            "json_ensure_ascii": False,
        },
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
        },
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["stdout"], "level": LOG_LEVEL, "propagate": False},
        "django.server": {"handlers": ["stdout"], "level": LOG_LEVEL, "propagate": False},
        # One line per background task (search index, reference index) drowns everything else.
        "django_tasks": {"handlers": ["stdout"], "level": "WARNING", "propagate": False},
    },
}

EMAIL_TIMEOUT = 10
SERVER_EMAIL = DEFAULT_FROM_EMAIL
