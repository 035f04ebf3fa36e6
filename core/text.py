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
