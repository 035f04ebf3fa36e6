"""Keeping the citations of published pages (models/citations.py) and renewing what shows them.

On every publication of a page that names `citing_fields`, its rows are read again from the
text just published, each with the one document its name fits, and the lists of what cites those
documents are renewed (`cited_by_tag()`). On every publication of a document, the rows that name
it take it (or leave it, when its number changed), and the pages whose citations of its number
found nothing until now are renewed (`awaiting_tag()`): they link it at once.
"""

from django.db.models import Q

from core.cache_tags import invalidate

from ..models.citations import Citation
from ..numbers import year_prefix
from .reader import find_citations
from .resolve import names_document, resolve_names
from .tags import awaiting_tag, cited_by_tag
from .texts import cited_text


def document_names(document):
    """The names a citation may give `document` by: its key; its key's start, with its type or
    none ("NĐ 15/2020", "15/2020")."""
    if not getattr(document, "number_key", ""):
        return []
    names = [(document.number_key, "", "")]
    prefix = year_prefix(document.number_key)
    if prefix:
        names += [("", prefix, ""), ("", prefix, document.document_type)]
    return names


def public_documents():
    from ..models import LegalDocumentPage

    return LegalDocumentPage.objects.live().unrestricted()


def record_citations(page):
    if not getattr(page, "citing_fields", None):
        return
    before = set(Citation.objects.filter(source=page).values_list("document_id", flat=True))
    names = {c.names for c in find_citations(cited_text(page))}
    resolved = resolve_names(names, public_documents().exclude(pk=page.pk))
    found = {n: resolved.documents.get(n) for n in names}
    Citation.record(page, found)
    cited = before | {d.pk for d in found.values() if d is not None}
    tags = [cited_by_tag(pk) for pk in cited if pk]
    own = document_names(page)
    if own:
        take_rows(page)
        tags += [awaiting_tag(n) for n in own]
    if tags:
        invalidate(*tags)


def take_rows(document):
    """The rows that name `document` take it where their name fits no other document; those it
    had that name it no longer (its number changed) leave it."""
    rows = list(Citation.objects.filter(document=document))
    gone = [row.pk for row in rows if not names_document(row.names, document)]
    if gone:
        Citation.objects.filter(pk__in=gone).update(document=None)
    waiting = Citation.objects.filter(document=None).filter(
        resolve_filter(document_names(document))
    )
    names = set(waiting.values_list("key", "year_prefix", "document_type").distinct())
    resolved = resolve_names(names, public_documents())
    for (key, prefix, kind), found in resolved.documents.items():
        waiting.filter(key=key, year_prefix=prefix, document_type=kind).update(document=found)


def resolve_filter(all_names):
    condition = Q(pk__in=[])
    for key, prefix, kind in all_names:
        condition |= Q(key=key, year_prefix=prefix, document_type=kind)
    return condition


def read_all(pages):
    """Read the citations of every page in `pages` (live pages of types that cite) again;
    the number read. For pages published before the portal read citations."""
    count = 0
    for page in pages.specific().iterator(chunk_size=200):
        if getattr(page, "citing_fields", None):
            record_citations(page)
            count += 1
    return count
