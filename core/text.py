"""Vietnamese text tools shared by every desk."""

import re
import unicodedata
from datetime import datetime, time

from django.utils import timezone

# "đ" is a letter of its own, not "d" with a combining mark, so NFKD leaves it alone.
_LETTER_FOLDS = str.maketrans({"đ": "d", "Đ": "D"})


def fold_accents(text):
    """Strip Vietnamese diacritics: "Nghị định" -> "Nghi dinh"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LETTER_FOLDS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Vietnamese dictionary order: ă and â after a, đ after d, ê after e, ô and ơ after o, ư after u
# (foreign letters in their Latin places); then, for the same letters, the tones in the order
# ngang, huyền, hỏi, ngã, sắc, nặng. Python's plain sort puts every accented letter after z.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: part of the letter
_TONES = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]


def vi_sort_key(text):
    """A key that sorts Vietnamese words as a dictionary does: "Đà Nẵng" after "Dân số"."""
    letters, tones = [], []
    for ch in unicodedata.normalize("NFD", text.lower()):
        if unicodedata.combining(ch):
            if ch in _LETTER_MARKS and letters:
                letters[-1] += ch
            elif ch in _TONES and tones:
                tones[-1] = _TONES.index(ch)
            continue
        letters.append(ch)
        tones.append(0)
    ranks = []
    for letter in letters:
        letter = unicodedata.normalize("NFC", letter)
        place = _ALPHABET.find(letter) if len(letter) == 1 else -1
        # Digits, spaces and punctuation before letters; anything else after them.
        ranks.append(100 + place if place >= 0 else (ord(letter[0]) if letter < "a" else 200))
    return ranks, tones, text


def vi_slugify(text, max_length=80):
    """An ASCII slug from Vietnamese text: "Kinh tế số" -> "kinh-te-so"."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold_accents(text).lower()).strip("-")
    return slug[:max_length].rstrip("-")


def start_of_day(day):
    """Midnight at the start of `day` in Hà Nội (the current time zone)."""
    return timezone.make_aware(datetime.combine(day, time.min))


# The one definition of what stored text keeps, for every way text comes in (the admin's
# forms through core/input_cleaning.py, the public's participation forms, upload names).
# Dropped: NUL and every other control character (Cc) but tab and the two line
# breaks; lone surrogates (Cs), which no database or encoder accepts; and every invisible format
# character (Cf) but the zero-width joiner, which builds emoji sequences (👨‍👩‍👧). Zero-width
# spaces, the non-joiner and the word joiner hide text from search and moderation ("l\u200cừa
# đảo" slips past a filter for "lừa đảo"); bidirectional overrides and isolates make
# "invoice\u202efdp.exe" read as "invoiceexe.pdf". Vietnamese needs none of them.
KEPT_CONTROL_CHARACTERS = frozenset("\t\n\r")
KEPT_FORMAT_CHARACTERS = frozenset("\u200d")
_DROPPED_UNLESS_KEPT = {
    "Cc": KEPT_CONTROL_CHARACTERS,
    "Cf": KEPT_FORMAT_CHARACTERS,
    "Cs": frozenset(),
}


def is_kept(ch):
    """Whether stored text keeps the character `ch` (see KEPT_CONTROL_CHARACTERS)."""
    kept = _DROPPED_UNLESS_KEPT.get(unicodedata.category(ch))
    return kept is None or ch in kept


def clean_input(text):
    """`text` in NFC with only the characters stored text keeps (above).

    Decomposed Vietnamese ("Nghi\u0323 đi\u0323nh", as some Mac and old Windows tools paste it)
    becomes the composed form, so search, sorting and uniqueness see one spelling. Characters
    are dropped before composing, so a dropped one between a letter and its mark leaves them
    joined."""
    if text.isascii() and text.isprintable():
        return text  # the common case, without a pass over every character
    return unicodedata.normalize("NFC", "".join(ch for ch in text if is_kept(ch)))


# "(Chinhphu.vn) - ", however it was typed: spaces anywhere (no-break ones too), any case, a
# hyphen, en dash or em dash. Agency copy arrives with it and the page adds its own.
CREDIT_PREFIX = r"\s*\(\s*{name}\s*\)\s*[-\u2013\u2014]\s*"


def strip_credit_prefix(text, name):
    """`text` without leading "(name) -" credits; other outlets' credits stay."""
    if not text or not name:
        return text
    pattern = re.compile(CREDIT_PREFIX.format(name=re.escape(name.strip())), re.IGNORECASE)
    stripped = text
    while match := pattern.match(stripped):
        stripped = stripped[match.end() :]
    return stripped
