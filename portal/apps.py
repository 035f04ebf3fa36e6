from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The project package: settings and URL wiring, plus commands that span the desks."""

    name = "portal"
    verbose_name = "Cổng thông tin"
