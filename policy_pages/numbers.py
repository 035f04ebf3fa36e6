"""Legal document numbers ("số, ký hiệu") as text: their shape, and the key they are matched by.

"68/2023/NĐ-CP", "68/2023/nd-cp" and "68 / 2023 / NĐ-CP" are one number: the key folds accents
the way core's search folds every text (core.text.fold_accents), upper-cases and drops spaces;
"01/NQ-CP" and "1/NQ-CP" are one too (the key drops a number's leading zeros), as a citation
reads them (policy_pages/citations/reader.py).
"""

import re

from core.text import fold_accents

# "68/2023/NĐ-CP", "01/NQ-CP", "45/2019/QH14", "20/CT-TTg", "03/2016/TTLT-BTP-BNV", and the
# Party's "57-NQ/TW".
NUMBER_PATTERN = re.compile(
    r"^\d{1,5}((/\d{4})?/[0-9A-Za-zĐđ]+(-[0-9A-Za-zĐđ]+)*|-[A-Za-zĐđ]+/[A-Za-zĐđ]+)$"
)


def number_key(number_symbol):
    """How numbers are matched: no accents, upper case, no spaces, no leading zeros
    ("068/2023/nđ-cp" -> "68/2023/ND-CP")."""
    key = re.sub(r"\s+", "", fold_accents(number_symbol or "")).upper()
    return re.sub(r"^0+(?=\d)", "", key)


def year_prefix(key):
    """What a citation by type, number and year matches a key by: "15/2020/ND-CP" ->
    "15/2020/"; "" for a number with no year ("1234/QD-TTG")."""
    match = re.match(r"\d{1,5}/\d{4}/", key)
    return match[0] if match else ""
