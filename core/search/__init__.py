"""Site search (`/search/?q=`): accent-insensitive, over the content kinds, with filters, exact
document numbers and editors' promoted results.

Readers often type without diacritics ("chinh phu" for "Chính phủ"), and neither database backend
folds Vietnamese by itself: SQLite's FTS5 tokenizer (unicode61, remove_diacritics=1) folds a letter
with one mark but leaves "ế", "ộ", "ữ" (two marks) and "đ" (a letter of its own) as they are;
PostgreSQL's parser keeps every mark (folding there would need the unaccent extension and a text
search configuration of our own, i.e. a migration, and SQLite would still differ). So both sides go
through the same Python fold, `search_words()`: every page indexes folded copies of its title and
text (`BasePage.folded_title` and `folded_search_text`, beside the original fields; other models
`indexing.FoldedWords`), and every query is folded the same way by the search backend
(`backend.py`), so the admin's libraries, choosers and explorer find what editors type too.

The folded text is runs of letters and digits joined by single spaces, so each backend's tokenizer
finds exactly the same words ("68/2023/NĐ-CP" -> "68 2023 nd cp", where PostgreSQL's parser would
read the original as a file path), and nothing a reader types reaches the FTS query syntax (quotes,
`*`, `OR`, NUL). PostgreSQL runs with the "simple" configuration (settings): the default "english"
one drops "so", "the", "an", "do" as stop words, which are "số", "thể", "an", "do" in Vietnamese.

Core imports no desk (docs/architecture.md): page types take part through their `search_kind`
attribute, and a desk registers in its `AppConfig.ready()` what narrows a search (the sections) and
what a query matches exactly (a document's number), through core/registry.py.

`indexing` holds what the index stores, `backend` the query's fold, `query` the reader's search.
"""
