"""How well the reader reads: its precision and recall on policy_pages/citations/corpus.jsonl,
sentences written for the project, each with the citations a careful reader finds in it."""

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .reader import find_citations

CORPUS = Path(__file__).with_name("corpus.jsonl")
FIELDS = ("type", "number", "year", "symbol", "pinpoint")


@dataclass
class Score:
    sentences: int = 0
    expected: int = 0
    found: int = 0
    right: int = 0
    mistakes: list = field(default_factory=list)  # (text, missed, wrongly found)

    @property
    def precision(self):
        return self.right / self.found if self.found else 1.0

    @property
    def recall(self):
        return self.right / self.expected if self.expected else 1.0


def as_tuple(citation):
    return (
        citation.document_type,
        citation.number,
        citation.year,
        citation.symbol,
        citation.pinpoint,
    )


def read_corpus(path=CORPUS):
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                entry = json.loads(line)
                yield entry["text"], [tuple(c[name] for name in FIELDS) for c in entry["expected"]]


def score(path=CORPUS):
    """The reader against every sentence of the corpus: a citation is right when all five of
    its parts (type, number, year, symbol, unit) are."""
    result = Score()
    for text, expected in read_corpus(path):
        found = [as_tuple(c) for c in find_citations(text)]
        wanted, got = Counter(expected), Counter(found)
        right = sum((wanted & got).values())
        result.sentences += 1
        result.expected += len(expected)
        result.found += len(found)
        result.right += right
        if right != len(expected) or right != len(found):
            result.mistakes.append(
                (text, list((wanted - got).elements()), list((got - wanted).elements()))
            )
    return result
