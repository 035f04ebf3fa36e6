"""The search backend: Wagtail's database backend, with every query folded as the index is.

Every search of the admin (image, document and media libraries and choosers, the page explorer,
page search and page chooser, snippet listings and choosers) and of the API calls the backend's
`search()` or `autocomplete()`, each view its own way. A backend of our own is the one place all
of them pass through, so the fold is applied once here rather than in a dozen views' hooks;
the words themselves are folded in the index by each model's search_fields (`folded_title`,
`folded_search_text` on pages, `FoldedWords.folded_words` on the others), which the site search
already relied on.
"""

from functools import cache

from modelsearch.backends import database
from modelsearch.query import And, Boost, Not, Or, Phrase, PlainText

from .indexing import search_words


def fold_query(query):
    """The query as the index holds words: "VPCP 77 năm - ảnh 1" -> "vpcp 77 nam anh 1". A
    parsed query (the page search reads quotes as a phrase) is folded part by part."""
    if isinstance(query, str):
        return search_words(query)
    if isinstance(query, PlainText):
        return PlainText(search_words(query.query_string), query.operator, query.boost)
    if isinstance(query, Phrase):
        return Phrase(search_words(query.query_string))
    if isinstance(query, And | Or):
        return type(query)([fold_query(part) for part in query.subqueries])
    if isinstance(query, Not):
        return Not(fold_query(query.subquery))
    if isinstance(query, Boost):
        return Boost(fold_query(query.subquery), query.boost)
    return query  # MatchAll, and kinds the database backend does not run


def _without_words(query):
    """Nothing left to look for: the backend answers an empty string with no results, where an
    empty PlainText would reach the full-text engine as an empty match."""
    return isinstance(query, PlainText | Phrase) and not query.query_string


class FoldedQueries:
    def search(self, query, model_or_queryset, *args, **kwargs):
        folded = fold_query(query)
        return super().search(
            "" if _without_words(folded) else folded, model_or_queryset, *args, **kwargs
        )

    def autocomplete(self, query, model_or_queryset, *args, **kwargs):
        folded = fold_query(query)
        return super().autocomplete(
            "" if _without_words(folded) else folded, model_or_queryset, *args, **kwargs
        )


@cache
def _folding(backend_class):
    return type(backend_class.__name__, (FoldedQueries, backend_class), {})


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks up in a backend's module)
    """The database backend Wagtail picks for the database in use (PostgreSQL, or SQLite's
    FTS5), folding queries."""
    return _folding(type(database.SearchBackend(params)))(params)
