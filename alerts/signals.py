"""Where the alerts hear of changes: a page published (Wagtail's signal, also sent when a
scheduled page goes live), a draft version published, and the scheduler's jobs.

Events are recorded in the publication's own transaction, so a publication that fails records
nothing; a failure of the alerts themselves never fails it (core/guarded.py).
"""

from datetime import time

from core.guarded import guarded


def connect():
    from django.db.models.signals import post_save

    from wagtail.signals import page_published

    from core import schedule
    from newsroom.models import ArticlePage
    from policy_pages.models import DraftVersion, LegalDocumentPage, PolicyPage

    from . import events, tasks
    from .choices import Frequency

    def draft_version(version):
        policy = PolicyPage.objects.live().filter(pk=version.policy_id).first()
        if version.published_at and policy is not None:
            events.policy_events(policy)

    finders = {
        PolicyPage: events.policy_events,
        LegalDocumentPage: events.document_published,
        ArticlePage: events.story_published,
    }
    # Subclasses (live coverage) send the signal with their own class.
    for subclass in ArticlePage.__subclasses__():
        finders[subclass] = events.story_published
    for model, find in finders.items():
        page_published.connect(
            guarded(find), sender=model, dispatch_uid=f"alerts-{model.__name__}", weak=False
        )
    post_save.connect(
        guarded(draft_version), sender=DraftVersion, dispatch_uid="alerts-draft", weak=False
    )

    schedule.daily("alerts-date-events", schedule.MIDNIGHT, events.daily_events)
    schedule.daily("alerts-forget-unconfirmed", time(3, 0), tasks.forget_unconfirmed)
    schedule.daily("alerts-daily-digest", time(7, 0), tasks.digests(Frequency.DAILY))
    schedule.weekly("alerts-weekly-digest", 0, time(7, 0), tasks.digests(Frequency.WEEKLY))
    schedule.every_tick(tasks.catch_up)
    # An online dialogue's answers, told to the policy's followers once it has ended.
    schedule.every_tick(events.ended_dialogues)
