"""Calling a subscriber's callback without being turned on the portal's own network.

Anyone can give the hub an address, and the hub then calls it from inside the portal's network:
without care, `http://10.0.0.5:6379/` or the cloud's metadata address would be reached from
there (server-side request forgery). So an address is refused unless every address its name
resolves to is public (`WEBSUB_ALLOW_PRIVATE_CALLBACKS` lifts this, for tests), and the
connection goes to the very address that was checked: a name that resolves to a public address
for the check and to a private one a moment later (DNS rebinding) still reaches the public one.
Redirects are never followed (a public address could send the hub to a private one), timeouts
are short, and only the first bytes of an answer are read.
"""

import contextlib
import http.client
import ipaddress
import socket
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.utils.encoding import iri_to_uri

TIMEOUT_SECONDS = 5
# The most one call may take in all, connecting, sending and reading (a delivery is ~100 kB).
CALL_SECONDS = 15
# The most of an answer the hub reads: a challenge echoed back is far shorter, and a delivery's
# answer is ignored (WebSub, 7).
READ_BYTES = 1024
USER_AGENT = "Cong-TTDT-WebSub-Hub/1.0"


class CallbackRefused(Exception):
    """The address cannot be called: its form, or where it leads. The message is Vietnamese,
    for the subscriber."""


class CallbackFailed(Exception):
    """The call did not get an answer: refused connection, timeout, broken TLS."""


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes


def checked_form(url):
    """`url` if it can be a callback: http(s), a host, no user name or password, a valid port;
    a host that is an address must be public. Raises CallbackRefused."""
    if not url or len(url) > 1000:
        raise CallbackRefused("hub.callback phải là một địa chỉ http(s) không quá 1000 ký tự.")
    try:
        parts = urlsplit(url)
    except ValueError:  # an unclosed IPv6 bracket, …
        raise CallbackRefused("hub.callback không phải là một địa chỉ hợp lệ.") from None
    try:
        parts.port  # noqa: B018 (raises ValueError on a port out of range)
    except ValueError:
        raise CallbackRefused("Cổng (port) trong hub.callback không hợp lệ.") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise CallbackRefused("hub.callback phải là một địa chỉ http:// hoặc https:// đầy đủ.")
    if parts.username is not None or parts.password is not None:
        raise CallbackRefused("hub.callback không được chứa tên đăng nhập hay mật khẩu.")
    host = parts.hostname
    if host == "localhost" or host.endswith(".localhost"):
        _refuse_private()
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return url
    if not _public(address):
        _refuse_private()
    return url


def _refuse_private():
    if not settings.WEBSUB_ALLOW_PRIVATE_CALLBACKS:
        raise CallbackRefused(
            "hub.callback trỏ tới địa chỉ nội bộ (mạng riêng, máy cục bộ hoặc dành riêng): "
            "cổng không gọi tới những địa chỉ này."
        )


def _public(address):
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    # fec0::/10 (deprecated site-local) is "global" to Python 3.11's ipaddress.
    site_local = isinstance(address, ipaddress.IPv6Address) and address.is_site_local
    return address.is_global and not (
        site_local
        or address.is_multicast
        or address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_reserved
        or address.is_unspecified
    )


def host_of(url):
    return (urlsplit(url).hostname or "").lower()


def resolved_address(url):
    """The address to connect to for `url`, after checking every address its host resolves to.
    Raises CallbackRefused (a private address) or CallbackFailed (the name does not resolve)."""
    parts = urlsplit(checked_form(url))
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        found = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise CallbackFailed(f"Không phân giải được tên miền {parts.hostname}: {error}") from None
    addresses = [ipaddress.ip_address(info[4][0].split("%", 1)[0]) for info in found]
    if not addresses:
        raise CallbackFailed(f"Tên miền {parts.hostname} không có địa chỉ nào.")
    if not all(_public(address) for address in addresses):
        _refuse_private()
    return str(addresses[0])


def with_query(url, params):
    """`url` with `params` added after its own query (WebSub 5.1.2: the subscriber's parameters
    are kept, the hub's appended)."""
    parts = urlsplit(url)
    query = "&".join(part for part in (parts.query, urlencode(params)) if part)
    return urlunsplit(parts._replace(query=query, fragment=""))


def call(method, url, body=None, headers=None):
    """One request to `url`, at the checked address: its Answer (any status, redirects
    included, are the caller's to judge). Raises CallbackRefused or CallbackFailed."""
    address = resolved_address(url)
    parts = urlsplit(url)
    connection_class = _PinnedTLS if parts.scheme == "https" else _Pinned
    # The port given outright: http.client would read ":1" of a bare "2001:db8::1" as one.
    port = parts.port or (443 if parts.scheme == "https" else 80)
    connection = connection_class(parts.hostname, port, address)
    target = iri_to_uri(urlunsplit(("", "", parts.path or "/", parts.query, "")))
    # The socket's timeout bounds each read only: a subscriber sending its status line and
    # headers a byte at a time could hold the worker for hours. The whole call is cut here.
    deadline = threading.Timer(CALL_SECONDS, _cut, (connection,))
    deadline.start()
    try:
        connection.request(
            method, target, body=body, headers={"User-Agent": USER_AGENT, **(headers or {})}
        )
        response = connection.getresponse()
        return Answer(response.status, _first_bytes(response))
    # ValueError: what http.client makes of an address it cannot send (InvalidURL, a name IDNA
    # cannot encode).
    except (OSError, http.client.HTTPException, ValueError) as error:
        raise CallbackFailed(f"{type(error).__name__}: {error}"[:250]) from None
    finally:
        deadline.cancel()
        connection.close()


def _cut(connection):
    """End a call that has run out of time: its reads fail at once (CallbackFailed)."""
    sock = connection.sock
    if sock is not None:
        with contextlib.suppress(OSError):  # closed meanwhile
            sock.shutdown(socket.SHUT_RDWR)


def _first_bytes(response):
    """Up to READ_BYTES of the body, within TIMEOUT_SECONDS in all: a subscriber that sends a
    byte now and then cannot hold the worker."""
    deadline = time.monotonic() + TIMEOUT_SECONDS
    body = b""
    while len(body) < READ_BYTES and time.monotonic() < deadline:
        chunk = response.read1(READ_BYTES - len(body))
        if not chunk:
            break
        body += chunk
    return body


class _Pinned(http.client.HTTPConnection):
    """A connection to `address` for `host`: the Host header names the host, the socket goes
    to the address that was checked."""

    def __init__(self, host, port, address):
        super().__init__(host, port, timeout=TIMEOUT_SECONDS)
        self.address = address

    def connect(self):
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedTLS(http.client.HTTPSConnection):
    """The same over TLS: the certificate is checked against the host's name."""

    def __init__(self, host, port, address):
        super().__init__(host, port, timeout=TIMEOUT_SECONDS)
        self.address = address

    def connect(self):
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)
