"""The soak's load: its addresses, a driver of Python threads that sends reads, conditional feed
polls and comment posts at fixed rates, and the round-robin balancer it sends them through."""

import http.client
import itertools
import json
import math
import random
import re
import threading
import time

from .comments import csrf_cookie, form_post, payload
from .soak_accounting import CONNECT, IN_FLIGHT, Attempt, Record

DOWN_S = 2  # how long the balancer leaves out an instance that failed a request
TIMEOUT_S = 30
OUTLETS = 800  # issue 8: ~800 outlets, each polling every few minutes

# Of every 100 reads, how many of each kind; the rates are bench/soak.py's.
READ_MIX = {"home": 15, "section": 20, "article": 35, "policy": 10, "search": 10, "document": 10}
SEARCHES = ["chính phủ", "chinh phu", "nghị định", "kinh te", "chuyển đổi số", "y te"]


# --- the addresses ---------------------------------------------------------------------------


def choose_paths():
    """{kind: [paths]} of the reads, the feeds, and the live policies (for the comment form)."""
    from wagtail.models import Site

    from newsroom.models import SectionPage
    from newsroom.models.listing import published_stories
    from policy_pages.models import LegalDocumentPage, PolicyPage

    from .scenarios import page_path, search_path

    site = Site.objects.get(is_default_site=True)
    sections = [page_path(s) for s in SectionPage.objects.live()[:10]]
    paths = {
        "home": [page_path(site.root_page)],
        "section": [f"{p}?page={n}" if n > 1 else p for p in sections for n in (1, 2)],
        "article": [page_path(p) for p in published_stories()[:200]],
        "policy": [page_path(p) for p in PolicyPage.objects.live()[:30]],
        "search": [search_path(q) for q in SEARCHES],
        "document": [page_path(p) for p in LegalDocumentPage.objects.published()[:50]],
    }
    paths = {kind: [p for p in found if p] for kind, found in paths.items()}
    feeds = ["/feeds/latest.rss", "/feeds/latest.atom", "/feeds/legal-documents.rss"]
    feeds += [f"/feeds/section/{p.strip('/').split('/')[-1]}.rss" for p in sections[:3]]
    return {kind: found for kind, found in paths.items() if found}, feeds


# --- the driver ------------------------------------------------------------------------------


class Balancer:
    """Round robin over the app processes; one that failed a request is left out DOWN_S."""

    def __init__(self, ports):
        self.ports = ports
        self.names = list(ports)
        self.turn = itertools.count()
        self.down_until = {}
        self.lock = threading.Lock()

    def order(self, now):
        start = next(self.turn) % len(self.names)
        turn = self.names[start:] + self.names[:start]
        with self.lock:
            up = [n for n in turn if self.down_until.get(n, 0) <= now]
        return up + [n for n in turn if n not in up]

    def mark_down(self, name, now):
        with self.lock:
            self.down_until[name] = now + DOWN_S


class Driver:
    def __init__(self, ports, *, started):
        self.balancer = Balancer(ports)
        self.started = started
        self.records = []
        self.lock = threading.Lock()

    def now(self):
        return time.monotonic() - self.started

    def attempt(self, name, method, path, headers, body):
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.balancer.ports[name], timeout=TIMEOUT_S
        )
        started = self.now()
        try:
            connection.connect()
        except OSError as error:
            connection.close()
            return Attempt(name, started, self.now(), phase=CONNECT, error=type(error).__name__)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            answer = connection.getresponse()
            content = answer.read()
        except (OSError, http.client.HTTPException) as error:
            return Attempt(name, started, self.now(), phase=IN_FLIGHT, error=type(error).__name__)
        finally:
            connection.close()
        attempt = Attempt(name, started, self.now(), status=answer.status)
        attempt.response = (answer, content)
        return attempt

    def send(self, kind, path, *, method="GET", headers=None, body=None):
        """(Record, (http.client response, body) or None), retried as the module docstring of
        soak_accounting says."""
        record = Record(kind, method, path)
        for name in self.balancer.order(self.now()):
            attempt = self.attempt(name, method, path, headers, body)
            record.attempts.append(attempt)
            if attempt.status is not None:
                break
            self.balancer.mark_down(name, self.now())
            if attempt.phase == IN_FLIGHT and method != "GET":
                break  # sent: a POST is never sent twice
        with self.lock:
            self.records.append(record)
        return record, getattr(record.final, "response", None)


def paced(rate, threads, until, work):
    """Run `work()` `rate` times a second in all, from `threads` threads, until `until()` is
    past; a thread that falls behind (a slow answer) skips what it missed rather than bursting."""
    interval = threads / rate

    def loop(offset):
        next_at = time.monotonic() + offset
        while True:
            now = time.monotonic()
            if next_at > now:
                time.sleep(next_at - now)
            if until():
                return
            work()
            next_at += interval
            if time.monotonic() - next_at > 2 * interval:
                next_at = time.monotonic()

    return [
        threading.Thread(target=loop, args=(i * interval / threads,), daemon=True)
        for i in range(threads)
    ]


class Load:
    def __init__(self, driver, args, *, reads, feeds, form, run_id, min_seconds):
        self.driver, self.args = driver, args
        self.reads, self.feeds = reads, feeds
        self.form, self.run_id = form, run_id
        self.min_seconds = min_seconds
        self.kinds = [k for k in READ_MIX if k in reads]
        self.weights = [READ_MIX[k] for k in self.kinds]
        self.validators = {}  # outlet -> headers for its next conditional poll
        self.outlets = itertools.count()
        self.comment_numbers = itertools.count()
        self.random = random.Random(run_id)  # noqa: S311  (which page to read: no secret)
        self.stop_at = None

    def done(self):
        return time.monotonic() >= self.stop_at

    def read(self):
        kind = self.random.choices(self.kinds, self.weights)[0]
        self.driver.send(kind, self.random.choice(self.reads[kind]))

    def poll_feed(self):
        """One outlet's poll of its feed, with the ETag and Last-Modified of its previous answer.
        The outlets take turns, as each polls on its own schedule: at 5 polls a second each of
        the 800 comes back every 160 s, so its first poll has nothing to send back."""
        outlet = next(self.outlets) % OUTLETS
        headers = self.validators.get(outlet, {})
        feed = self.feeds[outlet % len(self.feeds)]
        _record, response = self.driver.send("feed", feed, headers=headers)
        if response and response[0].status == 200:
            answer = response[0]
            kept = {}
            if answer.getheader("ETag"):
                kept["If-None-Match"] = answer.getheader("ETag")
            if answer.getheader("Last-Modified"):
                kept["If-Modified-Since"] = answer.getheader("Last-Modified")
            self.validators[outlet] = kept

    def comment(self):
        """A reader's send: the form's tokens (as participation-form.js asks for them), a pause
        past MIN_SECONDS (a faster send is refused as a robot's), then the POST."""
        number = next(self.comment_numbers)
        _record, response = self.driver.send("form_tokens", self.form["tokens_url"])
        if not response or response[0].status != 200:
            return
        answer, content = response
        tokens = json.loads(content)
        cookie = csrf_cookie(answer.headers.get_all("Set-Cookie") or [])
        time.sleep(self.min_seconds + 0.3)
        fields = payload(self.form, token=tokens["token"], index=number, run_id=self.run_id)
        fields["csrfmiddlewaretoken"] = tokens["csrfmiddlewaretoken"]
        headers, body = form_post(fields, cookie)
        record, response = self.driver.send(
            "comment", self.form["action"], method="POST", headers=headers, body=body
        )
        if response and response[0].status == 303:
            found = re.search(r"/bien-nhan/([^/?]+)/", response[0].getheader("Location") or "")
            record.receipt = found.group(1) if found else ""

    def threads(self):
        args = self.args
        # A thread waits for each answer: enough of them that slow answers (a cold page, a busy
        # machine) do not pull the rate down.
        read_threads = max(4, math.ceil(args.read_rps / 4))
        # Each send takes MIN_SECONDS plus two requests: enough threads to keep the rate.
        comment_threads = max(1, math.ceil(args.comment_rps * (self.min_seconds + 1.5)))
        found = paced(args.read_rps, read_threads, self.done, self.read)
        if args.feed_rps > 0:
            found += paced(args.feed_rps, 2, self.done, self.poll_feed)
        if args.comment_rps > 0:
            found += paced(args.comment_rps, comment_threads, self.done, self.comment)
        return found
