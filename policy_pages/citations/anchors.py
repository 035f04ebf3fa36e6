"""Anchors on the units of a legal document's full text, for citations that pinpoint them.

A document's full text is rich text as the editor pasted it: "Điều 5. …" headings or
paragraphs, then "1. …" for each Khoản and "a) …" for each Điểm, as legal drafting writes them.
Each such paragraph gets the id a draft's unit has (policy_pages/drafting/tree.py:
`dieu-5`, `dieu-5-khoan-2`, `dieu-5-khoan-2-diem-a`), so "khoản 2 Điều 5 Nghị định …" in an
article links to the paragraph itself.
"""

import re

from ..drafting.tree import number_slug
from .texts import text_of_html

_BLOCK = re.compile(r"<(?P<tag>p|h[1-6]|li)(?P<attrs>\b[^>]*)>(?P<inner>.*?)</(?P=tag)>", re.S)
_ARTICLE = re.compile(r"^\s*(?:Điều|Ðiều|ĐIỀU)\s+(?P<number>\d{1,3}[a-zđ]?)(?![\w/])")
_CLAUSE = re.compile(r"^\s*(?P<number>\d{1,3})\.\s")
_POINT = re.compile(r"^\s*(?P<number>[a-zđ])\)\s")


def unit_anchors(markup):
    """(`markup` with an id on each unit's paragraph, [the ids in order])."""
    anchors = []
    article = clause = None

    def anchored(match):
        nonlocal article, clause
        text = text_of_html(match["inner"])
        if found := _ARTICLE.match(text):
            article, clause = f"dieu-{number_slug(found['number'])}", None
            anchor = article
        elif article and (found := _CLAUSE.match(text)):
            clause = f"{article}-khoan-{found['number']}"
            anchor = clause
        elif clause and (found := _POINT.match(text)):
            anchor = f"{clause}-diem-{number_slug(found['number'])}"
        else:
            return match[0]
        if anchor in anchors or re.search(r"\bid\s*=", match["attrs"]):
            return match[0]
        anchors.append(anchor)
        return f'<{match["tag"]} id="{anchor}"{match["attrs"]}>{match["inner"]}</{match["tag"]}>'

    return _BLOCK.sub(anchored, markup or ""), anchors


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
