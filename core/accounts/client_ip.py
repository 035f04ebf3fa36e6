"""The address a request really comes from, for login throttling (AXES_CLIENT_IP_CALLABLE).

X-Forwarded-For is written by whoever sends the request, so it is believed only as far as the
proxies we run: with PORTAL_TRUSTED_PROXIES = n, the n-th entry from the right is the address the
outermost of our proxies saw; entries further left are the sender's own words. With 0 (the
default) the header is ignored and REMOTE_ADDR is the address, so a forged header cannot give
a password guesser a fresh address on every try.
"""

import ipaddress

from django.conf import settings


def _valid(address):
    """The address, also when a proxy wrote it with its port ("1.2.3.4:5678", "[::1]:80")."""
    candidates = [address]
    if address.startswith("["):
        candidates.append(address[1:].split("]", 1)[0])
    elif address.count(":") == 1:
        candidates.append(address.split(":", 1)[0])
    for candidate in candidates:
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            continue
    return None


def client_ip(request):
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.PORTAL_TRUSTED_PROXIES
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            # A malformed entry is not an address; the proxy's own is kept instead, which
            # throttles more, never less. (The throttle stores it in an IP address column.)
            return _valid(forwarded[-proxies]) or remote
    return remote
