"""What the policy desk adds to the site search (core/search/): a document found by its number.

Registered in `PolicyPagesConfig.ready()`: a reader who types "68/2023/NĐ-CP", "68/2023/nd-cp"
or "Nghị định 68/2023/NĐ-CP" sees that document first, whatever the ranking.
"""

from core.search.query import MAX_EXACT_MATCHES, MAX_QUERY_WORDS

from .models.documents import LegalDocumentPage
from .numbers import number_keys_in


def documents_numbered(query, pages):
    """The documents among `pages` whose number is in `query`, newest issue first."""
    keys = number_keys_in(query, MAX_QUERY_WORDS)
    if not keys:
        return []
    return list(
        LegalDocumentPage.objects.filter(number_key__in=keys, pk__in=pages.values("pk")).order_by(
            "-issued_on", "-pk"
        )[:MAX_EXACT_MATCHES]
    )
