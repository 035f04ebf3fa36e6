"""The reader's side of alerts, with no account: subscribe, confirm, manage, stop.

Every answer to the subscribe form is the same page whether the address is known or not, and
mail goes out from the queue. The form carries no CSRF token (the pages it sits on are cached
for everyone): nothing follows from it but a confirmation mail, which the rate limits and the
honeypot bound. Changes made from a mail's link (confirm, change, stop) are POSTs: a mail
scanner that opens every link must not confirm or stop anything. The one-click stop (RFC 8058)
is a POST without cookies by design, so it takes no CSRF token either; its signed link is the
proof.
"""

import logging

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from core.accounts.client_ip import client_ip
from core.rate_limits import sender_within

from . import targets, tokens
from .choices import Frequency
from .forms import EmailOnlyForm, FrequencyForm, SubscribeForm
from .models import Subscriber, Subscription
from .tasks import send_notice

logger = logging.getLogger(__name__)

TOO_MANY = _("Bạn đã gửi nhiều yêu cầu trong thời gian ngắn. Vui lòng thử lại sau một giờ.")


def answer(request, template, context=None, status=200):
    response = render(request, template, context or {}, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response


def over_limit(request, email):
    """True when this address or this email asked too often (the same answer either way)."""
    limits = settings.PORTAL_ALERTS
    within = sender_within(
        "alerts",
        client_ip(request),
        email,
        limits["SUBSCRIBE_PER_IP"],
        limits["SUBSCRIBE_PER_EMAIL"],
    )
    return within is False


@never_cache
@csrf_exempt
def subscribe(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    target = targets.resolve(request.POST)
    form = SubscribeForm(request.POST)
    if target is None:
        return answer(
            request,
            "alerts/subscribe_refused.html",
            {
                "message": _(
                    "Không tìm thấy nội dung bạn muốn theo dõi: nội dung đã gỡ, hoặc bộ lọc tìm "
                    "văn bản quá dài. Vui lòng quay lại trang và thử lại."
                )
            },
            status=404,
        )
    if not form.is_valid():
        return answer(
            request, "alerts/subscribe_form.html", {"form": form, "target": target}, status=400
        )
    if form.cleaned_data["website"]:
        logger.info("Subscription refused: honeypot filled")
        return redirect("alerts:check_mail")
    email = form.cleaned_data["email"]
    if over_limit(request, email):
        return answer(request, "alerts/subscribe_refused.html", {"message": TOO_MANY}, status=429)
    with transaction.atomic():
        subscriber, _created = Subscriber.objects.get_or_create(email=email)
        subscription, created = Subscription.objects.get_or_create(
            subscriber=subscriber,
            target=target.key,
            defaults={
                "label": target.label,
                "url": target.url,
                "page": target.page,
                "topic": target.topic,
                "frequency": form.cleaned_data["frequency"],
            },
        )
        if subscription.confirmed_at:
            # Settings change only from the manage page: this mail says where it is.
            send_notice.enqueue("already", subscription.pk)
        else:
            if not created:  # asked again: a new 48 hours, the frequency asked last
                subscription.frequency = form.cleaned_data["frequency"]
                subscription.created_at = timezone.now()
                subscription.save(update_fields=["frequency", "created_at"])
            send_notice.enqueue("confirm", subscription.pk)
    # 303: the same page for every address, known or not.
    response = redirect("alerts:check_mail")
    response.status_code = 303
    return response


@never_cache
def check_mail(request):
    return answer(request, "alerts/check_mail.html")


@never_cache
def confirm(request, token):
    try:
        key, pk = signing.loads(token[:500], salt=tokens.CONFIRM, max_age=tokens.CONFIRM_SECONDS)
    except signing.SignatureExpired:
        return answer(request, "alerts/link_refused.html", {"expired": True}, status=410)
    except (signing.BadSignature, ValueError, TypeError):
        return answer(request, "alerts/link_refused.html", status=400)
    subscription = (
        Subscription.objects.select_related("subscriber").filter(pk=pk, subscriber__key=key).first()
    )
    if subscription is None:
        return answer(request, "alerts/link_refused.html", status=404)
    if request.method == "POST" and not subscription.confirmed_at:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
    elif request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    return answer(
        request,
        "alerts/confirm.html",
        {
            "subscription": subscription,
            "manage_token": tokens.manage_token(subscription.subscriber),
        },
    )


def subscriber_of(token):
    key = tokens.read(token, tokens.MANAGE)
    return Subscriber.objects.filter(key=key).first() if isinstance(key, str) else None


@never_cache
def manage(request):
    token = request.GET.get("t") or request.POST.get("t") or ""
    if not token:
        return ask_for_link(request)
    subscriber = subscriber_of(token)
    if subscriber is None:
        return answer(request, "alerts/link_refused.html", status=400)
    notice = ""
    if request.method == "POST":
        notice = change(request, subscriber)
        if notice is None:
            return answer(
                request,
                "alerts/link_refused.html",
                {"message": _("Yêu cầu không hợp lệ; chưa có gì thay đổi.")},
                status=400,
            )
    subscriptions = list(subscriber.subscriptions.confirmed().order_by("created_at"))
    return answer(
        request,
        "alerts/manage.html",
        {
            "subscriptions": subscriptions,
            "token": token,
            "notice": notice,
            "frequencies": Frequency.choices,
        },
    )


def change(request, subscriber):
    """One change from the manage page: a message, or None for a request that makes no sense."""
    action = request.POST.get("action")
    if action == "stop-all":
        subscriber.subscriptions.all().stop()
        return _("Bạn đã ngừng mọi thư báo tin. Không còn thư nào được gửi đến địa chỉ này.")
    chosen = request.POST.get("id", "")
    if not (chosen.isascii() and chosen.isdigit() and len(chosen) < 19):
        return None
    subscription = subscriber.subscriptions.filter(pk=int(chosen)).first()
    if subscription is None:
        return None
    if action == "stop":
        subscriber.subscriptions.filter(pk=subscription.pk).stop()
        return _("Đã ngừng theo dõi: %(what)s.") % {"what": subscription.label}
    if action == "frequency":
        form = FrequencyForm(request.POST)
        if not form.is_valid():
            return None
        subscription.frequency = form.cleaned_data["frequency"]
        subscription.save(update_fields=["frequency"])
        return _("Đã đổi tần suất nhận thư về %(what)s: %(how)s.") % {
            "what": subscription.label,
            "how": subscription.get_frequency_display().lower(),
        }
    return None


def ask_for_link(request):
    """With no token: the manage link is mailed to whoever types their address (the same
    answer whether it is known or not)."""
    form = EmailOnlyForm(request.POST or None)
    if request.method == "POST":
        if not form.is_valid():
            return answer(request, "alerts/manage_ask.html", {"form": form}, status=400)
        email = form.cleaned_data["email"].strip().lower()
        if over_limit(request, email):
            return answer(
                request, "alerts/subscribe_refused.html", {"message": TOO_MANY}, status=429
            )
        subscriber = Subscriber.objects.filter(email=email).first()
        if subscriber is not None:
            send_notice.enqueue("manage", subscriber.pk)
        return redirect("alerts:check_mail")
    return answer(request, "alerts/manage_ask.html", {"form": form})


@never_cache
@csrf_exempt
def stop(request, token):
    """RFC 8058: a POST with `List-Unsubscribe=One-Click` stops at once; a GET (a person
    following the link) shows the button that does."""
    value = tokens.read(token, tokens.STOP)
    if not isinstance(value, list) or len(value) != 2:
        return answer(request, "alerts/link_refused.html", status=400)
    key, what = value
    subscriber = Subscriber.objects.filter(key=key).first()
    if subscriber is None:
        return answer(request, "alerts/stopped.html", {"gone": True})
    chosen = subscriber.subscriptions.all()
    if isinstance(what, str):
        chosen = chosen.filter(frequency=what)
    elif isinstance(what, int) and not isinstance(what, bool):
        chosen = chosen.filter(pk=what)
    else:
        return answer(request, "alerts/link_refused.html", status=400)
    labels = [subscription.label for subscription in chosen]
    if request.method == "POST":
        chosen.stop()
        return answer(request, "alerts/stopped.html", {"labels": labels})
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    return answer(
        request,
        "alerts/stop.html",
        {"labels": labels, "manage_token": tokens.manage_token(subscriber)},
    )
