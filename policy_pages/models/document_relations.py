"""How a legal document shows its relations: what it does to others and what others do to it,
each with its label from that side; the consolidated text to read it in; what a consolidated text
merges. Only live documents outside every view restriction are shown, as only they count for the
status (models/document_status.py)."""

from datetime import date
from typing import Any, NamedTuple

from django.db.models import Q

from ..choices import Relation
from .document_status import RELATION_LABELS

# A relation as the API gives it: its label, the other document and a suspension's last day.
RELATION_KEYS = {
    "relation": "label",
    "document": ("document", {"number_symbol": "number_symbol"}),
    "ends_on": "ends_on",
}


class RelatedDocument(NamedTuple):
    relation_type: str
    label: str
    document: Any  # a LegalDocumentPage
    ends_on: date | None = None


def by_issue(documents):
    """Oldest issue first, as the status picks a consolidated text's original."""
    return sorted(documents, key=lambda document: (document.issued_on, document.pk))


def consolidated_sources(outgoing):
    """What a consolidated text merges: the original first, then its amendments by issue date."""
    return by_issue(r.document for r in outgoing if r.relation_type == Relation.CONSOLIDATES)


class RelatedDocuments:
    """The legal document page's side of its relations (`relations` entered on it,
    `incoming_relation_rows` entered on the others)."""

    def shown_documents(self):
        return type(self).objects.live().unrestricted()

    def outgoing_relations(self):
        """[RelatedDocument] what this document does to others."""
        if self.holds_in_memory("relations"):
            # A preview: the relations are the revision's, in memory; filtered in Python.
            relations = list(self.relations.select_related("target__issuing_body"))
            visible = set(
                self.shown_documents()
                .filter(pk__in=[r.target_id for r in relations])
                .values_list("pk", flat=True)
            )
        else:
            relations = list(
                self.relations.filter(target__in=self.shown_documents()).select_related(
                    "target__issuing_body"
                )
            )
            visible = {r.target_id for r in relations}
        return [
            RelatedDocument(
                r.relation_type, RELATION_LABELS[r.relation_type][0], r.target, r.ends_on
            )
            for r in relations
            if r.target_id in visible
        ]

    def incoming_relations(self):
        """[RelatedDocument] what others do to this one ("Được sửa đổi, bổ sung bởi …")."""
        if self.pk is None:
            return []  # a preview of a new document: nothing refers to it yet
        sources = self.incoming_relation_rows.filter(
            page__in=self.shown_documents()
        ).select_related("page__issuing_body")
        return [
            RelatedDocument(r.relation_type, RELATION_LABELS[r.relation_type][1], r.page, r.ends_on)
            for r in sources
        ]

    def reading_version(self, incoming):
        """The newest consolidated text of which this document is the original, or None. A text
        merging it as an amendment (an earlier-issued document is merged too) is its original's
        reading version, not this one's."""
        texts = [r.document for r in incoming if r.relation_type == Relation.CONSOLIDATES]
        if not texts:
            return None
        earlier = Q(target__issued_on__lt=self.issued_on) | Q(
            target__issued_on=self.issued_on, target__pk__lt=self.pk
        )
        of_another = set(
            self.incoming_relation_rows.model.objects.filter(
                earlier,
                page__in=[text.pk for text in texts],
                relation_type=Relation.CONSOLIDATES,
                target__in=self.shown_documents(),
            ).values_list("page_id", flat=True)
        )
        own = [text for text in texts if text.pk not in of_another]
        return by_issue(own)[-1] if own else None
