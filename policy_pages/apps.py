from django.apps import AppConfig


class PolicyPagesConfig(AppConfig):
    """The policy desk: legal documents, policies' life cycle, consultations and comments."""

    name = "policy_pages"
    verbose_name = "Chính sách và văn bản"

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from core import registry
        from core.cache import refresh_on_save, renew_everything

        from . import roles  # noqa: F401  (connects the signal that grants the policy tree)
        from .home import latest_documents, policy_section
        from .models import Answer, DraftVersion, IssuingBody, LegalField, Submission
        from .search import documents_numbered

        refresh_on_save(IssuingBody, LegalField, Answer, DraftVersion)
        registry.clean_text_of(self.label)
        registry.find_exact_matches(documents_numbered)
        registry.add_home_block("policy_pages/includes/latest_documents.html", latest_documents)
        registry.add_home_block("policy_pages/includes/policy_section.html", policy_section)
        # The answer table shows the units an answer changed: setting them renews pages too.
        m2m_changed.connect(
            renew_everything, sender=Answer.changed_units.through, dispatch_uid="answer-changed"
        )
        post_save.connect(_on_submission, sender=Submission, dispatch_uid="content-submission")
        post_delete.connect(renew_everything, sender=Submission, dispatch_uid="content-sub-del")


def _on_submission(sender, instance, created, **kwargs):
    # A new comment waits for moderation and shows nowhere: the many sent an hour change nothing.
    # A moderator's verdict or an answer (given or taken back) changes the policy's page and feed.
    if not created:
        from core.cache import renew_everything

        renew_everything()
