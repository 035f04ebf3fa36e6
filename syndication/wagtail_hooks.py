from wagtail import hooks
from wagtail.permissions import register_permission_policy

from . import usage_report
from .models import Subscription
from .outlet_admin import LOG_ACTIONS, outlet_viewset
from .websub.admin_views import ReadOnlyPolicy, SubscriptionViewSet

register_permission_policy(Subscription, ReadOnlyPolicy(Subscription), exact_class=True)


@hooks.register("register_admin_viewset")
def register_websub_viewset():
    return SubscriptionViewSet("websub_subscriptions")


@hooks.register("register_admin_viewset")
def register_outlets():
    return outlet_viewset


@hooks.register("register_admin_urls")
def register_usage_report():
    return usage_report.urlpatterns


@hooks.register("register_reports_menu_item")
def register_usage_report_menu_item():
    return usage_report.menu_item()


@hooks.register("register_log_actions")
def register_outlet_actions(actions):
    for action, label, message in LOG_ACTIONS:
        actions.register_action(action, label, message)
