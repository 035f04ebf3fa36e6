"""A WebSub topic: the address of one of the portal's feeds, and what it holds now.

A topic is taken as the subscriber gave it (WebSub 5.1: the hub echoes it back unchanged), and
read through its path: the feed view it resolves to, hence the feed's name (syndication/feeds.py),
which is what a publication says changed (syndication/changes.py). What a delivery sends is
what a poll of the same address gets, made by the same view from the same cache.
"""

import io
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from django.core.handlers.wsgi import WSGIRequest
from django.http import Http404, HttpResponseNotFound
from django.urls import Resolver404, resolve
from django.utils.encoding import iri_to_uri

from wagtail.models import Site

from .. import feeds, views


class NotATopic(Exception):
    """The address is not one of the portal's feeds (the message says why, in Vietnamese)."""


@dataclass(frozen=True)
class Topic:
    url: str
    site: Site
    path: str
    query: str
    source: str
    arguments: dict = field(default_factory=dict)  # the address's own (slug, kind, fmt)
    name: str = ""  # the feed's name: `latest`, `section/thoi-su`

    @property
    def outlet_key(self):
        """The outlet key given with `?k=` (syndication/models/outlets.py), or ""."""
        return parse_qs(self.query).get("k", [""])[0]


def sites_by_root():
    return {site.root_url: site for site in Site.objects.all()}


def topic_of(url, sites=None):
    """The Topic `url` names; raises NotATopic. `sites` (sites_by_root()) saves a query per
    address when many are read at once."""
    try:
        parts = urlsplit(url or "")
    except ValueError:  # an unclosed IPv6 bracket, …
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
        raise NotATopic("hub.topic phải là địa chỉ đầy đủ của một nguồn tin RSS/Atom của cổng.")
    site = (sites if sites is not None else sites_by_root()).get(f"{parts.scheme}://{parts.netloc}")
    if site is None:
        raise NotATopic("hub.topic không thuộc cổng này: hãy dùng địa chỉ ghi trong nguồn tin.")
    try:
        match = resolve(parts.path)
    except Resolver404:
        match = None
    if match is None or match.func is not views.feed:
        raise NotATopic("hub.topic không phải là một nguồn tin RSS/Atom của cổng (xem /feeds/).")
    arguments = dict(match.kwargs)
    source = arguments.pop("source")
    own = {name: value for name, value in arguments.items() if name != "fmt"}
    return Topic(
        url=url,
        site=site,
        path=parts.path,
        query=parts.query,
        source=source,
        arguments=arguments,
        name=feeds.feed_name(source, **own),
    )


def request_for(topic):
    """A GET of the topic's address on its site, as an outlet's poll would arrive (no cookie,
    no validators). Marked as the hub's, so that it is not counted as an outlet's poll."""
    root = urlsplit(topic.site.root_url)
    request = WSGIRequest(
        {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": topic.path,
            "SCRIPT_NAME": "",
            # WSGI carries the query string as Latin-1: an outlet's "?loai=nghị-định" encoded.
            "QUERY_STRING": iri_to_uri(topic.query),
            "SERVER_NAME": topic.site.hostname,
            "SERVER_PORT": str(root.port or (443 if root.scheme == "https" else 80)),
            "HTTP_HOST": root.netloc,
            "wsgi.url_scheme": root.scheme,
            "wsgi.input": io.BytesIO(b""),
        }
    )
    request._wagtail_site = topic.site
    request.websub_delivery = True
    return request


def check_exists(topic):
    """Raises NotATopic when the feed cannot be made: a section, topic or policy that does not
    exist (or is not live and public) on the topic's site."""
    own = {name: value for name, value in topic.arguments.items() if name != "fmt"}
    try:
        feeds.find(request_for(topic), topic.site, topic.source, **own)
    except Http404:
        raise NotATopic(
            "Không có nguồn tin này: chuyên mục, chủ đề hoặc chính sách không tồn tại."
        ) from None


def current(topic):
    """The feed's answer now (status, body, headers), from the feed view, as a poll gets it:
    a 404 when the feed is gone (the view raises Http404, which only the handler turns into an
    answer)."""
    try:
        return views.feed(request_for(topic), topic.source, **topic.arguments)
    except Http404:
        return HttpResponseNotFound()
