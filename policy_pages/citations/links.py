"""A page's citations as a reader sees them: each cited document the portal holds linked (to the
unit it pinpoints, where the document's text numbers its units), and a note for each document
not in force on the day the page is read ("đã được thay thế bởi …").

Read once for a page (`CitedDocuments(page)`: its text, one query for the documents with their
status today, one for what changed those not in force), then applied to each piece of its HTML
with no query (`link()`), so the templates only display. The pages that show it are kept by the
day (core/page_cache.py, core/fragments.py), so a note appears and goes on the day a status
changes; and they carry the tags of the documents they link and of the numbers they could not
(citations/tags.py), so a document published, changed or withdrawn renews them at once.
"""

import html
import unicodedata
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.safestring import mark_safe

from core import cache_tags
from core.privacy import is_public
from core.templatetags.vn_format import vn_date

from ..choices import DocumentStatus, DocumentType
from ..models.document_status import RELATIONS, in_force_by, today
from .anchors import nearest_anchor, unit_anchors
from .markup import pieces, tag_name
from .reader import find_citations
from .resolve import resolve
from .tags import awaiting_tag
from .texts import cited_text

EFFECTS = {relation: (passive, effect) for relation, passive, effect in RELATIONS}


@dataclass
class Note:
    """What a reader is told of a cited document that is not in force today."""

    document: object
    status: str
    changed_by: list = field(default_factory=list)  # [(what it underwent, the document)]

    @property
    def status_label(self):
        return self.document.status_label

    @property
    def sentence(self):
        """ "văn bản này đã hết hiệu lực", "… chưa có hiệu lực, có hiệu lực từ ngày 01/01/2027"."""
        if self.status == DocumentStatus.NOT_YET:
            return "văn bản này chưa có hiệu lực, có hiệu lực từ ngày " + vn_date(
                self.document.in_force_from
            )
        if self.status == DocumentStatus.SUSPENDED:
            return "văn bản này đang bị ngưng hiệu lực"
        return f"văn bản này {'đã ' if self.status == DocumentStatus.EXPIRED else ''}" + (
            self.status_label.lower()
        )


class CitedDocuments:
    def __init__(self, page):
        from ..models import LegalDocumentPage

        self.citations = find_citations(cited_text(page))
        documents = LegalDocumentPage.objects.published().exclude(pk=page.pk)
        resolved = resolve(self.citations, documents)
        # A document outside every site has no address to link to.
        self.documents = {n: d for n, d in resolved.documents.items() if d.url}
        self.ambiguous = resolved.ambiguous
        self._anchors = {}
        cache_tags.add_pages(*(d.pk for d in self.documents.values()))
        cache_tags.add(
            *(awaiting_tag(c.names) for c in self.citations if c.names not in self.documents)
        )
        self.notes = self._notes()

    def __bool__(self):
        return bool(self.citations)

    def document_of(self, citation):
        return self.documents.get(citation.names)

    def href(self, citation):
        document = self.document_of(citation)
        if document is None:
            return None
        anchor = ""
        if citation.pinpoint:
            if document.pk not in self._anchors:
                self._anchors[document.pk] = set(unit_anchors(document.full_text)[1])
            anchor = nearest_anchor(citation.pinpoint, self._anchors[document.pk])
        return document.url + (f"#{anchor}" if anchor else "")

    def link(self, markup):
        """`markup` (the page's rendered HTML) with every citation of a document the portal
        holds linked; text inside a link, a comment or a script is left as it is."""
        if not self.documents:
            return markup
        out, in_link = [], 0
        for is_tag, piece, readable in pieces(markup):
            if is_tag:
                name = tag_name(piece)
                if name == "a":
                    in_link += 1
                elif name == "/a":
                    in_link = max(0, in_link - 1)
                out.append(piece)
            else:
                out.append(self._linked(piece) if readable and not in_link else piece)
        return mark_safe("".join(out))  # noqa: S308 (tags as given, text re-escaped in _linked)

    def _linked(self, piece):
        text = unicodedata.normalize("NFC", html.unescape(piece))
        found = [c for c in find_citations(text) if self.href(c)]
        if not found:
            return piece
        out, position = [], 0
        for citation in found:
            if citation.start < position:
                continue  # "Điều 5 và Điều 6 Nghị định …": one link, to the first unit
            document = self.document_of(citation)
            out.append(html.escape(text[position : citation.start]))
            out.append(
                f'<a class="citation" href="{html.escape(self.href(citation))}"'
                f' title="{html.escape(str(document))}">{html.escape(citation.text)}</a>'
            )
            if self.noted(document):
                label = html.escape(document.status_label.lower())
                out.append(f' <small class="citation__status">({label})</small>')
            position = citation.end
        out.append(html.escape(text[position:]))
        return "".join(out)

    @staticmethod
    def noted(document):
        """Whether readers are told of `document`'s status: not in force today, except a
        consolidated text partly expired, which is so by the amendments it merges."""
        if document.document_type == DocumentType.CONSOLIDATED:
            return document.status not in (DocumentStatus.IN_FORCE, DocumentStatus.PARTLY_EXPIRED)
        return document.status != DocumentStatus.IN_FORCE

    def _notes(self):
        """A note for each cited document not in force today, in the order first cited, with
        the documents in force that made it so."""
        from ..models import LegalDocumentRelation

        shown = []
        for citation in self.citations:
            document = self.document_of(citation)
            if document and self.noted(document) and document not in shown:
                shown.append(document)
        if not shown:
            return []
        on = today()
        changes = (
            LegalDocumentRelation.objects.filter(
                target__in=shown,
                page__live=True,
                relation_type__in=[r for r, (_p, effect) in EFFECTS.items() if effect],
            )
            .filter(in_force_by(on, "page__"))
            .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))  # a suspension not over
            .select_related("page")
            .order_by("-page__issued_on", "pk")
        )
        notes = {d.pk: Note(d, d.status) for d in shown}
        for change in changes:
            passive, effect = EFFECTS[change.relation_type]
            note = notes[change.target_id]
            if effect == note.status and is_public(change.page):
                note.changed_by.append((passive, change.page))
                cache_tags.add_pages(change.page_id)
        return list(notes.values())

    @property
    def report(self):
        """[(citation, document or None, whether several documents have its number)] for the
        editor: every citation found, in order."""
        return [(c, self.document_of(c), c.names in self.ambiguous) for c in self.citations]
