from django.apps import AppConfig


class AlertsConfig(AppConfig):
    """Email alerts: readers follow a policy, a document, a section, a topic or a document search,
    and are told by mail, from a worker, what changed (docs/architecture.md, "Alerts")."""

    name = "alerts"
    verbose_name = "Thư báo tin"

    def ready(self):
        from . import signals

        signals.connect()
