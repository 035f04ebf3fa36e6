"""Keeping the citations of published pages (models/citations.py) and renewing what shows them.

On every publication of a page that names `citing_fields`, its rows are read again from the
text just published, and the pages that list or link by those names are renewed: the cited
documents' lists of what cites them, and, when the page is a document, the pages whose
citations of its number had found nothing until now (`citing_tag()`).
"""

from core.cache_tags import invalidate

from ..models.citations import Citation
from ..numbers import year_prefix
from .links import citing_tag
from .reader import find_citations
from .texts import cited_text


def document_names(document):
    """The names a citation may give `document` by: its key; its key's start, with its type or
    none ("NĐ 15/2020", "15/2020")."""
    if not document.number_key:
        return []
    names = [(document.number_key, "", "")]
    prefix = year_prefix(document.number_key)
    if prefix:
        names += [("", prefix, ""), ("", prefix, document.document_type)]
    return names


def record_citations(page):
    if not getattr(page, "citing_fields", None):
        return
    before = set(
        Citation.objects.filter(source=page).values_list("key", "year_prefix", "document_type")
    )
    citations = find_citations(cited_text(page))
    Citation.record(page, citations)
    # A document: what cited its number and found nothing until now links it.
    own = document_names(page) if getattr(page, "number_key", None) else []
    names = before | {c.names for c in citations} | set(own)
    if names:
        invalidate(*(citing_tag(n) for n in names))


def read_all(pages):
    """Read the citations of every page in `pages` (live pages of types that cite) again;
    the number read. For pages published before the portal read citations."""
    count = 0
    for page in pages.specific().iterator(chunk_size=200):
        if getattr(page, "citing_fields", None):
            record_citations(page)
            count += 1
    return count
