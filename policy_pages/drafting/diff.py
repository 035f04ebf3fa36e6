"""What changed in a unit's words between two draft versions, word by word.

Vietnamese writes one syllable per word-token ("nghị định"), so comparing characters would
show "ngh<del>ị</del><ins>ĩ</ins>" — unreadable. We compare whole tokens: a run of letters and
digits, a run of whitespace, or one punctuation mark, after NFC normalisation so the same word
typed with combining accents (NFD, as some word processors paste it) compares equal.
"""

import difflib
import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import mark_safe

# Combining marks are listed beside \w so a syllable left in NFD (a mark NFC cannot compose)
# still stays one token.
_TOKEN = re.compile(r"[\w\u0300-\u036f]+|\s+|[^\w\s]")


def tokens(text):
    """["Điều", " ", "5", "."]: words, whitespace and punctuation, nothing lost."""
    return _TOKEN.findall(unicodedata.normalize("NFC", text))


def word_diff(old, new):
    """[("equal" | "delete" | "insert", text)] turning `old` into `new`.

    Consecutive changes come out as one deletion then one insertion ("ba" -> "bốn mươi", not
    interleaved word by word): a lone space the matcher happened to keep between two changes
    is folded into them, since showing it as unchanged only cuts the change in pieces.
    Identical texts give one "equal" segment; two empty texts give none.
    """
    a, b = tokens(old), tokens(new)
    # Whitespace never anchors a match on its own, though it may extend one.
    matcher = difflib.SequenceMatcher(str.isspace, a, b, autojunk=False)
    raw = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            raw.append(("equal", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            raw.append(("delete", "".join(a[i1:i2])))
        if j2 > j1:
            raw.append(("insert", "".join(b[j1:j2])))
    return _merge_changes(raw)


def _merge_changes(raw):
    """Fold whitespace-only equal runs lying between changes into them, then join each run of
    changes into one deletion followed by one insertion."""
    segments, deleted, inserted = [], [], []

    def flush():
        if deleted:
            segments.append(("delete", "".join(deleted)))
        if inserted:
            segments.append(("insert", "".join(inserted)))
        deleted.clear()
        inserted.clear()

    for index, (tag, text) in enumerate(raw):
        between_changes = (
            tag == "equal"
            and text.isspace()
            and 0 < index < len(raw) - 1
            and raw[index - 1][0] != "equal"
            and raw[index + 1][0] != "equal"
        )
        if tag == "delete":
            deleted.append(text)
        elif tag == "insert":
            inserted.append(text)
        elif between_changes:
            deleted.append(text)
            inserted.append(text)
        else:
            flush()
            if segments and segments[-1][0] == "equal":
                segments[-1] = ("equal", segments[-1][1] + text)
            else:
                segments.append(("equal", text))
    flush()
    return segments


def diff_html(old, new):
    """The new text with removed words in <del> and added words in <ins>, every part escaped."""
    wrappers = {"equal": "{}", "delete": "<del>{}</del>", "insert": "<ins>{}</ins>"}
    html = "".join(wrappers[tag].format(escape(text)) for tag, text in word_diff(old, new))
    return mark_safe(html)  # noqa: S308 - every piece of text above went through escape()
