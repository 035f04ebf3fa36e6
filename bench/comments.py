"""The comment POST: the policy page's form, read from the page, sent N times by 20 clients.

As a reader's browser does: the cached policy page gives the form; its script then asks the
form-tokens address (`data-tokens`, policy_pages.views.form_tokens) for the CSRF cookie and field
and the signed time token, which is single-use. The bench fetches one set per POST beforehand, by
the same 20 clients, waits MIN_SECONDS (a younger token is refused as too fast), then sends.
A page whose form still carries its tokens inline (before that endpoint) gives one CSRF pair,
and the time tokens are made with the form's own `issue_token` (same SECRET_KEY as the server).
Every sender has its own email and text, so the per-email limit and the one-copy rule pass as for
real readers; the per-address limit is lifted by portal.settings.bench, since every request
comes from 127.0.0.1.
"""

import json
import time
from html.parser import HTMLParser
from urllib.parse import urlencode

from .load import request, run_requests

SUBMIT_MARK = "/y-kien/gui/"


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.action = None
        self.tokens_url = None
        self.fields = {}
        self.choices = {}
        self._inside = False
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and SUBMIT_MARK in (attrs.get("action") or ""):
            self._inside, self.action = True, attrs["action"]
            self.tokens_url = attrs.get("data-tokens")
        if not self._inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("radio", "checkbox"):
                self.choices.setdefault(name, []).append(attrs.get("value", "on"))
                if "checked" in attrs:
                    self.fields[name] = attrs.get("value", "on")
            else:
                self.fields.setdefault(name, attrs.get("value") or "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields.setdefault(name, "")
        elif tag == "select" and name:
            self.fields.setdefault(name, "")

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "form" and self._inside:
            self._inside = False


def parse_form(html):
    """The comment form of a policy page: {"action", "tokens_url", "fields", "choices"}, or
    None when the page has none."""
    parser = _FormParser()
    parser.feed(html)
    if parser.action is None:
        return None
    return {
        "action": parser.action,
        "tokens_url": parser.tokens_url,
        "fields": parser.fields,
        "choices": parser.choices,
    }


def csrf_cookie(set_cookies):
    for header in set_cookies:
        first = header.split(";", 1)[0]
        name, _, value = first.partition("=")
        if name.strip() == "csrftoken":
            return value.strip()
    return None


def payload(form, *, token, index, run_id):
    """One reader's send: the page's own fields, a fresh token, a sender and text of its own."""
    fields = dict(form["fields"])
    fields.update(
        token=token,
        name=f"Người đọc thử {index}",
        email=f"bench-{run_id}-{index}@example.com",
        organisation="",
        body=(
            f"Ý kiến thử tải số {index} (lượt đo {run_id}): đề nghị làm rõ quy định chuyển tiếp "
            "và thời điểm có hiệu lực của dự thảo."
        ),
        website="",  # the honeypot stays empty
        consent="on",
    )
    fields.setdefault("kind", form["choices"].get("kind", ["hoi-dap"])[0])
    fields.setdefault("capacity", form["choices"].get("capacity", ["ca-nhan"])[0])
    return fields


def form_post(fields, cookie):
    """The headers and body of one send of the form, with the CSRF cookie its field pairs with."""
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={cookie}",
    }
    return headers, urlencode(fields).encode()


def fetch_tokens(port, form, *, policy_id, count, concurrency, page):
    """[(csrf cookie, csrf field, time token)] for `count` sends, and the Measure of fetching
    them (None when they came without asking the server)."""
    if form["tokens_url"]:
        jobs = [{"path": form["tokens_url"]} for _ in range(count)]
        measure, responses = run_requests(
            port, jobs, concurrency=concurrency, tool="python, threads"
        )
        tokens = []
        for response in responses:
            if response.status != 200:
                raise RuntimeError(f"{form['tokens_url']}: HTTP {response.status}")
            data = json.loads(response.body)
            cookie = csrf_cookie(response.headers["set-cookie-list"])
            tokens.append((cookie, data["csrfmiddlewaretoken"], data["token"]))
        return tokens, measure

    from policy_pages.submissions import issue_token

    cookie = csrf_cookie(page.headers["set-cookie-list"])
    field = form["fields"].get("csrfmiddlewaretoken")
    if not (cookie and field):
        raise RuntimeError("the policy page gave neither a tokens address nor a CSRF pair")
    return [(cookie, field, issue_token(policy_id)) for _ in range(count)], None


def post_comments(port, *, policy_path, policy_id, count, concurrency, run_id, min_seconds):
    """Send `count` comments: (Measure of the sends, Measure of the token fetches, details)."""
    page = request(port, policy_path)
    form = parse_form(page.body.decode("utf-8", "replace"))
    if form is None:
        raise RuntimeError(f"no comment form on {policy_path}")
    tokens, tokens_measure = fetch_tokens(
        port, form, policy_id=policy_id, count=count, concurrency=concurrency, page=page
    )
    time.sleep(min_seconds + 0.5)  # a token younger than MIN_SECONDS is refused as too fast
    jobs = []
    for index, (cookie, field, token) in enumerate(tokens):
        fields = payload(form, token=token, index=index, run_id=run_id)
        fields["csrfmiddlewaretoken"] = field
        headers, body = form_post(fields, cookie)
        jobs.append({"path": form["action"], "method": "POST", "headers": headers, "body": body})
    measure, responses = run_requests(port, jobs, concurrency=concurrency, tool="python, threads")
    refused = [r for r in responses if r.status != 303]
    details = {
        "action": form["action"],
        "tokens_url": form["tokens_url"],
        "kind": payload(form, token="", index=0, run_id=run_id)["kind"],
        "acknowledged": measure.statuses.get(303, 0),
        "first_refusal": refusal_text(refused[0]) if refused else None,
    }
    return measure, tokens_measure, details


def refusal_text(response):
    """The message a refused send shows, for the report."""
    text = response.body.decode("utf-8", "replace")
    for marker in ('role="alert"', "errorlist", "refusal"):
        at = text.find(marker)
        if at >= 0:
            return f"HTTP {response.status}: " + " ".join(text[at : at + 600].split())[:300]
    return f"HTTP {response.status}"
