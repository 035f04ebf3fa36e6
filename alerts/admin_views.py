"""The admins' side: one person's subscriptions found by email, exported or deleted (their right
under Vietnam's personal-data rules, docs/personal-data.md), and the alert mails that failed for
good, with the mail server's last word."""

import json

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from .choices import DeliveryStatus
from .models import Delivery, Subscriber


def export(request, pk):
    """Everything kept of one address, as JSON."""
    subscriber = get_object_or_404(Subscriber, pk=pk)
    data = {
        "email": subscriber.email,
        "created_at": subscriber.created_at.isoformat(),
        "subscriptions": [
            {
                "label": s.label,
                "url": s.url,
                "frequency": s.get_frequency_display(),
                "created_at": s.created_at.isoformat(),
                "confirmed_at": s.confirmed_at.isoformat() if s.confirmed_at else None,
            }
            for s in subscriber.subscriptions.order_by("pk")
        ],
        "mails": [
            {
                "title": d.event.title,
                "reason": d.reason,
                "status": d.get_status_display(),
                "sent_at": d.sent_at.isoformat() if d.sent_at else None,
            }
            for d in subscriber.deliveries.select_related("event").order_by("pk")
        ],
        "exported_at": timezone.now().isoformat(),
    }
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="thu-bao-tin-{subscriber.pk}.json"'
    return response


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    icon = "mail"
    menu_label = _("Người nhận thư báo tin")
    add_to_settings_menu = True
    search_fields = ["email"]
    list_display = ["email", "created_at"]
    form_fields = ["email"]
    inspect_view_enabled = True
    inspect_view_fields = ["email", "created_at"]
    copy_view_enabled = False

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("export/<int:pk>/", self.permission_required(export), name="export"),
        ]

    def permission_required(self, view):
        def guarded(request, pk):
            if not self.permission_policy.user_has_permission(request.user, "view"):
                return HttpResponse(status=403)
            return view(request, pk)

        return guarded


class FailedDeliveryIndexView(IndexView):
    # Wagtail's ModelViewSet has no queryset hook: the listing narrows its own.
    def get_base_queryset(self):
        base = super().get_base_queryset()
        return base.filter(status=DeliveryStatus.FAILED).select_related("event")


class FailedDeliveryViewSet(ModelViewSet):
    model = Delivery
    name = "failed_alerts"
    icon = "warning"
    menu_label = _("Thư báo tin lỗi")
    add_to_settings_menu = True
    form_fields = ["status"]
    list_filter = ["status"]
    copy_view_enabled = False
    list_display = [
        Column("event", label=_("Sự kiện")),
        "reason",
        "status",
        "attempts",
        "last_error",
    ]

    index_view_class = FailedDeliveryIndexView
