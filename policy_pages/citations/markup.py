"""Rendered HTML as pieces of text and tags, for the two rewrites of a body: citations linked
(links.py) and units anchored (anchors.py).

Quote-aware, so a ">" inside an attribute's value ends no tag, and with no backtracking (its
quantifiers are possessive), so a stray "<" costs nothing. Comments are whole pieces; the text of
`script`, `style`, `textarea` and `title` is never text to rewrite.
"""

import re
from html import escape

_TAG = r"<!--.*?-->|<(?:[^>\"']++|\"[^\"]*+\"|'[^']*+')*+>"
_SPLIT = re.compile(f"({_TAG})", re.S)
_NAME = re.compile(r"<\s*(/?)\s*([A-Za-z][A-Za-z0-9]*)")
RAW = {"script", "style", "textarea", "title"}


def tag_name(tag):
    """ "p", "/p", "a", or "" (a comment, a doctype)."""
    match = _NAME.match(tag)
    return f"{match[1]}{match[2].lower()}" if match else ""


def pieces(markup):
    """(is_tag, piece, readable) for each piece of `markup`, in order; `readable` is False
    for text inside a raw element (a script) or a comment."""
    raw = None
    for index, piece in enumerate(_SPLIT.split(str(markup))):
        if not piece:
            continue
        if index % 2:
            name = tag_name(piece)
            if raw and name == f"/{raw}":
                raw = None
            elif not raw and name in RAW:
                raw = name
            yield True, piece, False
        else:
            yield False, piece, raw is None


def with_attribute(tag, name, value):
    """`tag` (an opening tag) with `name="value"` after its name; `value` is escaped."""
    match = _NAME.match(tag)
    return f'{tag[: match.end()]} {name}="{escape(value)}"{tag[match.end() :]}'
