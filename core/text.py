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


def vi_slugify(text, max_length=80):
    """An ASCII slug from Vietnamese text: "Kinh tế số" -> "kinh-te-so"."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold_accents(text).lower()).strip("-")
    return slug[:max_length].rstrip("-")


def start_of_day(day):
    """Midnight at the start of `day` in Hà Nội (the current time zone)."""
    return timezone.make_aware(datetime.combine(day, time.min))


# Invisible format characters that stay: the zero-width joiner builds emoji sequences (👨‍👩‍👧)
# and the non-joiner matters in scripts editors may quote (Persian, Hindi). Every other format
# character goes: zero-width spaces and the word joiner hide text from search and moderation,
# bidirectional overrides and isolates make "invoice\u202efdp.exe" read as "invoiceexe.pdf".
# Vietnamese needs none of them.
KEPT_FORMAT_CHARACTERS = frozenset("\u200c\u200d")
KEPT_CONTROL_CHARACTERS = frozenset("\t\n\r")


def clean_input(text):
    """`text` in NFC without NUL, control characters other than tab and line breaks, lone
    surrogates (which no database or encoder accepts) or invisible format characters.

    Decomposed Vietnamese ("Nghi\u0323 đi\u0323nh", as some Mac and old Windows tools paste it)
    becomes the composed form, so search, sorting and uniqueness see one spelling."""
    if text.isascii() and text.isprintable():
        return text  # the common case, without a pass over every character
    kept = "".join(
        ch
        for ch in text
        if not (
            (unicodedata.category(ch) == "Cc" and ch not in KEPT_CONTROL_CHARACTERS)
            or unicodedata.category(ch) == "Cs"
            or (unicodedata.category(ch) == "Cf" and ch not in KEPT_FORMAT_CHARACTERS)
        )
    )
    return unicodedata.normalize("NFC", kept)
