"""Anchors on the units of a legal document's full text, for citations that pinpoint them.

A document's full text is rich text as the editor pasted it: "Điều 5. …" headings or
paragraphs, then "1. …" for each Khoản and "a) …" for each Điểm, as legal drafting writes them.
Each such paragraph gets the id a draft's unit has (policy_pages/drafting/tree.py:
`dieu-5`, `dieu-5-khoan-2`, `dieu-5-khoan-2-diem-a`), so "khoản 2 Điều 5 Nghị định …" in an
article links to the paragraph itself.
"""

import html
import re

from ..drafting.tree import number_slug
from .markup import pieces, tag_name, with_attribute

BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6"}
_ARTICLE = re.compile(r"^\s*(?:Điều|Ðiều|ĐIỀU)\s+(?P<number>\d{1,3}[a-zđ]?)(?![\w/])")
_CLAUSE = re.compile(r"^\s*(?P<number>\d{1,3})\.\s")
_POINT = re.compile(r"^\s*(?P<number>[a-zđ])\)\s")
_HAS_ID = re.compile(r"\sid\s*=", re.I)


def unit_anchors(markup):
    """(`markup` with an id on each unit's paragraph, [the ids in order]). One pass over its
    tags (citations/markup.py): an id goes into a real opening tag, never into an attribute."""
    out, anchors = [], []
    state = {"article": None, "clause": None}
    opened = None  # (its index in `out`, its name, its text so far) while a block is read

    def close():
        if opened is None:
            return
        index, _name, text = opened
        anchor = _anchor("".join(text), state)
        if anchor and anchor not in anchors and not _HAS_ID.search(out[index]):
            anchors.append(anchor)
            out[index] = with_attribute(out[index], "id", anchor)

    for is_tag, piece, readable in pieces(markup or ""):
        if is_tag:
            name = tag_name(piece)
            if name in BLOCKS and not piece.endswith("/>"):
                close()
                opened = (len(out), name, [])
            elif opened and name == f"/{opened[1]}":
                close()
                opened = None
        elif opened and readable:
            opened[2].append(html.unescape(piece))
        out.append(piece)
    close()
    return "".join(out), anchors


def _anchor(text, state):
    """The anchor of a paragraph that begins a unit ("Điều 5.", "2.", "a)"), or None."""
    if found := _ARTICLE.match(text):
        state["article"] = f"dieu-{number_slug(found['number'])}"
        state["clause"] = None
        return state["article"]
    if state["article"] and (found := _CLAUSE.match(text)):
        state["clause"] = f"{state['article']}-khoan-{found['number']}"
        return state["clause"]
    if state["clause"] and (found := _POINT.match(text)):
        return f"{state['clause']}-diem-{number_slug(found['number'])}"
    return None


def nearest_anchor(pinpoint, anchors):
    """The unit `pinpoint` names if the text has it, else the nearest unit above it that it
    has (a Khoản the text does not number: its Điều), else ""."""
    parts = pinpoint.split("-")
    while parts:
        anchor = "-".join(parts)
        if anchor in anchors:
            return anchor
        parts = parts[:-2]
    return ""
