"""Where the alerts hear of changes: a page published (Wagtail's signal, also sent when a
scheduled page goes live), a draft version published, and the scheduler's jobs."""

from datetime import time


def connect():
    from django.db import transaction
    from django.db.models.signals import post_save

    from wagtail.signals import page_published

    from core import schedule
    from newsroom.models import ArticlePage
    from policy_pages.models import DraftVersion, LegalDocumentPage, PolicyPage

    from . import events, tasks
    from .choices import Frequency

    def on_policy(sender, instance, **kwargs):
        transaction.on_commit(lambda: events.policy_events(instance))

    def on_document(sender, instance, **kwargs):
        transaction.on_commit(lambda: events.document_published(instance))

    def on_story(sender, instance, **kwargs):
        transaction.on_commit(lambda: events.story_published(instance))

    def on_draft_version(sender, instance, **kwargs):
        if instance.published_at:
            policy = PolicyPage.objects.live().filter(pk=instance.policy_id).first()
            if policy is not None:
                transaction.on_commit(lambda: events.policy_events(policy))

    # Subclasses (live coverage) send the signal with their own class.
    for model in (PolicyPage, LegalDocumentPage, ArticlePage, *ArticlePage.__subclasses__()):
        handler = {PolicyPage: on_policy, LegalDocumentPage: on_document}.get(model, on_story)
        page_published.connect(handler, sender=model, dispatch_uid=f"alerts-{model.__name__}")
    post_save.connect(on_draft_version, sender=DraftVersion, dispatch_uid="alerts-draft")

    schedule.daily("alerts-date-events", schedule.MIDNIGHT, events.daily_events)
    schedule.daily("alerts-forget-unconfirmed", time(3, 0), tasks.forget_unconfirmed)
    schedule.daily("alerts-daily-digest", time(7, 0), tasks.digests(Frequency.DAILY))
    schedule.weekly("alerts-weekly-digest", 0, time(7, 0), tasks.digests(Frequency.WEEKLY))
    schedule.every_tick(tasks.catch_up)
