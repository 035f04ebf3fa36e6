from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import Subscription
from .websub.admin_views import ReadOnlyPolicy, SubscriptionViewSet

register_permission_policy(Subscription, ReadOnlyPolicy(Subscription), exact_class=True)


@hooks.register("register_admin_viewset")
def register_websub_viewset():
    return SubscriptionViewSet("websub_subscriptions")
