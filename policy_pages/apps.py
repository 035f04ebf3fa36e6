from django.apps import AppConfig


class PolicyPagesConfig(AppConfig):
    """The policy desk: legal documents, policies' life cycle, consultations and comments."""

    name = "policy_pages"
    verbose_name = "Chính sách và văn bản"

    def ready(self):
        from . import roles  # noqa: F401  (connects the signal that grants the policy tree)
