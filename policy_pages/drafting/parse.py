"""Reading a draft's units (Phần, Chương, Mục, Tiểu mục, Điều, Khoản, Điểm) from pasted text or
from a .docx, by the headings and numbering that legal drafting prescribes.

Nothing is ever dropped: a line that is no unit's heading becomes a paragraph of the innermost
open unit, its text as written (trimmed, Unicode NFC).
"""

import io
import re
import unicodedata
import zipfile

import docx

from .tree import ParsedUnit, UnitKind

MAX_DOCX_BYTES = 10 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
MAX_ZIP_MEMBERS = 2_000
# A few hundred bytes of spaces also deflate a hundredfold; only members big enough to hurt
# are held to the ratio.
RATIO_CHECKED_FROM_BYTES = 1024 * 1024
# A heading's words longer than this are a sentence, not a name (and more than a stored unit's
# title holds): they become the unit's text.
MAX_TITLE_CHARS = 500


class DraftFileError(ValueError):
    """An uploaded draft that cannot be read; the message tells the uploader why, in Vietnamese."""


# --- Recognising one line -----------------------------------------------------------------

_ARABIC = r"\d{1,3}"
_ROMAN = r"(?-i:[IVXLC]{1,8})"  # capitals only, so "Phần di sản" or "Mục đích" stay sentences
_ORDINAL = (
    r"thứ\s+(?:\d{1,3}|nhất|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín"
    r"|mười(?:\s+(?:một|hai|ba|bốn|tư|lăm|năm|sáu|bảy|tám|chín))?)"
)
# The Vietnamese alphabet in lower case, without f, j, w, z.
_POINT_LETTER = "[abcdđeghiklmnopqrstuvxy]"
# After a heading's number: a separator and the title, or the title in capitals, or nothing.
# A dash counts only before a space, so "Điều 5-7" is no heading.
_HEADING_TAIL = r"(?![^\s.:\-–—])(?P<sep>\s*(?:[.:]|[-–—](?=\s)))?\s*(?P<rest>.*)$"


def _heading(keyword, *numbers):
    number = "|".join(numbers)
    return re.compile(rf"^{keyword}\s*(?P<number>{number}){_HEADING_TAIL}", re.IGNORECASE)


# Checked in this order; the first that matches wins.
_RULES = [
    (UnitKind.PART, _heading("phần", _ORDINAL, _ROMAN, _ARABIC)),
    (UnitKind.CHAPTER, _heading("chương", _ROMAN, _ARABIC)),
    (UnitKind.SUBSECTION, _heading(r"tiểu\s+mục", _ARABIC, _ROMAN)),
    (UnitKind.SECTION, _heading("mục", _ARABIC, _ROMAN)),
    # "Ð" (U+00D0, the Icelandic eth) stands for "Đ" in text converted from old Vietnamese fonts;
    # "Điều 5a" is inserted after Điều 5.
    (UnitKind.ARTICLE, _heading("[đð]iều", r"\d{1,4}(?-i:[a-zđ])?")),
    # "1.", "2)", "2a." (an inserted khoản); never "1.000 đồng" or "1.2".
    (UnitKind.CLAUSE, re.compile(rf"^(?P<number>{_ARABIC}[a-zđ]?)\s*[.)](?!\d)\s*(?P<rest>.*)$")),
    # "a)", "đ)", "a1)" (inserted after a).
    (UnitKind.POINT, re.compile(rf"^(?P<number>{_POINT_LETTER}\d{{0,2}})\)\s*(?P<rest>.*)$")),
]
_HEADINGS = {UnitKind.PART, UnitKind.CHAPTER, UnitKind.SECTION, UnitKind.SUBSECTION}
_HEADINGS_WITH_ARTICLE = _HEADINGS | {UnitKind.ARTICLE}
# The recipients and the signature close the draft: they belong to no Điều.
_CLOSING = re.compile(r"^nơi\s+nhận\s*:?$", re.IGNORECASE)


def match_unit(line):
    """The unit whose heading or numbering opens `line` (a fresh ParsedUnit), or None."""
    for kind, pattern in _RULES:
        found = pattern.match(line)
        if not found:
            continue
        rest = found["rest"].strip()
        if kind in _HEADINGS_WITH_ARTICLE:
            # "Điều 5 của Luật này …" is a sentence; "Chương II QUY ĐỊNH CHUNG" a heading.
            if rest and not found["sep"] and not rest.isupper():
                continue
            number = _written_number(found["number"])
            if len(rest) > MAX_TITLE_CHARS:
                return ParsedUnit(kind, number=number, text=rest)
            return ParsedUnit(kind, number=number, title=rest)
        return ParsedUnit(kind, number=found["number"], text=rest)
    return None


def _written_number(number):
    """The number as written, except an ordinal's words, whose capitals are only typography:
    "THỨ  HAI" -> "thứ hai"."""
    if number[:3].lower() == "thứ":
        return " ".join(number.lower().split())
    return number


def clean_line(line):
    """NFC (so a decomposed "Điều" matches), trimmed of spaces and invisible marks."""
    return unicodedata.normalize("NFC", line).strip().strip("\u200b\u2060\ufeff").strip()


# --- Building the tree --------------------------------------------------------------------

_DEPTH = {kind: depth for depth, kind in enumerate(UnitKind)}


class _TreeBuilder:
    """The draft read so far: its top-level units and the stack of units still open."""

    def __init__(self):
        self.roots = []
        self.open = []
        self.heading = None  # a Phần, Chương or Mục just read, whose title may follow

    def add_line(self, text):
        unit = match_unit(text)
        if unit is None and self._continues_title(text):
            self.heading.title = f"{self.heading.title} {text}".lstrip()
            return
        self.heading = None
        if unit is None or not self._fits(unit):
            self._add_paragraph(text)
            return
        self._open(unit)
        if unit.kind in _HEADINGS and not unit.text:
            self.heading = unit

    def add_plain(self, text):
        """A line taken as a paragraph whatever it starts with (a table cell's "1.")."""
        self.heading = None
        self._add_paragraph(text)

    def _continues_title(self, text):
        """The line after a bare "Chương II" is its title; a title in capitals may be wrapped
        over several lines, each in capitals."""
        if self.heading is None:
            return False
        title = self.heading.title
        if len(title) + 1 + len(text) > MAX_TITLE_CHARS:
            return False
        return not title or (title.isupper() and text.isupper())

    def _fits(self, unit):
        open_kinds = {open_unit.kind for open_unit in self.open}
        if unit.kind == UnitKind.CLAUSE:
            return UnitKind.ARTICLE in open_kinds
        if unit.kind == UnitKind.POINT:
            return bool(open_kinds & {UnitKind.ARTICLE, UnitKind.CLAUSE})
        return True

    def _open(self, unit):
        while self.open and _DEPTH[self.open[-1].kind] >= _DEPTH[unit.kind]:
            self.open.pop()
        self._attach(unit)
        self.open.append(unit)

    def _add_paragraph(self, text):
        if _CLOSING.match(text):
            self.open.clear()
        self._attach(ParsedUnit(UnitKind.PARAGRAPH, text=text))

    def _attach(self, unit):
        (self.open[-1].children if self.open else self.roots).append(unit)


def parse_paragraphs(lines):
    """The units of a draft given as its paragraphs in reading order; blank ones are skipped."""
    builder = _TreeBuilder()
    for line in lines:
        if text := clean_line(line):
            builder.add_line(text)
    return builder.roots


def parse_text(text):
    """The units of a draft pasted as text, one paragraph per line."""
    return parse_paragraphs(text.splitlines())


# --- Reading a .docx ----------------------------------------------------------------------

_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0"
# Stream names in an OLE directory are UTF-16: an encrypted .docx has EncryptionInfo, a .doc
# of Word 97-2003 has WordDocument.
_LEGACY_WORD_STREAM = "WordDocument".encode("utf-16-le")

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _R, _TBL = f"{_W}p", f"{_W}r", f"{_W}tbl"
_TEXT_BOX = f"{_W}txbxContent"
# Not the paragraph's own text: tracked deletions, text moved away, text boxes (read after
# the paragraph they hang on, as plain paragraphs: a "DỰ THẢO" stamp is no heading), and the
# copy of a text box that Word keeps for older readers beside the one it shows.
_HIDDEN = {
    f"{_W}del",
    f"{_W}moveFrom",
    _TEXT_BOX,
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
}

NOT_A_DOCX = "Tệp không phải là tệp Word (.docx) hợp lệ."
ENCRYPTED = "Tệp đã được đặt mật khẩu (mã hoá); hãy gửi bản không đặt mật khẩu."
LEGACY_DOC = "Tệp ở định dạng Word cũ (.doc); hãy mở bằng Word, lưu thành .docx rồi gửi lại."
TOO_LARGE = "Tệp lớn hơn 10 MB."
ZIP_BOMB = "Tệp nén bất thường: khi giải nén, nội dung lớn quá mức cho phép."
UNREADABLE = "Không đọc được nội dung tệp Word; hãy mở tệp bằng Word, lưu lại rồi gửi lại."


def parse_docx(file):
    """The units of a draft uploaded as .docx: body paragraphs, table cells and text boxes in
    reading order. Tables and text boxes are kept as paragraphs: a "1." in a table of fees is
    no Khoản.
    Raises DraftFileError when the file is not a readable, reasonably sized .docx.
    """
    data = _read_limited(file)
    _refuse_ole(data)
    _check_archive(data)
    try:
        document = docx.Document(io.BytesIO(data))
        lines = list(_docx_lines(document.element.body))
    except Exception as error:  # python-docx and lxml raise a dozen kinds on a broken package
        raise DraftFileError(UNREADABLE) from error
    builder = _TreeBuilder()
    for line, plain in lines:
        if text := clean_line(line):
            (builder.add_plain if plain else builder.add_line)(text)
    return builder.roots


def _read_limited(file):
    if hasattr(file, "seek"):
        file.seek(0)
    data = file.read(MAX_DOCX_BYTES + 1)
    if len(data) > MAX_DOCX_BYTES:
        raise DraftFileError(TOO_LARGE)
    return data


def _refuse_ole(data):
    """An OLE compound file is what Word makes of a .docx with a password, or a .doc."""
    if data.startswith(_OLE_SIGNATURE):
        raise DraftFileError(LEGACY_DOC if _LEGACY_WORD_STREAM in data else ENCRYPTED)


def _check_archive(data):
    """Refuse what is no .docx, or would unpack to far more than it weighs, before any of it
    is unpacked. The declared sizes can be trusted: zipfile stops reading a member there."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        raise DraftFileError(NOT_A_DOCX) from error
    if len(members) > MAX_ZIP_MEMBERS:
        raise DraftFileError(ZIP_BOMB)
    if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
        raise DraftFileError(ZIP_BOMB)
    if any(_overly_compressed(member) for member in members):
        raise DraftFileError(ZIP_BOMB)
    if "word/document.xml" not in {member.filename for member in members}:
        raise DraftFileError(NOT_A_DOCX)


def _overly_compressed(member):
    if member.file_size < RATIO_CHECKED_FROM_BYTES:
        return False
    return member.file_size > MAX_COMPRESSION_RATIO * max(member.compress_size, 1)


def _docx_lines(element, plain=False):
    """(line, plain) for every paragraph under `element` in document order, tables row by row
    and content controls included; a paragraph's manual line breaks split it. `plain` lines
    (in a table or a text box) are paragraphs whatever they start with."""
    for child in element.iterchildren(tag="{*}*"):
        if child.tag in _HIDDEN:
            continue
        if child.tag == _P:
            for line in _paragraph_text(child).splitlines():
                yield line, plain
            for box in child.iter(_TEXT_BOX):
                if _directly_in(box, child):
                    yield from _docx_lines(box, plain=True)
        else:
            yield from _docx_lines(child, plain or child.tag == _TBL)


def _paragraph_text(paragraph):
    """The paragraph's text as Word shows it with changes accepted. python-docx's
    `Paragraph.text` reads only the runs directly inside the paragraph or a hyperlink, and so
    drops tracked insertions, fields and content controls."""
    return "".join(run.text for run in paragraph.iter(_R) if _directly_in(run, paragraph))


def _directly_in(element, paragraph):
    """Whether `element` is the paragraph's own, not in a text box or a hidden part of it."""
    for ancestor in element.iterancestors():
        if ancestor is paragraph:
            return True
        if ancestor.tag in _HIDDEN:
            return False
    return True
