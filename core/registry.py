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
- `add_home_block(template, fetch)`: a block on the home page, which the newsroom shows without
  importing the desk: a fragment of the page (core/fragments.py, `home_block_fragments()`),
  kept apart from it with the tags of what `fetch(request)` reads; the block's template only
  displays what `fetch` gave it, as `home_block`.
- `read_citations_with(reader)`: `reader(page)` gives what a page's text cites (the policy
  desk's legal citations): an object with `link(html)` (the HTML with the citations linked, no
  query), `notes` (shown under a body) and `report` (for the editor's panel), or None.
  `citations_in(page)` asks it, for a page type that names its `citing_fields`.
"""

from collections.abc import Callable
from dataclasses import dataclass

from .fragments import Fragment

CLEANED_APPS = set()
SEARCH_SECTION_TYPES = []
EXACT_FINDERS = []
HOME_BLOCKS = []
CITATION_READERS = []


@dataclass(frozen=True)
class HomeBlock:
    template: str
    fetch: Callable[..., dict]


def clean_text_of(*app_labels):
    CLEANED_APPS.update(app_labels)


def narrow_search_by(*page_types):
    SEARCH_SECTION_TYPES.extend(t for t in page_types if t not in SEARCH_SECTION_TYPES)


def find_exact_matches(finder):
    if finder not in EXACT_FINDERS:
        EXACT_FINDERS.append(finder)
    return finder


def add_home_block(template, fetch):
    block = HomeBlock(template, fetch)
    if block not in HOME_BLOCKS:
        HOME_BLOCKS.append(block)


def home_block_fragments(request):
    """A fragment for every block, in the order the desks added them."""
    return [
        Fragment(
            f"home-block-{block.template}",
            (),
            block.template,
            lambda fetch=block.fetch: {"home_block": fetch(request)},
        )
        for block in HOME_BLOCKS
    ]


def read_citations_with(reader):
    if reader not in CITATION_READERS:
        CITATION_READERS.append(reader)
    return reader


def citations_in(page):
    """What `page` cites, read by the desk that reads citations; None with none to read."""
    if not getattr(page, "citing_fields", None):
        return None
    for reader in CITATION_READERS:
        return reader(page)
    return None
