"""A legal document's status on a day, derived in the database from its dates and relations.

RELATIONS says what each relation does to the older document once the newer one is in force;
`LegalDocumentQuerySet.with_status()` turns that into one CASE, so listings, filters, feeds and
the API all read the same status. This module imports nothing else of the models package: the
relations' model is found by name when a query is built (documents.py defines it on top of this).
"""

from django.apps import apps
from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, Subquery, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.privacy import PortalPageQuerySet, restricted_paths

from ..choices import DocumentStatus, DocumentType, Relation

NOT_YET = DocumentStatus.NOT_YET
IN_FORCE = DocumentStatus.IN_FORCE
SUSPENDED = DocumentStatus.SUSPENDED
PARTLY_EXPIRED = DocumentStatus.PARTLY_EXPIRED
EXPIRED = DocumentStatus.EXPIRED

# (relation, what the target undergoes, effect on the target once the source is in force)
RELATIONS = [
    (Relation.AMENDS, _("Được sửa đổi, bổ sung bởi"), PARTLY_EXPIRED),
    (Relation.REPEALS_PART, _("Bị bãi bỏ một phần bởi"), PARTLY_EXPIRED),
    (Relation.REPLACES, _("Được thay thế bởi"), EXPIRED),
    (Relation.REPEALS, _("Bị bãi bỏ bởi"), EXPIRED),
    # Until the relation's `ends_on`, inclusive, when it has one.
    (Relation.SUSPENDS, _("Bị đình chỉ, ngưng hiệu lực bởi"), SUSPENDED),
    (Relation.DETAILS, _("Được quy định chi tiết bởi"), None),
    (Relation.GUIDES, _("Được hướng dẫn bởi"), None),
    (Relation.CORRECTS, _("Được đính chính bởi"), None),
    (Relation.BASIS, _("Là căn cứ ban hành của"), None),
    # A consolidated text replaces nothing: it takes its status from the original instead.
    (Relation.CONSOLIDATES, _("Được hợp nhất trong"), None),
]
RELATION_LABELS = {relation: (relation.label, passive) for relation, passive, _effect in RELATIONS}
ENDING = [relation for relation, _passive, effect in RELATIONS if effect == EXPIRED]
SUSPENDING = [relation for relation, _passive, effect in RELATIONS if effect == SUSPENDED]
PARTIAL = [relation for relation, _passive, effect in RELATIONS if effect == PARTLY_EXPIRED]


def today():
    """The date in Vietnam now: a document takes effect at midnight Hà Nội time."""
    return timezone.localdate()


def in_force_by(on, document=""):
    """The document at `document` ("" the row, "page__" a relation's source…) has come into
    force by `on`: its effective date, or its issue date when it has none, has come."""
    return Q(**{f"{document}effective_on__lte": on}) | Q(
        **{f"{document}effective_on__isnull": True, f"{document}issued_on__lte": on}
    )


def not_yet_by(on, document=""):
    """The document at `document` has not come into force by `on`."""
    return Q(**{f"{document}effective_on__gt": on}) | Q(
        **{f"{document}effective_on__isnull": True, f"{document}issued_on__gt": on}
    )


def shown(document):
    """The document at `document` is live and outside every view restriction: only such a
    document changes another's status, as only such a document is shown beside it."""
    condition = Q(**{f"{document}live": True})
    for path in restricted_paths():
        condition &= ~Q(**{f"{document}path__startswith": path})
    return condition


def status_case(on, document="", outer="pk"):
    """The CASE of the status on `on` of the document at `document`, whose key is
    `OuterRef(outer)` in the relations' subqueries. In order of precedence: not yet in force,
    expired, suspended, partly expired, in force."""
    relations = apps.get_model("policy_pages", "LegalDocumentRelation").objects
    sources = relations.filter(shown("page__"), in_force_by(on, "page__"), target=OuterRef(outer))
    suspending = sources.filter(relation_type__in=SUSPENDING).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=on)
    )
    return Case(
        When(not_yet_by(on, document), then=Value(NOT_YET)),
        When(
            Q(**{f"{document}expires_on__lte": on})
            | Exists(sources.filter(relation_type__in=ENDING)),
            then=Value(EXPIRED),
        ),
        When(Exists(suspending), then=Value(SUSPENDED)),
        When(Exists(sources.filter(relation_type__in=PARTIAL)), then=Value(PARTLY_EXPIRED)),
        default=Value(IN_FORCE),
        output_field=models.CharField(),
    )


class LegalDocumentQuerySet(PortalPageQuerySet):
    def with_status(self, on=None):
        """Annotate `status` (a DocumentStatus) on each document, as of `on` (today).

        A consolidated text (văn bản hợp nhất) has, once issued, the status of the original it
        consolidates: of the documents it consolidates, the one issued first."""
        on = on or today()
        relations = apps.get_model("policy_pages", "LegalDocumentRelation").objects
        originals = relations.filter(
            shown("target__"), page=OuterRef("pk"), relation_type=Relation.CONSOLIDATES
        ).order_by("target__issued_on", "target_id")
        original_status = originals.annotate(
            original_status=status_case(on, document="target__", outer="target")
        ).values("original_status")[:1]
        own = status_case(on)
        return self.annotate(
            status=Case(
                When(not_yet_by(on), then=Value(NOT_YET)),
                When(
                    Q(document_type=DocumentType.CONSOLIDATED) & Exists(originals),
                    then=Subquery(original_status),
                ),
                default=own,
                output_field=models.CharField(),
            )
        )

    def in_force(self, on=None):
        """The documents in force as of `on` (today), wholly or in part; a suspended one is
        not."""
        return self.with_status(on).filter(status__in=[IN_FORCE, PARTLY_EXPIRED])

    def published(self, on=None):
        """Live, public documents, newest issue first, with their status as of `on` and their
        issuing body."""
        return (
            self.live()
            .unrestricted()
            .select_related("issuing_body")
            .order_by("-issued_on", "-pk")
            .with_status(on)
        )
