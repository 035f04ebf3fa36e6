"""`make bench`: production settings plus the framework floor, and nothing else that matters.

The runner (bench/run.py) sets SECRET_KEY, ALLOWED_HOSTS, REDIS_URL and SECURE_SSL_REDIRECT in the
environment, so production.py's own checks run as they would on a server. On top of them:

- ROOT_URLCONF adds `/__bench/floor` (bench/urls.py), a trivial view returning the saved home page
  bytes through the same middleware: the framework floor. The page cache skips it (a floor it
  answered from Redis would compare one cache hit with another); `/__bench/cached-floor` is the
  same view through the page cache. Production has neither address.
- Every cache's KEY_PREFIX starts with "bench-", so clearing the bench's cache deletes only its own
  keys, whichever Redis database it shares.
- STATIC_ROOT is var/bench/static, so the bench's collectstatic never leaves copies where a
  development server would serve them instead of static/.
- The comment form's per-address limit is lifted (every bench request comes from 127.0.0.1);
  the per-email limit and the time token's bounds stay as in production.
"""

import os

from .production import *  # noqa: F403
from .production import CACHES, PAGE_CACHE_SKIP_PATHS, PORTAL_PARTICIPATION, VAR_DIR

ROOT_URLCONF = "bench.urls"
PAGE_CACHE_SKIP_PATHS = [*PAGE_CACHE_SKIP_PATHS, "/__bench/floor"]  # not /__bench/cached-floor
BENCH_FLOOR_FILE = os.environ.get("BENCH_FLOOR_FILE", str(VAR_DIR / "bench" / "home.html"))

CACHES = {
    alias: {**config, "KEY_PREFIX": f"bench-{config.get('KEY_PREFIX', alias)}"}
    for alias, config in CACHES.items()
}
STATIC_ROOT = VAR_DIR / "bench" / "static"
PORTAL_PARTICIPATION = {**PORTAL_PARTICIPATION, "PER_IP": (1_000_000, 600)}
