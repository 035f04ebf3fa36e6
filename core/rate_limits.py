"""How often one sender may do something (comment, subscribe), counted in the shared cache.

An address is kept only as a keyed hash, an email as a plain hash: the counts say nothing of
who sent. If the cache does not answer nothing can be counted, and the caller decides (a
comment is stored and flagged, a subscription goes on).
"""

import hashlib
import hmac
import ipaddress

from django.conf import settings
from django.core.cache import cache


def address_fingerprint(ip):
    """A keyed hash of the sender's address: floods from one machine can be seen, the address
    itself is never stored."""
    if not ip:
        return ""
    key = hashlib.sha256(f"{settings.SECRET_KEY}:participation-ip".encode()).digest()
    return hmac.new(key, ip.encode(), hashlib.sha256).hexdigest()


def rate_key(ip):
    """IPv6 hosts get a /64 each, so an address is limited by its network, not its last bits."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ip
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return ip


def within_limit(key, limit, window):
    """True or False; None when the cache does not answer (Redis down: django-redis ignores the
    error and answers None), so nothing could be counted."""
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.set(key, 1, window)
        count = 1
    return None if count is None else count <= limit


def sender_within(prefix, ip, email, per_ip, per_email):
    """Count one send from `ip` and `email` under `prefix`, each limit a (count, seconds):
    False when over either (over the address's, the email is not counted), True when within,
    None when the cache could not count."""
    if ip:
        by_ip = within_limit(f"{prefix}:ip:{address_fingerprint(rate_key(ip))}", *per_ip)
    else:
        by_ip = True
    if by_ip is False:
        return False
    email_key = hashlib.sha256(email.casefold().encode()).hexdigest()
    by_email = within_limit(f"{prefix}:email:{email_key}", *per_email)
    if by_email is False:
        return False
    return None if None in (by_ip, by_email) else True
