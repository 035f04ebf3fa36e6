"""Reading Vietnamese legal citations in text: "khoản 2 Điều 5 Nghị định số 15/2020/NĐ-CP".

One reader for every text the portal holds (articles, policies, documents) and for what readers
type into the search box. It finds:

- full numbers, with or without the type before them: "Nghị định số 15/2020/NĐ-CP",
  "Luật số 64/2025/QH15", "1234/QĐ-TTg", "Nghị quyết 57-NQ/TW", "08/VBHN-BTC";
- the type-and-number forms people write: "NĐ 15/2020", "NĐ15/2020", "nghị định 15 năm 2020";
- each written without diacritics or with đ as d ("nghi dinh so 15/2020/ND-CP");
- the unit cited, before the document: "điểm a khoản 2 Điều 5", "khoản 3, Điều 7 của", and lists
  of them ("Điều 5 và Điều 6 Nghị định …" is two citations of one document).

It reads a folded copy of the text (no diacritics, lower case, one character for one, so a match
is at the same place in the original). A number with no type before it counts only when its
symbol is written as symbols are, in capitals ("15/2020/NĐ-CP", not "15/20"), and a court's
judgment ("15/2020/HS-ST") is no legal document. Search (`read_query`) is more lenient: a reader
who types "nd 15 2020" or "15/2020" means a document.

Hand-written rather than a library: eyecite and its kin read American citations; none reads
Vietnamese ones. policy_pages/citations/corpus.jsonl holds the sentences it is measured on
(`manage.py citation_accuracy`).
"""

import re
import unicodedata
from dataclasses import dataclass

from core.text import fold_accents

from ..choices import DocumentType
from ..drafting.tree import number_slug

# The type as written, folded: words, then abbreviations (which must be in capitals in text).
TYPE_WORDS = {
    "bo luat": DocumentType.CODE,
    "luat": DocumentType.LAW,
    "phap lenh": DocumentType.ORDINANCE,
    "nghi quyet": DocumentType.RESOLUTION,
    "nghi dinh": DocumentType.DECREE,
    "quyet dinh": DocumentType.DECISION,
    "chi thi": DocumentType.DIRECTIVE,
    "thong tu lien tich": DocumentType.JOINT_CIRCULAR,
    "thong tu": DocumentType.CIRCULAR,
    "cong dien": DocumentType.DISPATCH,
    "thong bao": DocumentType.NOTICE,
    "van ban hop nhat": DocumentType.CONSOLIDATED,
}
TYPE_ABBREVIATIONS = {
    "nd": DocumentType.DECREE,
    "qd": DocumentType.DECISION,
    "nq": DocumentType.RESOLUTION,
    "ct": DocumentType.DIRECTIVE,
    "ttlt": DocumentType.JOINT_CIRCULAR,
    "tt": DocumentType.CIRCULAR,
    "cd": DocumentType.DISPATCH,
    "tb": DocumentType.NOTICE,
    "vbhn": DocumentType.CONSOLIDATED,
}
# Abbreviations that name a document without a symbol ("NĐ 15/2020"); "TB", "CĐ", "CT" are
# other words as often ("trung bình", "cao đẳng", "công ty").
SYMBOLLESS_ABBREVIATIONS = {"nd", "qd", "nq", "tt", "ttlt", "vbhn"}
# Types that are verbs too: before a number with no symbol, only with a capital or "số".
VERB_TYPES = {"quyet dinh", "thong bao", "chi thi", "cong dien"}
# A symbol longer than this is no document's ("TTLT-BTC-BTP-BNV-BLĐTBXH" is 24).
LONGEST_SYMBOL = 40
# A symbol's first part names the type when no word does ("15/2020/NĐ-CP" is a decree);
# "QH15" alone may be a law or a resolution of the National Assembly.
SYMBOL_TYPES = {abbreviation.upper(): kind for abbreviation, kind in TYPE_ABBREVIATIONS.items()}
SYMBOL_TYPES["PL"] = DocumentType.ORDINANCE
# With no type written, a number is a legal document's only when its symbol says so: a type
# ("NĐ-CP") or the National Assembly and its Standing Committee ("QH15", "UBTVQH14"). An
# official letter ("2345/TCHQ-GSQL"), a report ("325/BC-BYT"), a permit, a contract or a form
# ("01/TK-GTGT") is numbered the same way and is none.
_ASSEMBLY = re.compile(r"^(?:UBTV)?QH\d{1,2}$")
# Courts' judgments and decisions: numbered like documents, but no legal document.
COURT_SYMBOLS = {"HS", "DS", "HC", "KDTM", "LD", "HNGD", "QDST", "QDPT", "QDGDT", "PT", "ST"}
FIRST_YEAR, LAST_YEAR = 1945, 2100


def _alternatives(words):
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )


_SYMBOL = r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*"
_NUMBER = r"(?<![\d/.,:\-])(?P<number>\d{1,5})"
# What follows a number, most specific first; the year is four digits, never a fifth.
_TAIL = (
    rf"(?:/(?P<year>\d{{4}})/(?P<symbol>{_SYMBOL})"  # 15/2020/nd-cp
    rf"|-(?P<party>[a-z]+/[a-z]+)"  # 57-nq/tw
    rf"|/(?P<bare_symbol>{_SYMBOL})"  # 1234/qd-ttg
    r"|/(?P<short_year>\d{4})(?![\w/])"  # 15/2020 (with a type)
    r"|\s+nam\s+(?P<year_words>\d{4})(?!\w)"  # 15 năm 2020 (with a type)
    r"|(?P<spaced>\s+)(?P<spaced_year>\d{4})(?!\w)"  # nd 15 2020 (a search only)
    r")(?![\w/])"
)
_TYPE = (
    rf"(?<!\w)(?:(?P<word>{_alternatives(TYPE_WORDS)})|(?P<abbr>{_alternatives(TYPE_ABBREVIATIONS)}))"
    # Possessive: a type word before a long run of spaces must not cost quadratic time.
    r"(?:\s*+so\b)?\s*+(?:[:.]\s*+)?"
)
_CITATION = re.compile(rf"(?:{_TYPE})?{_NUMBER}{_TAIL}")
# Before a document: its units, one or a list ("Điều 5 và Điều 6", "khoản 2, khoản 3 Điều 5").
_AND_VALUE = r"\s*(?:,|va)\s*"
# "điểm a, b", "khoản 1 và 2", "Điều 78, 79": one word for a list of units of one kind.
_UNIT = (
    rf"(?:diem\s+[a-z](?:{_AND_VALUE}[a-z](?!\w))*"
    rf"|khoan\s+\d{{1,3}}(?:{_AND_VALUE}\d{{1,3}}(?!\w))*"
    rf"|dieu\s+\d{{1,3}}[a-z]?(?:{_AND_VALUE}\d{{1,3}}[a-z]?(?!\w))*)"
)
_UNITS_BEFORE = re.compile(
    rf"(?<!\w)(?P<units>{_UNIT}(?:\s*(?:,|;|va|hoac)?\s*{_UNIT})*)"
    r"\s*,?\s*(?:(?:cua|tai|theo|thuoc)\s+)?\Z"
)
_VALUE = re.compile(r"(?<!\w)(?:\d{1,3}[a-z]?|[a-z])(?!\w)")
# A law named before its number: "Luật Đất đai số 31/2024/QH15", "Bộ luật Lao động 45/2019/QH14".
NAMED_TYPES = {
    "bo luat": DocumentType.CODE,
    "luat": DocumentType.LAW,
    "phap lenh": DocumentType.ORDINANCE,
}
_NAMED_BEFORE = re.compile(
    rf".*(?<!\w)(?P<word>{_alternatives(NAMED_TYPES)})\s+(?P<name>[a-z][a-z, \-]{{1,80}}?)"
    r"\s+(?:so\s*)?\Z",
    re.S,
)
NAME_LOOK_BACK = 100
# After a document named by type and number, more numbers of that type: "NĐ 15/2020 và 14/2021".
_AND = re.compile(r"\s*(?:,|;|va|hoac)\s*(?:(?:so)\s*)?")
UNITS_LOOK_BACK = 120
RANKS = {"diem": 0, "khoan": 1, "dieu": 2}


@dataclass(frozen=True)
class Citation:
    start: int
    end: int
    text: str
    document_type: str
    number: str
    year: str
    symbol: str
    pinpoint: str = ""

    @property
    def key(self):
        """The document's number as the portal keys it (policy_pages/numbers.number_key), or ""
        when the citation gives no symbol ("NĐ 15/2020")."""
        if not self.symbol:
            return ""
        if "/" in self.symbol:  # 57-NQ/TW
            return f"{self.number}-{self.symbol}"
        return "/".join(filter(None, [self.number, self.year, self.symbol]))

    @property
    def year_prefix(self):
        """What a citation by type, number and year matches keys by: "15/2020/"."""
        return f"{self.number}/{self.year}/" if self.year else ""

    @property
    def names(self):
        """The document as the citation names it: its key, or its key's start and type."""
        return (self.key, "", "") if self.key else ("", self.year_prefix, self.document_type)


def _fold_table():
    """Each Latin letter (Vietnamese's among them) to its letter without diacritics, in lower
    case, where that is one character: a table for str.translate, read once."""
    table = {}
    for code in [*range(0x41, 0x5B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        folded = fold_accents(chr(code)).lower()
        if len(folded) == 1 and folded != chr(code):
            table[code] = folded
    return table


_FOLDS = _fold_table()


def fold(text):
    """`text` without diacritics, in lower case, one character for each of the original's."""
    return text.translate(_FOLDS)


def find_citations(text):
    """Every citation in `text`, in order (a list of Citation)."""
    return _read(unicodedata.normalize("NFC", text or ""), search=False)


def read_query(query):
    """The citations a reader typed into a search box: "nd 15 2020", "15/2020", "NĐ15/2020"."""
    return _read(unicodedata.normalize("NFC", query or ""), search=True)


def _read(text, search):
    folded = fold(text)
    found = []
    position = 0
    while match := _CITATION.search(folded, position):
        documents = _documents(text, folded, match, search)
        if not documents:
            position = match.start("number") + 1
            continue
        position = documents[-1][1]
        for start, end, kind, number, year, symbol in documents:
            units = _units_before(text, folded, start) if (start, end) == documents[0][:2] else []
            begin = units[0][0] if units else start
            for pinpoint in [u[1] for u in units] or [""]:
                found.append(
                    Citation(begin, end, text[begin:end], kind, number, year, symbol, pinpoint)
                )
    return found


def _documents(text, folded, match, search):
    """[(start, end, type, number, year, symbol)] of `match` and the numbers of its type that
    follow it ("NĐ 15/2020 và 14/2021"); [] when `match` is no citation."""
    parts = match.groupdict()
    kind = _typed(text, match, search)
    if kind is None:
        return []
    number = str(int(parts["number"]))
    if not kind and match.start("number") and folded[match.start("number") - 1].isalpha():
        return []  # "ABC15/2020": part of a word
    name = next((n for n in ("symbol", "bare_symbol", "party") if parts[n]), None)
    if name:
        symbol = parts[name]
        if len(symbol) > LONGEST_SYMBOL:
            return []
        written = text[match.start(name) : match.end(name)]
        first = symbol.split("-")[0].split("/")[0].upper()
        if first in COURT_SYMBOLS or symbol.split("-")[-1].upper() in {"ST", "PT", "GDT"}:
            return []
        if not (kind or search or written[: len(first)].isupper()):
            return []  # "15/20/km" with no type: not as a symbol is written
        start = match.start()
        if not kind:
            if first not in SYMBOL_TYPES and not _ASSEMBLY.match(first):
                return []
            named, start = _named(text, folded, start) or ("", start)
            kind = SYMBOL_TYPES.get(first, named)  # "Văn bản hợp nhất Luật … số 67/VBHN-VPQH"
        year = parts["year"] if name == "symbol" else ""
        if year and not FIRST_YEAR <= int(year) <= LAST_YEAR:
            return []
        kind = kind or SYMBOL_TYPES.get(first, "")
        return [(start, match.end(), kind, number, year, symbol.upper())]
    year = parts["short_year"] or parts["year_words"] or parts["spaced_year"]
    if not kind and not (search and parts["short_year"]):
        return []  # "15/2020", "15 năm 2020" in text: a date, a count, not a citation
    if kind and not search and not _named_by_number(text, match):
        return []  # "Hội đồng quyết định 2 năm 2024 …", "TB 15/2020" (trung bình)
    if parts["spaced"] is not None and not search:
        return []
    if not FIRST_YEAR <= int(year) <= LAST_YEAR:
        return []
    documents = [(match.start(), match.end(), kind, number, year, "")]
    position = match.end()
    while kind and (more := _AND.match(folded, position)):
        following = re.compile(_NUMBER + r"/(?P<year>\d{4})(?![\w/])").match(folded, more.end())
        if not following or not FIRST_YEAR <= int(following["year"]) <= LAST_YEAR:
            break
        number = str(int(following["number"]))
        documents.append((following.start(), following.end(), kind, number, following["year"], ""))
        position = following.end()
    return documents


def _named_by_number(text, match):
    """Whether a type written before a number with no symbol names a document: "Nghị định
    15/2020", "nghị định 15 năm 2020", "Quyết định số 15/2020" do; "quyết định 2 năm 2024" (to
    decide), "thông báo 3/2024" (to announce), "TB 15/2020" (trung bình), "CĐ 12/2023" (cao
    đẳng) do not."""
    if match["abbr"]:
        return match["abbr"] in SYMBOLLESS_ABBREVIATIONS
    word = " ".join(match["word"].split())
    if word not in VERB_TYPES:
        return True
    written = text[match.start("word") : match.end("word")]
    return written[0].isupper() or bool(re.search(r"\bso\b", match[0][len(match["word"]) :]))


def _named(text, folded, start):
    """(type, where its word starts) of a law named just before a number ("Luật Đất đai số"),
    or None: the name is written with a capital and names no other type."""
    window = max(0, start - NAME_LOOK_BACK)
    named = _NAMED_BEFORE.match(folded[window:start])  # the nearest type word (`.*` is greedy)
    if not named:
        return None
    name = named["name"]
    if not text[window + named.start("name")].isupper() or re.search(
        rf"(?<!\w)(?:{_alternatives(TYPE_WORDS)})(?!\w)", name
    ):
        return None
    word, start = " ".join(named["word"].split()), window + named.start("word")
    if word == "luat" and (code := re.search(r"(?<!\w)bo\s+\Z", folded[window:start])):
        word, start = "bo luat", window + code.start()  # the greedy `.*` took "luật" of "Bộ luật"
    return NAMED_TYPES[word], start


def _typed(text, match, search):
    """The type the citation names: its word, its abbreviation (in capitals, in text), "" for
    none; None when the abbreviation is no type ("tt" in lower case)."""
    if match["word"]:
        return TYPE_WORDS[" ".join(match["word"].split())]
    if match["abbr"]:
        written = text[match.start("abbr") : match.end("abbr")]
        if not search and not written.isupper():
            return None
        return TYPE_ABBREVIATIONS[match["abbr"]]
    return ""


def _units_before(text, folded, start):
    """[(start, anchor)] of the units cited just before a document ("khoản 2 Điều 5 …")."""
    window_start = max(0, start - UNITS_LOOK_BACK)
    before = _UNITS_BEFORE.search(folded[window_start:start])
    if not before:
        return []
    offset = window_start + before.start("units")
    # The values as written: "điểm đ" is not "điểm d" (number_slug gives "dd").
    tokens = []
    for unit in re.finditer(r"(?P<kind>diem|khoan|dieu)\s+", before["units"]):
        end = re.compile(_UNIT).match(before["units"], unit.start()).end()
        for value in _VALUE.finditer(before["units"], unit.end(), end):
            at, to = offset + value.start(), offset + value.end()
            tokens.append((offset + unit.start(), unit["kind"], text[at:to]))
    # Groups from the smallest unit up to the Điều ("điểm a khoản 2 Điều 5"); a group missing
    # its Điều or Khoản takes them from the next group ("khoản 2 và khoản 3 Điều 5").
    groups, current = [], []
    for token in tokens:
        if current and RANKS[token[1]] <= RANKS[current[-1][1]]:
            groups.append(current)
            current = []
        current.append(token)
    groups.append(current)
    cited, inherited = [], {}
    for group in reversed(groups):
        units = {kind: value for _start, kind, value in group}
        for kind in ("dieu", "khoan"):
            if kind in units:
                inherited[kind] = units[kind]
            elif RANKS[kind] > RANKS[group[-1][1]] and kind in inherited:
                units[kind] = inherited[kind]
        if "dieu" not in units:
            continue  # a Khoản of no Điều cited: the document is cited, not the unit
        anchor = "-".join(
            f"{kind}-{number_slug(units[kind])}"
            for kind in ("dieu", "khoan", "diem")
            if kind in units
        )
        cited.append((group[0][0], anchor))
    return list(reversed(cited))
