"""What the policy desk adds to the site search (core/search/): a document found by its citation.

Registered in `PolicyPagesConfig.ready()`: a reader who types "15/2020/NĐ-CP", "nd 15 2020",
"NĐ15/2020", "nghi dinh 15 2020", "15/2020" or "Nghị định 68/2023/NĐ-CP" sees that document
first, whatever the ranking (the citation reader, policy_pages/citations/reader.py, in its
lenient search mode).
"""

from core.search.query import MAX_EXACT_MATCHES

from .citations.reader import read_query
from .citations.resolve import matching
from .models.documents import LegalDocumentPage


def documents_cited(query, pages):
    """The documents among `pages` that `query` cites, newest issue first."""
    citations = read_query(query)
    if not citations:
        return []
    return list(
        LegalDocumentPage.objects.filter(
            matching(c.names for c in citations), pk__in=pages.values("pk")
        ).order_by("-issued_on", "-pk")[:MAX_EXACT_MATCHES]
    )
