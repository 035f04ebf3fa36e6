"""Mail to readers, from templates: plain text always, HTML beside it when there is one, at a
rate the workers share.

The rate is counted per second in the shared cache, so two workers together stay under
`PORTAL_ALERTS["SEND_PER_SECOND"]`; a cache that does not answer cannot count, and sending goes
on at one worker's pace (mail delayed is worse than a burst the mail server may slow down).
"""

import hashlib
import smtplib
import time

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils.html import strip_spaces_between_tags


def compose(to, subject, template, context, headers=None, key="", connection=None):
    """A message from `template`.txt and, if it exists, `template`.html. `key`, a stable name of
    what is sent ("receipt-42"), gives the same Message-ID to every try of the same mail, so a
    mail system that sees it twice can tell."""
    text = render_to_string(f"{template}.txt", context)
    headers = dict(headers or {})
    if key:
        digest = hashlib.sha256(f"{settings.SECRET_KEY}:{key}".encode()).hexdigest()[:32]
        domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].rstrip(">") or "localhost"
        headers["Message-ID"] = f"<{digest}@{domain}>"
    message = EmailMultiAlternatives(
        " ".join(subject.split()), text, None, [to], headers=headers, connection=connection
    )
    try:
        html = render_to_string(f"{template}.html", context)
    except TemplateDoesNotExist:  # text only
        html = ""
    if html:
        message.attach_alternative(strip_spaces_between_tags(html), "text/html")
    return message


def wait_for_turn(now=time.time, sleep=time.sleep):
    """Block until this second has room for one more mail among all the workers."""
    limit = settings.PORTAL_ALERTS["SEND_PER_SECOND"]
    while True:
        second = int(now())
        key = f"mail:sent:{second}"
        cache.add(key, 0, 5)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between the two calls
            count = None
        if count is None or count <= limit:
            return
        sleep(max(0.0, second + 1 - now()))


# What a mail server (or the way to it) may answer with: the mail is tried again later.
MAIL_ERRORS = (smtplib.SMTPException, OSError)


def send_in_turn(message):
    """Send at the shared rate: None once the server took it, else its error."""
    wait_for_turn()
    try:
        message.send()
    except MAIL_ERRORS as error:
        return error
    return None


def connection():
    """One SMTP connection for a batch of mails. Call its `open()` before the first send: a
    connection that `send()` has to open is closed again after that one mail."""
    return get_connection()
