from django.apps import AppConfig


class PolicyPagesConfig(AppConfig):
    """The policy desk: legal documents, policies' life cycle, consultations and comments."""

    name = "policy_pages"
    verbose_name = "Chính sách và văn bản"

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

        from wagtail.signals import page_published

        from core import registry
        from core.cache_renewal import renew_on_save
        from core.guarded import guarded

        from . import roles  # noqa: F401  (connects the signal that grants the policy tree)
        from .citations.links import CitedDocuments
        from .citations.store import record_citations
        from .home import latest_documents, policy_section
        from .models import Answer, DraftVersion, IssuingBody, LegalField, Submission
        from .search import documents_cited

        # The documents' filters list every issuing body and field.
        renew_on_save(IssuingBody, LegalField, listed=True)
        registry.clean_text_of(self.label)
        registry.find_exact_matches(documents_cited)
        registry.read_citations_with(CitedDocuments)
        # A publication's citations are read from the text just published; never the
        # editor's publication that fails for them (`manage.py read_citations` catches up).
        page_published.connect(
            guarded(record_citations), dispatch_uid="record-citations", weak=False
        )
        registry.add_home_block("policy_pages/includes/latest_documents.html", latest_documents)
        registry.add_home_block("policy_pages/includes/policy_section.html", policy_section)
        # What the public said and what the agency answered show only on the policy's own
        # pages, feed and API answer (`participation-<policy id>`): a moderator's verdict renews
        # those, not the site.
        for model in (Answer, DraftVersion):
            post_save.connect(_on_participation, sender=model, dispatch_uid=f"renew-{model}")
            post_delete.connect(_on_withdrawn, sender=model, dispatch_uid=f"renew-del-{model}")
        # The answer table shows the units an answer changed: setting them renews it too.
        m2m_changed.connect(
            _on_participation, sender=Answer.changed_units.through, dispatch_uid="answer-changed"
        )
        pre_save.connect(
            _before_submission_saved, sender=Submission, dispatch_uid="submission-shown-before"
        )
        post_save.connect(_on_submission, sender=Submission, dispatch_uid="renew-submission")
        post_delete.connect(_on_withdrawn, sender=Submission, dispatch_uid="renew-sub-del")
        self.connect_outcome_mail()
        self.connect_dialogues()

    def connect_dialogues(self):
        """Online dialogues are stories of a news section: newsroom names no desk that builds
        on it, so the section learns of them here. A verdict on a dialogue's question (from
        the moderation queue too) may add it to the dialogue's live page or take it away, and so
        does its deletion."""
        from django.db.models.signals import post_save, pre_delete

        from newsroom.models import SectionPage

        from .models import DialogueQuestion, Submission

        dialogue = "policy_pages.DialoguePage"
        if dialogue not in SectionPage.subpage_types:
            SectionPage.subpage_types = [*SectionPage.subpage_types, dialogue]
        post_save.connect(
            _on_dialogue_question, sender=Submission, dispatch_uid="dialogue-question"
        )
        # Before the delete, while its submission still names the dialogue.
        pre_delete.connect(
            _on_dialogue_question_deleted,
            sender=DialogueQuestion,
            dispatch_uid="dialogue-question-deleted",
        )

    def connect_outcome_mail(self):
        """A sender who asked is mailed the answer once the receipt page shows it: when an
        answer is given or grouped, when the policy (its report) is published, and on the day a
        report dated ahead becomes public (a scheduled job)."""
        from django.db.models.signals import post_save

        from wagtail.signals import page_published

        from core import schedule
        from core.guarded import guarded

        from .mail_tasks import daily_outcomes
        from .models import Answer, PolicyPage, Submission

        schedule.daily("policy-outcomes", schedule.MIDNIGHT, daily_outcomes)
        # Never the editor's or moderator's save that fails for a mail: the daily job catches up.
        outcome_may_be_due = guarded(_queue_outcome_mail)
        for model in (Answer, Submission):
            post_save.connect(
                outcome_may_be_due, sender=model, dispatch_uid=f"outcome-{model}", weak=False
            )
        page_published.connect(
            outcome_may_be_due, sender=PolicyPage, dispatch_uid="outcome-pp", weak=False
        )


def _on_participation(sender, instance, hard=False, **kwargs):
    from core.cache_tags import ALL, invalidate

    from .models.policies import participation_tag

    # An answer, a draft version, a comment; from the other side of the answer's changed
    # units, a unit of a version.
    policy_id = getattr(instance, "policy_id", None)
    if policy_id is None:
        policy_id = getattr(getattr(instance, "version", None), "policy_id", None)
    invalidate(participation_tag(policy_id) if policy_id else ALL, hard=hard)


def _on_withdrawn(sender, instance, **kwargs):
    # Taken back: its old copy is never served, not even for the seconds of a render.
    _on_participation(sender, instance, hard=True)


def _before_submission_saved(sender, instance, raw=False, **kwargs):
    # Whether readers could see it until now: as stored, not as this process read it (another
    # moderator may have approved it since).
    from .models.participation import APPROVED

    if instance.pk is not None and not raw:
        instance.shown_before = sender.objects.filter(pk=instance.pk, status=APPROVED).exists()


def _on_submission(sender, instance, created, **kwargs):
    # A new comment waits for moderation and shows nowhere: the many sent an hour change nothing.
    # Readers see approved comments only: a change to one that is approved, or was until now
    # (rejected, marked spam, back to pending: taken back, so hard), renews the policy's pages;
    # a pending comment rejected or marked spam, never shown, renews nothing.
    from .models.participation import APPROVED

    shown = instance.status == APPROVED
    if not created and (shown or getattr(instance, "shown_before", True)):
        _on_participation(sender, instance, hard=not shown)


def _queue_outcome_mail(instance):
    from .mail_tasks import send_outcome, send_outcomes
    from .models import Submission

    if isinstance(instance, Submission):
        if instance.notify_outcome and instance.answer_id and not instance.outcome_sent_at:
            send_outcome.enqueue(instance.pk)
        return
    policy_id = getattr(instance, "policy_id", None) or instance.pk
    send_outcomes.enqueue(policy_id)


def _on_dialogue_question(sender, instance, created, update_fields=None, **kwargs):
    # Readers see a dialogue's question once it is approved, handed to the host and answered.
    # A verdict on one that is not (pending, not yet handed over or answered) changes nothing
    # they see and renews nothing: approving a hundred questions does not purge the page for
    # every reader. One shown until now and no longer approved is taken away: hard, so no
    # cache serves it meanwhile.
    from django.utils import timezone

    from core import live

    from .models import DialogueQuestion
    from .models.participation import APPROVED

    if created or not instance.dialogue_id or update_fields == frozenset({"answer"}):
        return
    place = DialogueQuestion.objects.filter(
        pk=instance.pk, passed_at__isnull=False, guest_answer__isnull=False
    )
    shown = instance.status == APPROVED
    was_shown = getattr(instance, "shown_before", True)
    if not (shown or was_shown) or not place.exists():
        return
    now = timezone.now()
    place.update(changed_at=now)
    if shown:
        place.filter(shown_at__isnull=True).update(shown_at=now)
    live.renew(instance.dialogue_id, hard=was_shown and not shown)


def _on_dialogue_question_deleted(sender, instance, **kwargs):
    # A question readers saw, deleted (the moderation queue, the personal-data tools): its
    # place and answer go with it, so the dialogue's page and endpoint are renewed hard, and
    # a tombstone tells open pages to drop it. The policy's pages are renewed by the
    # submission's own deletion (_on_withdrawn).
    from core import live

    from .models import RemovedDialogueQuestion, Submission

    if instance.shown_at is None:
        return
    dialogue_id = (
        Submission.objects.filter(pk=instance.pk).values_list("dialogue_id", flat=True).first()
    )
    if dialogue_id is None:
        return
    RemovedDialogueQuestion.objects.create(dialogue_id=dialogue_id, question_id=instance.pk)
    live.renew(dialogue_id, hard=True)
