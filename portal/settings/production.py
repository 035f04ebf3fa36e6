"""Production: refuses to start without what it needs, HTTPS only.

Required: SECRET_KEY (at least 50 characters), ALLOWED_HOSTS and REDIS_URL (the cache every app
process shares: without it each process would keep its own copy of feeds and of the list of
restricted pages, and a withdrawn story could stay in another process's feeds). Expected:
DATABASE_URL (PostgreSQL), see docs/deploy.md.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, REDIS_URL, SECRET_KEY, env_bool

if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters in production."
    )
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the portal's host names in production.")
if not REDIS_URL:
    raise ImproperlyConfigured(
        "REDIS_URL must name the Redis every app process shares in production: a cache of each "
        "process's own would serve withdrawn stories from the others."
    )

DEBUG = False

# HTTPS: the load balancer terminates TLS and says so in X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the load balancer probes over plain HTTP
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
