"""Which documents the portal holds for citations: one query for a page's or a search's."""

from django.db.models import Q

# A page cites a few dozen documents at most; a bare "15/2020" may match a few of each year.
MOST_DOCUMENTS = 500


def matching(citations):
    """A filter on legal documents for any of `citations` (reader.Citation): by the key of a
    full number, by the key's start and the type for "NĐ 15/2020"."""
    keys = {c.key for c in citations if c.key}
    found = Q(number_key__in=sorted(keys)) if keys else Q(pk__in=[])
    for _key, prefix, kind in sorted({c.names for c in citations if not c.key}):
        partial = Q(number_key__startswith=prefix)
        if kind:
            partial &= Q(document_type=kind)
        found |= partial
    return found


def names_document(names, document):
    key, prefix, kind = names
    if key:
        return document.number_key == key
    return document.number_key.startswith(prefix) and kind in ("", document.document_type)


def resolve(citations, documents):
    """{citation.names: document} for the `citations` found among `documents` (a queryset);
    where several match ("15/2020" of a decree and of a circular), the newest issued."""
    if not citations:
        return {}
    found = list(
        documents.filter(matching(citations)).order_by("-issued_on", "-pk")[:MOST_DOCUMENTS]
    )
    resolved = {}
    for names in {c.names for c in citations}:
        document = next((d for d in found if names_document(names, d)), None)
        if document is not None:
            resolved[names] = document
    return resolved
