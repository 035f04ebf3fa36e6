"""Legal document numbers ("số, ký hiệu") as text: their shape, and the key they are matched by.

"68/2023/NĐ-CP", "68/2023/nd-cp" and "68 / 2023 / NĐ-CP" are one number: the key folds accents
the way core's search folds every text (core.text.fold_accents), upper-cases and drops spaces.
"""

import re

from core.text import fold_accents

# "68/2023/NĐ-CP", "01/NQ-CP", "45/2019/QH14", "20/CT-TTg", "03/2016/TTLT-BTP-BNV".
NUMBER_PATTERN = re.compile(r"^\d{1,5}(/\d{4})?/[0-9A-Za-zĐđ]+(-[0-9A-Za-zĐđ]+)*$")
# A number's key: "68/2023/ND-CP", "01/NQ-CP", "03/2016/TTLT-BTP-BNV".
_KEY_PATTERN = re.compile(r"\d{1,5}(/\d{4})?/[0-9A-Z]+(-[0-9A-Z]+)*")
# What may stick to a number written inside a sentence: "(theo Nghị định 68/2023/NĐ-CP)".
_AROUND_NUMBER = ".,;:()[]\"'“”‘’«»"


def number_key(number_symbol):
    """How numbers are matched: no accents, upper case, no spaces ("68/2023/nđ-cp" -> ...ND-CP)."""
    return re.sub(r"\s+", "", fold_accents(number_symbol or "")).upper()


def number_keys_in(query, max_words):
    """The query, and each of its first `max_words` words, as a number key, where it has a
    number's shape: "Nghị định 68/2023/NĐ-CP" gives ["68/2023/ND-CP"]."""
    candidates = [query, *query.split()[:max_words]]
    keys = {number_key(text.strip(_AROUND_NUMBER)) for text in candidates}
    return sorted(key for key in keys if _KEY_PATTERN.fullmatch(key))
