from django.apps import AppConfig


class PolicyPagesConfig(AppConfig):
    """The policy desk: legal documents, policies' life cycle, consultations and comments."""

    name = "policy_pages"
    verbose_name = "Chính sách và văn bản"

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from core import registry
        from core.cache_renewal import renew_on_save

        from . import roles  # noqa: F401  (connects the signal that grants the policy tree)
        from .home import latest_documents, policy_section
        from .models import Answer, DraftVersion, IssuingBody, LegalField, Submission
        from .search import documents_numbered

        # The documents' filters list every issuing body and field.
        renew_on_save(IssuingBody, LegalField, listed=True)
        registry.clean_text_of(self.label)
        registry.find_exact_matches(documents_numbered)
        registry.add_home_block("policy_pages/includes/latest_documents.html", latest_documents)
        registry.add_home_block("policy_pages/includes/policy_section.html", policy_section)
        # What the public said and what the agency answered show only on the policy's own
        # pages, feed and API answer (`participation-<policy id>`): a moderator's verdict renews
        # those, not the site.
        for model in (Answer, DraftVersion):
            post_save.connect(_on_participation, sender=model, dispatch_uid=f"renew-{model}")
            post_delete.connect(_on_participation, sender=model, dispatch_uid=f"renew-del-{model}")
        # The answer table shows the units an answer changed: setting them renews it too.
        m2m_changed.connect(
            _on_participation, sender=Answer.changed_units.through, dispatch_uid="answer-changed"
        )
        post_save.connect(_on_submission, sender=Submission, dispatch_uid="renew-submission")
        post_delete.connect(_on_participation, sender=Submission, dispatch_uid="renew-sub-del")


def _on_participation(sender, instance, **kwargs):
    from core.cache_tags import invalidate

    from .models.policies import participation_tag

    invalidate(participation_tag(instance.policy_id))


def _on_submission(sender, instance, created, **kwargs):
    # A new comment waits for moderation and shows nowhere: the many sent an hour change nothing.
    # A moderator's verdict or an answer (given or taken back) changes the policy's pages.
    if not created:
        _on_participation(sender, instance)
