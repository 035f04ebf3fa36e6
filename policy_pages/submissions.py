"""A reader's comment, question or proposal, from the form to the database.

Every defence here works without an outside service (no captcha, no spam API): a honeypot field,
a signed time token that is refused when used too fast or too late, rate limits per address
and per email in the shared cache, one copy of a text per policy, and text cleaned to NFC without
control characters. A refusal is a `Refusal` with the message the reader sees and its HTTP status.

A form stores one item however often it is sent: its token's random nonce is stored with the item
under a unique constraint, so a form sent again (a double click, or the reader resending after the
first answer was lost with a worker that died) gets the receipt of what was stored.
If the cache is down the rate limits cannot count: the comment is stored pending as always, and
flagged for the moderators (`rate_unchecked`), since losing a citizen's comment is worse than
letting a burst reach the moderation queue.
"""

import hashlib
import logging
import re
import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.rate_limits import address_fingerprint, sender_within
from core.text import clean_input

from .mail_tasks import send_receipt
from .models.participation import Submission, new_receipt

logger = logging.getLogger(__name__)

SIGNING_SALT = "policy_pages.submission"


@dataclass
class Refusal(Exception):
    message: str
    status: int = 400


def rules():
    """MIN_SECONDS, MAX_SECONDS, PER_IP and PER_EMAIL from settings.PORTAL_PARTICIPATION."""
    return settings.PORTAL_PARTICIPATION


def clean_text(text, multiline=False):
    """The stored text's characters (core.text.clean_input), laid out as a form field's: tabs as
    spaces, runs of spaces as one, one line unless `multiline`, then at most one blank line."""
    text = clean_input((text or "").replace("\r\n", "\n").replace("\r", "\n")).replace("\t", " ")
    if not multiline:
        return " ".join(text.split())
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def fingerprint(text, email):
    """One sender's same words, whatever the case and spacing, give the same fingerprint.

    The sender is part of it: two citizens may well send the same sentence ("Tôi đồng ý với dự
    thảo."), and a text someone else sent, or one marked as spam, must not block theirs."""
    words = " ".join(text.casefold().split())
    return hashlib.sha256(f"{email.strip().casefold()}\n{words}".encode()).hexdigest()


def issue_token(policy_id):
    payload = {"p": policy_id, "n": secrets.token_urlsafe(12), "t": int(time.time())}
    return signing.dumps(payload, salt=SIGNING_SALT)


def check_token(token, policy_id):
    """The token's nonce, if the token was made for this policy a sensible time ago."""
    expired = Refusal(
        _(
            "Phiên gửi đã hết hạn hoặc không hợp lệ. "
            "Nội dung của bạn vẫn còn dưới đây; vui lòng gửi lại."
        )
    )
    try:
        payload = signing.loads(token or "", salt=SIGNING_SALT)
    except signing.BadSignature as error:
        raise expired from error
    if not isinstance(payload, dict) or payload.get("p") != policy_id:
        raise expired
    age = time.time() - payload.get("t", 0)
    limits = rules()
    if age < limits["MIN_SECONDS"]:
        raise Refusal(_("Bạn gửi quá nhanh. Vui lòng kiểm tra lại nội dung rồi gửi lại."))
    if age > limits["MAX_SECONDS"]:
        raise expired
    return payload["n"]


SENT_FROM_THIS_FORM = _(
    "Một ý kiến khác đã được gửi từ trang này và đã được lưu. Nội dung mới của bạn vẫn còn dưới "
    "đây; nếu muốn gửi thêm ý kiến này, vui lòng bấm Gửi một lần nữa."
)


def sent_before(nonce, data):
    """What this form stored already, if anything. The same words again are the first send
    repeated: it gets the same receipt. Other words from the same form are refused, and the
    re-shown form carries a new token, so the reader can send them as a new item."""
    # The constraint's condition repeated: SQLite uses a partial index only when the query
    # states its condition (PostgreSQL infers it).
    try:
        earlier = Submission.objects.exclude(form_key="").get(form_key=nonce)
    except Submission.DoesNotExist:
        return None
    if earlier.kind != data["kind"] or earlier.body_hash != fingerprint(
        data["body"], data["email"]
    ):
        raise Refusal(str(SENT_FROM_THIS_FORM))
    return earlier


def check_rates(ip, email, nonce):
    """Refuses a sender over a limit; answers False when the cache could not count.

    A form that passed is not counted again when it is sent again (a double click racing the
    first send): those sends store nothing new (`store`), so they are no burst. A form refused
    here is counted again on every send, or sending each form twice would skip the limits."""
    limits = rules()
    counted = f"participation:counted:{nonce}"
    if cache.add(counted, 1, limits["MAX_SECONDS"]) is False:
        return True
    try:
        return _within_rates(limits, ip, email)
    except Refusal:
        cache.delete(counted)
        raise


def _within_rates(limits, ip, email):
    per_ip, ip_window = limits["PER_IP"]
    per_email, email_window = limits["PER_EMAIL"]
    too_many = Refusal(
        _("Bạn đã gửi nhiều ý kiến trong thời gian ngắn. Vui lòng thử lại sau %(minutes)d phút.")
        % {"minutes": max(ip_window, email_window) // 60},
        status=429,
    )
    within = sender_within("participation", ip, email, limits["PER_IP"], limits["PER_EMAIL"])
    if within is False:
        raise too_many
    return within is not None


DUPLICATE = _("Bạn đã gửi nội dung này cho chính sách này trước đó; hệ thống không nhận bản trùng.")


def store(policy, data, ip, nonce, rate_checked=True):
    """Store one pending item and queue its receipt mail, committed before the reader gets a
    receipt: (item, True), or (the item this form stored before, False) when the same form is
    sent again.

    The database's unique constraints are the one check, so two sends racing each other store
    one: the second waits for the first to commit, then finds its item. If nothing is stored,
    nothing is spent, so the reader's "go back and send again" works."""
    body_hash = fingerprint(data["body"], data["email"])
    now = timezone.now()
    try:
        with transaction.atomic():
            submission = Submission.objects.create(
                policy=policy,
                kind=data["kind"],
                dialogue=data.get("dialogue"),
                receipt=new_receipt(),
                name=data["name"],
                email=data["email"],
                organisation=data["organisation"],
                capacity=data["capacity"],
                # Only a comment on an open consultation's draft has a unit and a quote.
                unit=data.get("unit"),
                quote=data.get("quote", ""),
                body=data["body"],
                body_hash=body_hash,
                ip_hash=address_fingerprint(ip),
                form_key=nonce,
                rate_unchecked=not rate_checked,
                consent_at=now,
                created_at=now,
                notify_outcome=data.get("notify_outcome", False),
            )
            # The receipt is queued in the same transaction: stored, it is sure to be mailed
            # (by a worker, so a hanging mail server never holds the reader's request).
            send_receipt.enqueue(submission.pk)
    except IntegrityError as error:
        # This form, sent a moment ago; or the sender's same text on this policy from another
        # form, which is refused.
        earlier = sent_before(nonce, data)
        if earlier is None:
            raise Refusal(str(DUPLICATE)) from error
        return earlier, False
    return submission, True


def receive(policy, data, token, ip, token_key=None):
    """The pipeline after a valid form, in its one order: the time token (made for `token_key`,
    the policy's id unless the form is another's), the same form sent again (the receipt of
    what it stored, before the rate limits, which counted it the first time), the rate limits,
    then the store. Answers (item, created) or raises a Refusal."""
    nonce = check_token(token, policy.pk if token_key is None else token_key)
    earlier = sent_before(nonce, data)
    if earlier is not None:
        return earlier, False
    rate_checked = check_rates(ip, data["email"], nonce)
    return store(policy, data, ip, nonce, rate_checked=rate_checked)
