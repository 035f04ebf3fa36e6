"""The hub's door: `POST /websub/`, where an outlet asks to subscribe to a feed or to stop.

What can be judged from the request itself is judged here, and a refusal is a 400 with a plain
Vietnamese sentence (WebSub 5.1.3: for the subscriber's developer). An accepted request gets 202
and nothing more: whether the callback really asked is found out afterwards, by a task that
calls it (syndication/websub/tasks.py), so no request here ever waits on a stranger's server.
"""

from dataclasses import dataclass

from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.accounts.client_ip import client_ip
from core.rate_limits import address_fingerprint, rate_key, within_limit

from ..models import Subscription
from . import callbacks, tasks
from .topics import NotATopic, check_exists, topic_of

DAY = 24 * 3600
LEASE_DEFAULT, LEASE_SHORTEST, LEASE_LONGEST = 10 * DAY, DAY, 30 * DAY
# WebSub 5.1: "less than 200 bytes".
SECRET_BYTES = 200
# Requests per sender address and hour: each accepted one makes the portal call an address.
PER_ADDRESS = (300, 3600)
MODES = ("subscribe", "unsubscribe")


class Refused(Exception):
    """A request the hub will not take; the message is for the subscriber."""


@dataclass(frozen=True)
class HubRequest:
    mode: str
    topic: str
    callback: str
    lease_seconds: int
    secret: str


@never_cache
@csrf_exempt
@require_POST
def hub(request):
    """A machine's API, without CSRF: a form posted from a reader's browser could at most ask
    for a subscription its callback then has to confirm."""
    over = within_limit(f"websub:{address_fingerprint(rate_key(client_ip(request)))}", *PER_ADDRESS)
    if over is False:
        return _plain("Quá nhiều yêu cầu từ địa chỉ này. Vui lòng thử lại sau một giờ.", 429)
    try:
        asked = read(request.POST)
    except Refused as refusal:
        return _plain(str(refusal), 400)
    tasks.verify.enqueue(asked.mode, asked.topic, asked.callback, asked.lease_seconds, asked.secret)
    return _plain("Đã nhận yêu cầu; cổng sẽ gọi địa chỉ nhận để xác nhận.", 202)


def read(params):
    """The HubRequest in `params` (the posted form); raises Refused."""
    mode = params.get("hub.mode", "")
    if mode not in MODES:
        raise Refused("hub.mode phải là subscribe hoặc unsubscribe.")
    topic_url, callback = params.get("hub.topic", ""), params.get("hub.callback", "")
    if any("\x00" in value for value in (topic_url, callback, params.get("hub.secret", ""))):
        raise Refused("hub.topic, hub.callback và hub.secret không được chứa ký tự NUL.")
    if not topic_url:
        raise Refused("Thiếu hub.topic: địa chỉ nguồn tin muốn nhận.")
    if not callback:
        raise Refused("Thiếu hub.callback: địa chỉ nhận tin của bên đăng ký.")
    try:
        topic = topic_of(topic_url)
        if mode == "subscribe":  # one may always stop, even a feed that is gone
            check_exists(topic)
        callbacks.checked_form(callback)
    except (NotATopic, callbacks.CallbackRefused) as error:
        raise Refused(str(error)) from None
    if len(topic_url) > Subscription._meta.get_field("topic").max_length:
        raise Refused("hub.topic quá dài.")
    secret = params.get("hub.secret", "")
    if len(secret.encode()) >= SECRET_BYTES:
        raise Refused(f"hub.secret phải ngắn hơn {SECRET_BYTES} byte.")
    if mode == "subscribe" and tasks.over_host_limit(topic_url, callback):
        raise Refused(
            "Địa chỉ nhận này đã có quá nhiều đăng ký trên cổng; hãy huỷ bớt những đăng ký "
            "không dùng."
        )
    return HubRequest(mode, topic_url, callback, lease(params.get("hub.lease_seconds")), secret)


def lease(asked):
    """The lease the hub grants: ten days unless asked otherwise, from a day to thirty."""
    if asked in (None, ""):
        return LEASE_DEFAULT
    try:
        seconds = int(asked)
    except ValueError:
        raise Refused("hub.lease_seconds phải là một số nguyên dương (số giây).") from None
    if seconds <= 0:
        raise Refused("hub.lease_seconds phải là một số nguyên dương (số giây).")
    return min(max(seconds, LEASE_SHORTEST), LEASE_LONGEST)


def _plain(message, status):
    response = HttpResponse(message + "\n", status=status, content_type="text/plain; charset=utf-8")
    response["X-Robots-Tag"] = "noindex"
    return response
