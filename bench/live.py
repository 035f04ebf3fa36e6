"""Issue 24: a live page's changes endpoint (core/live.py) under 2,000 readers polling it, and
the time from posting an update to an open page seeing it.

Part of `make bench`. Alone:

    .venv/bin/python -m bench.live [--seconds 70] [--connections 2000] [--posts 20] [--quick]

starts its own gunicorn with production settings as `make bench` does (same database and
Redis), finds the demo's live page (`make run` or `manage.py seed_demo` makes it), and prints
the numbers; it writes nothing (docs/performance.md is `make bench`'s).

- wrk holds `connections` readers, each polling the address every up-to-date open page asks
  for and sending back the ETag of its last 200, as a browser does with `cache: "no-cache"`
  (bench/wrk_live.lua): req/s, p50/p99, and the share of 304s and 200s.
- Meanwhile this process posts `posts` updates through the live desk (newsroom/live_desk.py,
  the ORM, committed), one every POST_EVERY seconds at a random point of the poll cycle, and a
  poller thread that behaves like live-coverage.js (every core.live.POLL_SECONDS, the `since`
  of the last answer) notes when each appears: the delay's p50 and max.

The bench's updates and its editor are deleted afterwards, and the page renewed.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import threading
import time
from pathlib import Path
from urllib.parse import quote

from .environment import (
    OUT,
    ROOT,
    VENV,
    check_services,
    ensure_tools,
    enter_root,
    log,
    manage,
    server_environment,
)
from .load import parse_wrk, request

WRK_LIVE = Path(__file__).with_name("wrk_live.lua")
POST_EVERY = 3.5  # seconds between posts: more than a poll, so each is seen on its own
BENCH_EDITOR = "bench-live-desk"
JSON_MARK = "BENCH_JSON "


def endpoint_of(page):
    page.refresh_from_db()
    page.__dict__.pop("_every_update", None)
    return f"{page.url}cap-nhat/?since={quote(page.since_stamp)}"


class Poller(threading.Thread):
    """An open page: every POLL_SECONDS, the endpoint with the `since` of its last answer and
    the ETag of its last 200; notes when each update id first appears."""

    def __init__(self, port, page_url, since, poll_seconds):
        super().__init__(daemon=True)
        self.port, self.page_url, self.since = port, page_url, since
        self.poll_seconds = poll_seconds
        self.seen = {}
        self.etag = None
        self.stopping = threading.Event()

    def run(self):
        while not self.stopping.is_set():
            headers = {"If-None-Match": self.etag} if self.etag else {}
            path = f"{self.page_url}cap-nhat/?since={quote(self.since)}"
            try:
                answer = request(self.port, path, headers=headers)
            except OSError:
                answer = None
            if answer is not None and answer.status == 200:
                self.etag = answer.headers.get("etag")
                data = json.loads(answer.body)
                now = time.monotonic()
                for item in data["updates"]:
                    self.seen.setdefault(item["id"], now)
                self.since = data["since"]
            self.stopping.wait(self.poll_seconds)


def run_wrk(wrk_path, url, seconds, connections):
    argv = [wrk_path, "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
    argv += ["-s", str(WRK_LIVE), url]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=seconds + 60, check=False)  # noqa: S603
    if done.returncode != 0:
        raise RuntimeError(f"wrk failed ({done.returncode}): {done.stderr or done.stdout}")
    measure = parse_wrk(done.stdout, connections)
    line = next(line for line in done.stdout.splitlines() if line.startswith(JSON_MARK))
    return measure, json.loads(line[len(JSON_MARK) :])["statuses"]


def post_updates(page, editor, count, poller):
    """Post `count` updates; {update id: seconds from its commit to the poller seeing it}."""
    from django.db import transaction

    from wagtail.rich_text import RichText

    from newsroom import live_desk

    posted = {}
    for number in range(1, count + 1):
        time.sleep(random.uniform(POST_EVERY - 1, POST_EVERY + 1))  # noqa: S311
        content = [("text", RichText(f"<p>Cập nhật đo hiệu năng số {number}.</p>"))]
        with transaction.atomic():
            update = live_desk.post(page, editor, content)
        posted[update.anchor] = time.monotonic()  # committed, renewed (on_commit)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and not set(posted) <= set(poller.seen):
        time.sleep(0.1)
    return {key: poller.seen[key] - at for key, at in posted.items() if key in poller.seen}


def bench_editor():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    User = get_user_model()
    User.objects.filter(username=BENCH_EDITOR).delete()
    editor = User.objects.create_user(BENCH_EDITOR, first_name="make bench")
    editor.groups.add(Group.objects.get(name="Biên tập viên"))
    return editor


def clean_up(page, editor):
    from core import live
    from newsroom.models import LiveUpdate

    LiveUpdate.objects.filter(page=page, posted_by=editor).delete()
    editor.delete()
    live.renew(page.pk)


def measure(port, tools, args):
    from core import live
    from newsroom.models import LiveCoveragePage

    page = LiveCoveragePage.objects.live().order_by("-started_at").first()
    if page is None:
        raise SystemExit("bench: no live page: run `make run` or `manage.py seed_demo` first")
    editor = bench_editor()
    try:
        url = endpoint_of(page)
        for _ in range(3):
            warm = request(port, url)
        check = request(port, url, headers={"If-None-Match": warm.headers.get("etag", "")})
        poller = Poller(port, page.url, page.since_stamp, live.POLL_SECONDS)
        poller.start()
        results = {}
        loader = threading.Thread(
            target=lambda: results.update(
                wrk=run_wrk(
                    tools["wrk"], f"http://127.0.0.1:{port}{url}", args.seconds, args.connections
                )
            )
        )
        loader.start()
        time.sleep(2)  # wrk's connections open
        delays = post_updates(page, editor, args.posts, poller)
        loader.join()
        poller.stopping.set()
    finally:
        clean_up(page, editor)
    return warm, check, results["wrk"], delays


def main(argv=None):
    from .run import WORKERS

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=None)
    parser.add_argument("--connections", type=int, default=2000)
    parser.add_argument("--posts", type=int, default=20)
    parser.add_argument("--quick", action="store_true", help="6 posts, wrk for as long")
    args = parser.parse_args(argv)
    if args.quick:
        args.posts = min(args.posts, 6)
    # wrk runs while the posts are made, and a few seconds after.
    args.seconds = args.seconds or int(args.posts * (POST_EVERY + 1) + 8)
    enter_root()

    from .servers import Gunicorn, MailSink, free_port

    tools = ensure_tools()
    mail = MailSink().start()
    env = server_environment(mail.port)
    check_services(env)
    os.environ.update({**env, "LOG_LEVEL": "WARNING"})
    log("collectstatic into var/bench/static")
    manage(env, "collectstatic", "--noinput", "-v0")

    import django

    django.setup()
    port = free_port()
    log(f"gunicorn: {WORKERS} sync workers on 127.0.0.1:{port}")
    app = Gunicorn(
        root=ROOT,
        venv=VENV,
        env=env,
        port=port,
        workers=WORKERS,
        log_path=OUT / "gunicorn-live.log",
    ).start()
    try:
        warm, check, (load, statuses), delays = measure(port, tools, args)
    finally:
        app.stop()
        mail.stop()
    answered = sum(statuses.values()) or 1
    print(
        f"Live endpoint, {args.connections} readers polling for {load.seconds:.0f} s while "
        f"{args.posts} updates were posted: {load.rps:,.0f} req/s, p50 {load.p50_ms:.1f} ms, "
        f"p99 {load.p99_ms:.1f} ms, errors {load.errors}; "
        f"304 {statuses['304'] / answered:.1%}, 200 {statuses['200'] / answered:.1%}, "
        f"other {statuses['other']}; a warm answer {len(warm.body):,} bytes, "
        f"its ETag revalidated: HTTP {check.status}"
    )
    if delays:
        values = sorted(delays.values())
        print(
            f"From posting to a poller seeing it (poll every {_poll_seconds()} s), "
            f"{len(values)} of {args.posts} seen: p50 {statistics.median(values):.2f} s, "
            f"max {values[-1]:.2f} s"
        )
    else:
        print("No posted update was seen by the poller.")
    ok = check.status == 304 and len(delays) == args.posts and max(delays.values()) <= 5
    return 0 if ok else 1


def _poll_seconds():
    from core import live

    return live.POLL_SECONDS


if __name__ == "__main__":
    raise SystemExit(main())
