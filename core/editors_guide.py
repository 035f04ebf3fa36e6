"""The editors' guide (docs/editors.md) served inside the admin, where Wagtail links its own
English guide on the web.

The guide is Markdown of a small kind: headings, paragraphs, lists (one level of nesting),
tables, **bold**, *italic* and `code`. That subset is rendered here rather than with a Markdown
package: every character is escaped first, so nothing in the file can become HTML of its own.
"""

import re
from functools import cache

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

GUIDE = settings.BASE_DIR / "docs" / "editors.md"
INLINE = [
    (re.compile(r"`([^`]+)`"), r"<code>\1</code>"),
    (re.compile(r"\*\*(.+?)\*\*"), r"<strong>\1</strong>"),
    (re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])"), r"<em>\1</em>"),
]
HEADING = re.compile(r"^(#{1,3}) (.+)$")
ITEM = re.compile(r"^( *)[-*] (.+)$")


def inline(text):
    html = escape(text)
    for pattern, replacement in INLINE:
        html = pattern.sub(replacement, html)
    return html


def _table(lines):
    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in lines]
    head, body = rows[0], [row for row in rows[1:] if not set("".join(row)) <= set("-: ")]
    cells = "".join(f'<th scope="col">{inline(cell)}</th>' for cell in head)
    html = [f"<table><thead><tr>{cells}</tr></thead><tbody>"]
    for row in body:
        html.append("<tr>" + "".join(f"<td>{inline(cell)}</td>" for cell in row) + "</tr>")
    return "".join(html) + "</tbody></table>"


def _list(lines):
    items = []  # [depth, text]: top-level items and one level under them
    for line in lines:
        if match := ITEM.match(line):
            items.append([1 if match[1] else 0, match[2]])
        else:  # a wrapped line of the item above
            items[-1][1] += " " + line.strip()
    html, depth = ["<ul>"], 0
    for level, text in items:
        if level > depth:
            html[-1] = html[-1].removesuffix("</li>")
            html.append("<ul>")
        elif level < depth:
            html.append("</ul></li>")
        depth = level
        html.append(f"<li>{inline(text)}</li>")
    html.append("</ul></li></ul>" if depth else "</ul>")
    return "".join(html)


def render_markdown(text):
    """HTML of the guide's Markdown subset, every character of the source escaped."""
    blocks, html = re.split(r"\n\s*\n", text.strip()), []
    for block in blocks:
        lines = block.splitlines()
        if heading := HEADING.match(lines[0]):
            level = len(heading[1])
            html.append(f"<h{level + 1}>{inline(heading[2])}</h{level + 1}>")
            lines = lines[1:]
            if not lines:
                continue
        if lines[0].lstrip().startswith("|"):
            html.append(_table(lines))
        elif ITEM.match(lines[0]):
            html.append(_list(lines))
        else:
            html.append(f"<p>{inline(' '.join(line.strip() for line in lines))}</p>")
    return mark_safe("\n".join(html))  # noqa: S308 (built from escaped text only)


@cache
def _rendered(mtime):
    return render_markdown(GUIDE.read_text(encoding="utf-8"))


def guide_html():
    return _rendered(GUIDE.stat().st_mtime)


class EditorsGuideView(WagtailAdminTemplateMixin, TemplateView):
    """Any user of the admin may read it (Wagtail's admin URLs require the admin login)."""

    page_title = _("Hướng dẫn biên tập")
    header_icon = "help"
    template_name = "core/admin/editors_guide.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(guide=guide_html(), **kwargs)
