"""Which documents the portal holds for citations: one query for a page's or a search's.

A citation names a document by a full number's key ("15/2020/ND-CP"), or by the key's start and
a type ("NĐ 15/2020"): `names`, as reader.Citation gives them. A name that fits more than one
document (every province's People's Committee issues its own "15/2020/QĐ-UBND"; "15/2020"
alone) is ambiguous: no document is chosen for it, rather than the wrong one.
"""

from dataclasses import dataclass, field

from django.db.models import Q

# A page cites a few dozen documents at most; a bare "15/2020" may match a few of each year.
MOST_DOCUMENTS = 500


def matching(all_names):
    """A filter on legal documents for any of `all_names`."""
    all_names = set(all_names)
    keys = sorted({key for key, _prefix, _kind in all_names if key})
    found = Q(number_key__in=keys) if keys else Q(pk__in=[])
    for _key, prefix, kind in sorted(n for n in all_names if not n[0]):
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


@dataclass
class Resolved:
    """`documents`: the one document of each name that has one; `ambiguous`: the names that
    fit several."""

    documents: dict = field(default_factory=dict)
    ambiguous: set = field(default_factory=set)


def resolve_names(all_names, documents):
    """The documents among `documents` (a queryset) that `all_names` name, newest issue first."""
    all_names = set(all_names)
    result = Resolved()
    if not all_names:
        return result
    found = list(
        documents.filter(matching(all_names)).order_by("-issued_on", "-pk")[:MOST_DOCUMENTS]
    )
    for names in all_names:
        fitting = [d for d in found if names_document(names, d)]
        if len(fitting) == 1:
            result.documents[names] = fitting[0]
        elif fitting:
            result.ambiguous.add(names)
    return result


def resolve(citations, documents):
    return resolve_names((c.names for c in citations), documents)
