"""The text of a page that may cite documents: the fields its type names in `citing_fields`.

A page type takes part by that plain attribute (an article's title, sapo and body; a
document's summary and full text), as it takes part in search and feeds, so the desk reads an
article's text without knowing the newsroom's models.
"""

import html
import re

from wagtail.fields import RichTextField, StreamField

_TAG = re.compile(r"<[^>]+>")


def text_of_html(markup):
    """Rich text as words: a tag is a space, so paragraphs never run into each other."""
    return html.unescape(_TAG.sub(" ", markup or ""))


def cited_text(page):
    """Everything `page` says in its `citing_fields`, as plain text."""
    parts = []
    for name in getattr(page, "citing_fields", ()):
        field = page._meta.get_field(name)
        value = getattr(page, name)
        if isinstance(field, StreamField):
            parts += [str(part) for part in field.get_searchable_content(value)]
        elif isinstance(field, RichTextField):
            parts.append(text_of_html(value))
        else:
            parts.append(str(value or ""))
    return "\n".join(parts)
