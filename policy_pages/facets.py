"""The count beside each value of the document index's filters (issue 22, point 6).

The count beside a value of one filter is the number of documents that match every other filter
the reader chose, and that value: with "Nghị định" chosen, the other types still show what
choosing them instead would find, and the chosen one shows what the page lists. Two queries,
whatever the number of documents, values or filters chosen:

1. the documents matching the words (q) and the chosen field, grouped by type, issuer, year of
   issue and status (status is worked out in the database on the day asked, never stored), with a
   count. A group that misses none of the chosen type, issuer, year and status counts for its
   value of each filter and for the total the page lists; a group that misses one counts for its
   value of that filter only; one that misses two counts for nothing. The sums are made here.
2. the documents matching every filter but the field, counted per field through the
   document↔field table (a document in three fields counts once in each).

PostgreSQL's GROUPING SETS would give 1. as four small answers, but SQLite has none, and the
groups are a few thousand rows at most (an issuer issues few types). Query 1's total also spares
the paginator its COUNT.

Query 1 is the costly one (every document's status is worked out) and depends on the words, the
field and the day only: the index keeps its groups in the shared cache until a document under
it is published, withdrawn or moved (core/cache_tags.py), so choosing a type, an issuer, a year
or a status afterwards costs query 2 alone.
"""

import hashlib
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import ExtractYear

from core import cache_tags

from .choices import DocumentStatus, DocumentType
from .models.documents import LegalDocumentPage

# The filters summed from query 1's groups, in the order of its columns.
GROUPED = ("document_type", "issuing_body", "year", "status")
GROUPS_KEPT_SECONDS = 3600


@dataclass(frozen=True)
class Choice:
    """One value of a filter as the form offers it: `value` goes in the address."""

    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class DocumentFacets:
    """Each filter's choices with their counts, and how many documents every filter finds."""

    total: int
    document_types: list
    bodies: list
    fields: list
    years: list
    statuses: list


def document_facets(documents, filters, kept=None):
    """The facets of `documents` (public documents with their status) under `filters`, a
    policy_pages.filters.DocumentFilters. `kept`: (the index page the documents are listed
    under, the day their status is of), to keep query 1's groups in the shared cache."""
    counts, total = _grouped_counts(_groups(documents, filters, kept), filters)
    per_field = _field_counts(documents, filters)
    body, field = filters.issuing_body, filters.legal_field
    years = sorted({*counts["year"], *([filters.year] if filters.year else [])}, reverse=True)
    return DocumentFacets(
        total=total,
        document_types=_choices(
            [(value, value, label) for value, label in DocumentType.choices],
            counts["document_type"],
            filters.document_type,
        ),
        bodies=_choices(
            [(b.pk, b.slug, b.name) for b in filters.bodies],
            counts["issuing_body"],
            body.pk if body else None,
        ),
        fields=_choices(
            [(f.pk, f.slug, f.name) for f in filters.fields],
            per_field,
            field.pk if field else None,
        ),
        years=_choices([(y, str(y), str(y)) for y in years], counts["year"], filters.year),
        statuses=_choices(
            [(value, value, label) for value, label in DocumentStatus.choices],
            counts["status"],
            filters.status,
        ),
    )


def _choices(options, counts, chosen):
    """A Choice for each option (key, value, label) that finds something, and for the chosen
    one whatever it finds: a value that would list nothing is not offered."""
    return [
        Choice(value, label, counts.get(key, 0), key == chosen)
        for key, value, label in options
        if counts.get(key) or key == chosen
    ]


def _groups(documents, filters, kept):
    """[(type, issuing body id, year, status, count)] of the documents matching the words and
    the field: query 1, or its rows kept."""

    def read():
        return list(
            filters.apply(documents, without=GROUPED)
            .order_by()
            .values("document_type", "issuing_body_id", "status", year=ExtractYear("issued_on"))
            .annotate(n=Count("pk"))
            .values_list("document_type", "issuing_body_id", "year", "status", "n")
        )

    if kept is None:
        return read()
    index, on = kept
    field = filters.legal_field.pk if filters.legal_field else ""
    words = hashlib.sha256(filters.query.encode()).hexdigest()
    return cache_tags.kept(
        f"document-facets:{index.pk}:{on.isoformat()}:{field}:{words}",
        GROUPS_KEPT_SECONDS,
        {cache_tags.ALL, cache_tags.under_tag(index.pk)},
        read,
    )


def _grouped_counts(rows, filters):
    """({filter: Counter(value: count)} for the GROUPED filters, total) from query 1's rows."""
    body = filters.issuing_body
    chosen = (
        filters.document_type or None,
        body.pk if body else None,
        filters.year,
        filters.status or None,
    )
    counts = {name: Counter() for name in GROUPED}
    total = 0
    for *values, n in rows:
        missed = [
            at
            for at, (value, wanted) in enumerate(zip(values, chosen, strict=True))
            if wanted is not None and value != wanted
        ]
        if not missed:
            total += n
            for name, value in zip(GROUPED, values, strict=True):
                counts[name][value] += n
        elif len(missed) == 1:
            counts[GROUPED[missed[0]]][values[missed[0]]] += n
    return counts, total


def _field_counts(documents, filters):
    """{field id: count} of the documents every filter but the field finds: query 2."""
    matching = filters.apply(documents, without=("legal_field",)).order_by().values("pk")
    return dict(
        LegalDocumentPage.fields.through.objects.filter(legaldocumentpage__in=matching)
        .values("legalfield_id")
        .annotate(n=Count("*"))
        .order_by()
        .values_list("legalfield_id", "n")
    )
