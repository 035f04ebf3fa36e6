"""Which kind of page each index of the archive is: a fixed pattern of 100, repeated.

Per 100 pages: 80 articles, 12 legal documents, 1 policy, 3 photo stories, 2 infographics,
1 video and 1 audio bulletin, spread evenly through the pattern. Because the kind follows from the
index alone, a legal document can point at an older one by index before either has an id.
"""

PERIOD = 100
MIX = [
    ("article", 80),
    ("legal", 12),
    ("policy", 1),
    ("photo", 3),
    ("infographic", 2),
    ("video", 1),
    ("audio", 1),
]
PATTERN = [
    kind
    for _position, _order, kind in sorted(
        ((step + 0.5) / count, order, kind)
        for order, (kind, count) in enumerate(MIX)
        for step in range(count)
    )
]
LEGAL_SLOTS = [slot for slot, kind in enumerate(PATTERN) if kind == "legal"]

assert len(PATTERN) == PERIOD  # noqa: S101  (the mix must add up to the period)


def kind(index):
    return PATTERN[index % PERIOD]


def legal_ordinal(index):
    """The legal document's rank among legal documents: 0, 1, 2… in index order."""
    return (index // PERIOD) * len(LEGAL_SLOTS) + LEGAL_SLOTS.index(index % PERIOD)


def legal_index(ordinal):
    period, slot = divmod(ordinal, len(LEGAL_SLOTS))
    return period * PERIOD + LEGAL_SLOTS[slot]
