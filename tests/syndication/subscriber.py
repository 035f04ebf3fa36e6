"""A WebSub subscriber, for real: a callback on 127.0.0.1 that answers the hub's verification and
keeps what the hub delivers, as an outlet's server would, and the requests it sends the hub."""

import threading
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from syndication.models import Subscription
from syndication.websub import tasks
from tests.factories import ArticlePageFactory
from tests.queue import run_queue

# The test site's root (tests/conftest.py, `home_page`) and two of its feeds.
ROOT = "http://localhost"
THOI_SU = f"{ROOT}/feeds/section/thoi-su.rss"
LATEST = f"{ROOT}/feeds/latest.atom"


@dataclass
class Delivery:
    path: str
    headers: dict
    body: bytes


class Callback:
    """`echo`: "challenge" (agrees), "wrong" (answers 200 with another text), "refuse" (404).
    `status`: what it answers a delivery with (204, 500, 410…)."""

    def __init__(self, echo="challenge", status=204):
        self.echo, self.status = echo, status
        self.verifications = []  # each the query of a GET, one value per name
        self.deliveries = []
        self.port = None

    def url(self, path="/nhan-tin"):
        return f"http://127.0.0.1:{self.port}{path}"

    def delivered_to(self, path):
        return [delivery for delivery in self.deliveries if delivery.path == path]


def _handler(callback):
    class Handler(BaseHTTPRequestHandler):
        timeout = 5  # a hub that stops mid-request cannot hold the thread

        def do_GET(self):
            parts = urlsplit(self.path)
            query = {name: values[-1] for name, values in parse_qs(parts.query).items()}
            callback.verifications.append({"path": parts.path, **query})
            if callback.echo == "refuse":
                self._answer(404, b"Kh\xc3\xb4ng")
            elif callback.echo == "wrong":
                self._answer(200, b"dong-y")
            else:
                self._answer(200, query.get("hub.challenge", "").encode())

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            headers = {name.lower(): value for name, value in self.headers.items()}
            callback.deliveries.append(Delivery(urlsplit(self.path).path, headers, body))
            self._answer(callback.status, b"")

        def _answer(self, status, body):
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    return Handler


@contextmanager
def callback_server(**behaviour):
    """A Callback listening on 127.0.0.1 for the block's length."""
    callback = Callback(**behaviour)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(callback))
    server.daemon_threads = True
    callback.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield callback
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def ask(client, mode="subscribe", topic=THOI_SU, callback="", **extra):
    data = {"hub.mode": mode, "hub.topic": topic, "hub.callback": callback}
    data.update({f"hub.{name}": value for name, value in extra.items()})
    return client.post("/websub/", data)


def subscribed(client, callback, topic=THOI_SU, path="/nhan-tin", **extra):
    """Subscribe `callback`'s `path` to `topic` and let the hub verify it."""
    assert ask(client, topic=topic, callback=callback.url(path), **extra).status_code == 202
    run_queue()
    return Subscription.objects.get(topic=topic, callback=callback.url(path))


def publish(section, django_capture_on_commit_callbacks, title="Thủ tướng chủ trì hội nghị"):
    article = ArticlePageFactory(parent=section, title=title, live=False, first_published_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    return article


def queued_deliveries():
    return DBTaskResult.objects.filter(
        task_path=tasks.deliver.module_path, status=TaskResultStatus.READY
    )
