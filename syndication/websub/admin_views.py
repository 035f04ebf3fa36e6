"""The subscriptions to the hub, for editors who may see them: who gets which feed pushed, since
when, until when, and the last error. Read-only: a subscription is the subscriber's to make and
stop (its callback confirms each), and its secret is never shown."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from ..models import Subscription

SHOWN = [
    "topic",
    "callback",
    "outlet",
    "state",
    "verified_at",
    "expires_at",
    "last_delivered_at",
    "failures",
    "last_error",
]


class ReadOnlyPolicy(ModelPermissionPolicy):
    """`view` for those given it (superusers have it); nobody adds, changes or deletes."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)


class SubscriptionViewSet(ModelViewSet):
    model = Subscription
    icon = "rss"
    menu_label = _("Đăng ký nhận tin đẩy (WebSub)")
    add_to_settings_menu = True
    list_display = ["callback", "topic", "outlet", "state", "expires_at", "last_delivered_at"]
    list_filter = ["state"]
    search_fields = ["topic", "callback"]
    form_fields = ["state"]  # never shown: nobody may change a subscription here
    inspect_view_enabled = True
    inspect_view_fields = SHOWN
    copy_view_enabled = False
