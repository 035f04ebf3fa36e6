from wagtail import hooks

from .admin_views import FailedDeliveryViewSet, SubscriberViewSet


@hooks.register("register_admin_viewset")
def register_alert_viewsets():
    return [SubscriberViewSet("subscribers"), FailedDeliveryViewSet("failed_alerts")]
