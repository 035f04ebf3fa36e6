"""What happened, found the same way whoever looks: the editor's publication or the midnight job.

Each finder works out what is true now (a milestone reached, a consultation closing in three
days, a document repealed…) and records an event under a key that names it whatever its titles
become ("chinh-sach-12-moc-thong-qua-2026-12-01"); a key recorded before is skipped. So an event
is recorded once, however often it is noticed, and a day the job missed is caught up by the next
run. Only what happened lately is news: a milestone dated years back, entered to complete a
timeline, tells nobody (RECENT_DAYS).
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.privacy import is_public
from newsroom.models import SectionPage
from policy_pages.choices import DocumentStatus, Relation, Stage
from policy_pages.models import (
    DialoguePage,
    LegalDocumentPage,
    LegalDocumentRelation,
    PolicyMilestone,
    PolicyPage,
)
from policy_pages.models.document_status import RELATION_LABELS, today

from .choices import EventKind
from .models import Event
from .targets import SEARCH_PREFIX, page_key, topic_key

RECENT_DAYS = 7
# A document's relation is news when the newer document was issued this recently.
RELATION_RECENT_DAYS = 90
# The audience of a new document: every document search, matched at fan-out.
EVERY_SEARCH = SEARCH_PREFIX + "*"


def record(key, kind, page, title, path, audience, summary=""):
    """Record the event once under `key` and queue its fan-out; None if it was recorded."""
    from .tasks import fan_out

    try:
        with transaction.atomic():
            event = Event.objects.create(
                key=key,
                kind=kind,
                page=page,
                title=title[:500],
                summary=summary,
                path=path,
                audience=audience,
            )
            fan_out.enqueue(event.pk)
    except IntegrityError:
        return None
    return event


def recent(day, on):
    return day is not None and on - timedelta(days=RECENT_DAYS) <= day <= on


def policy_events(policy, on=None):
    """A live, public policy's milestones reached, its consultation opened, closing in three
    days and closed, its published draft versions, its report, its adoption."""
    on = on or today()
    if not policy.live:
        return []
    base, audience, url = f"chinh-sach-{policy.pk}", [page_key(policy.pk)], policy.url or ""
    recorded = []

    def note(key, kind, title, path=url, summary=""):
        event = record(f"{base}-{key}", kind, policy, title, path, audience, summary)
        if event:
            recorded.append(event)

    for milestone in policy.milestones.select_related("legal_document"):
        if milestone.stage == Stage.CONSULTATION and milestone.closes_on:
            opens, closes = milestone.date, milestone.closes_on
            if recent(opens, on) and opens <= on <= closes:
                note(
                    f"mo-lay-y-kien-{opens}",
                    EventKind.CONSULTATION_OPEN,
                    _("Bắt đầu lấy ý kiến đến hết %(date)s: %(title)s")
                    % {"date": closes.strftime("%d/%m/%Y"), "title": policy.title},
                    summary=milestone.note,
                )
            if closes - timedelta(days=3) <= on <= closes and opens <= on:
                note(
                    f"sap-het-han-{closes}",
                    EventKind.CONSULTATION_CLOSING,
                    _("Còn %(days)s ngày góp ý (đến hết %(date)s): %(title)s")
                    % {
                        "days": (closes - on).days + 1,
                        "date": closes.strftime("%d/%m/%Y"),
                        "title": policy.title,
                    },
                )
            if recent(closes + timedelta(days=1), on) and closes < on:
                note(
                    f"het-han-{closes}",
                    EventKind.CONSULTATION_CLOSED,
                    _("Đã kết thúc lấy ý kiến: %(title)s") % {"title": policy.title},
                )
            continue
        if not recent(milestone.date, on):
            continue
        document = milestone.legal_document
        adopted = milestone.stage == Stage.ADOPTION
        summary = milestone.note
        if document is not None and document.live and is_public(document):
            summary = f"{document.number_symbol}: {document.title}\n{summary}".strip()
        note(
            f"moc-{milestone.stage}-{milestone.date}",
            EventKind.ADOPTED if adopted else EventKind.MILESTONE,
            _("%(stage)s (%(date)s): %(title)s")
            % {
                "stage": Stage(milestone.stage).label,
                "date": milestone.date.strftime("%d/%m/%Y"),
                "title": policy.title,
            },
            summary=summary,
        )
    # The draft versions and the answer table, as the policy's feed announces them.
    kinds = {"draft-version": EventKind.DRAFT_VERSION, "answer-table": EventKind.REPORT}
    for step in policy.feed_events():
        if recent(timezone.localdate(step.published), on):
            note(step.key, kinds[step.kind], step.title, path=url + step.path, summary=step.summary)
    return recorded


def document_title(document):
    return f"{document.get_document_type_display()} {document.number_symbol}"


def document_published(document, on=None):
    """A document just published: news to the searches it matches, and to the followers of
    each document it acts on (amends, replaces, repeals, suspends, guides, corrects, is based
    on, consolidates)."""
    on = on or today()
    recorded = []
    if document.first_published_at and document.first_published_at >= timezone.now() - timedelta(
        days=RECENT_DAYS
    ):
        recorded.append(
            record(
                f"van-ban-moi-{document.pk}",
                EventKind.DOCUMENT,
                document,
                _("Văn bản mới: %(doc)s: %(title)s")
                % {"doc": document_title(document), "title": document.title},
                document.url or "",
                [EVERY_SEARCH],
                summary=document.summary,
            )
        )
    if document.issued_on and document.issued_on >= on - timedelta(days=RELATION_RECENT_DAYS):
        for relation in document.relations.select_related("target"):
            target = relation.target
            passive = RELATION_LABELS[relation.relation_type][1]
            recorded.append(
                record(
                    f"van-ban-{target.pk}-{relation.relation_type}-{document.pk}",
                    EventKind.RELATION,
                    document,
                    _("%(target)s %(passive)s %(doc)s")
                    % {
                        "target": document_title(target),
                        "passive": str(passive).lower(),
                        "doc": document_title(document),
                    },
                    document.url or "",
                    [page_key(target.pk)],
                    summary=f"{document.title}\n{document.summary}".strip(),
                )
            )
    return [event for event in recorded if event]


def status_changes(on=None):
    """Documents whose status today differs from yesterday's: they took effect, expired, a
    newer document that ends or suspends them took effect, their suspension ended yesterday, or
    the original a consolidated text follows did any of these. Checked among those whose dates
    say so."""
    on = on or today()
    yesterday = on - timedelta(days=1)
    sources_today = LegalDocumentRelation.objects.filter(
        Q(page__effective_on=on) | Q(page__effective_on__isnull=True, page__issued_on=on)
    ).values("target_id")
    suspension_over = LegalDocumentRelation.objects.filter(
        relation_type=Relation.SUSPENDS, ends_on=yesterday
    ).values("target_id")
    changed = Q(effective_on=on) | Q(expires_on=on) | Q(pk__in=sources_today)
    changed |= Q(pk__in=suspension_over)
    following = LegalDocumentRelation.objects.filter(
        relation_type=Relation.CONSOLIDATES, target__in=LegalDocumentPage.objects.filter(changed)
    ).values("page_id")
    candidates = LegalDocumentPage.objects.live().filter(changed | Q(pk__in=following))
    before = dict(
        LegalDocumentPage.objects.filter(pk__in=candidates.values("pk"))
        .with_status(yesterday)
        .values_list("pk", "status")
    )
    recorded = []
    for document in candidates.with_status(on):
        if before.get(document.pk) == document.status:
            continue
        status = DocumentStatus(document.status)
        event = record(
            f"van-ban-{document.pk}-hieu-luc-{status.value}-{on}",
            EventKind.STATUS,
            document,
            _("%(doc)s: %(status)s từ ngày %(date)s")
            % {
                "doc": document_title(document),
                "status": status.label,
                "date": on.strftime("%d/%m/%Y"),
            },
            document.url or "",
            [page_key(document.pk)],
            summary=document.title,
        )
        if event:
            recorded.append(event)
    return recorded


def story_published(article):
    """A story published for the first time: news to its sections' and topics' followers."""
    if not article.first_published_at or article.first_published_at < timezone.now() - timedelta(
        days=2
    ):
        return None
    sections = SectionPage.objects.ancestor_of(article).values_list("pk", flat=True)
    audience = [page_key(pk) for pk in sections]
    audience += [topic_key(pk) for pk in article.topics.values_list("pk", flat=True)]
    return record(
        f"bai-{article.pk}",
        EventKind.STORY,
        article,
        article.title,
        article.url or "",
        audience,
        summary=getattr(article, "sapo", "") or getattr(article, "search_description", ""),
    )


def dialogue_answered(dialogue, now=None):
    """An online dialogue about a policy, ended, whose guests' answers joined the policy's
    questions and answers: one event for the policy's followers, saying how many questions were
    answered and linking to the transcript, never one per answer. Recorded after the end, so
    the count is final, and once per dialogue and policy (the key names both)."""
    now = now or timezone.now()
    policy = dialogue.policy
    if dialogue.ends_at > now or not dialogue.live or not is_public(dialogue):
        return None
    if policy is None or not policy.live or not is_public(policy):
        return None
    count = dialogue.answered().filter(submission__policy=policy).count()
    if not count:
        return None
    return record(
        f"giao-luu-{dialogue.pk}-chinh-sach-{policy.pk}",
        EventKind.DIALOGUE,
        dialogue,
        _("Giải đáp %(count)s câu hỏi tại buổi giao lưu trực tuyến “%(dialogue)s”")
        % {"count": count, "dialogue": dialogue.title},
        dialogue.url or "",
        [page_key(policy.pk)],
        summary=_("Các câu trả lời đã được đưa vào mục hỏi đáp của chính sách “%(title)s”.")
        % {"title": policy.title},
    )


def ended_dialogues():
    """The tick's sweep: dialogues ended lately whose event is not recorded yet (one query
    when there are none)."""
    now = timezone.now()
    recorded = Event.objects.filter(kind=EventKind.DIALOGUE).values("page_id")
    dialogues = (
        DialoguePage.objects.live()
        .filter(ends_at__range=(now - timedelta(days=RECENT_DAYS), now), policy__isnull=False)
        .exclude(pk__in=recorded)
        .select_related("policy")
    )
    return [event for event in map(dialogue_answered, dialogues) if event]


def daily_events(period):
    """The midnight job: what the date alone brings (a milestone's day, a consultation closing,
    a report dated ahead, a document's effective or expiry date)."""
    on = today()
    window = on - timedelta(days=RECENT_DAYS)
    policies = PolicyPage.objects.live().filter(
        Q(pk__in=PolicyMilestone.objects.filter(date__range=(window, on)).values("page_id"))
        | Q(
            pk__in=PolicyMilestone.objects.filter(
                closes_on__range=(window - timedelta(days=1), on + timedelta(days=3))
            ).values("page_id")
        )
        | Q(report_published_on__range=(window, on))
    )
    for policy in policies.iterator():
        policy_events(policy, on)
    # Each of the last days, so a day whose job never ran is caught up (keys name the day).
    for days in range(RECENT_DAYS, -1, -1):
        status_changes(on - timedelta(days=days))
