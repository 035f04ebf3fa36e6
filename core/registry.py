"""What the shared parts need to know of the desks, told by the desks themselves.

Core imports no desk, not even by model name (docs/architecture.md): a desk that adds to a
shared part registers it here from its `AppConfig.ready()`. Core registers its own app first
(INSTALLED_APPS order does not matter: everything here is read at request or save time, after
every app is ready).

- `clean_text_of(*app_labels)`: apps whose models' text is cleaned on save
  (core/input_cleaning.py), third-party ones a desk relies on included (the tags of photos).
- `narrow_search_by(*page_types)`: the pages a reader may narrow the site search to (sections).
- `find_exact_matches(finder)`: `finder(query, pages)` gives the pages among `pages` that are
  exactly what the reader typed (a document's number), shown first (core/search/query.py).
"""

CLEANED_APPS = set()
SEARCH_SECTION_TYPES = []
EXACT_FINDERS = []


def clean_text_of(*app_labels):
    CLEANED_APPS.update(app_labels)


def narrow_search_by(*page_types):
    SEARCH_SECTION_TYPES.extend(t for t in page_types if t not in SEARCH_SECTION_TYPES)


def find_exact_matches(finder):
    if finder not in EXACT_FINDERS:
        EXACT_FINDERS.append(finder)
    return finder
