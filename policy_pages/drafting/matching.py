"""Which unit of a new draft version continues which unit of the old one, and how it changed.

A unit keeps its identity (its lineage) across versions so that comments made on Điều 3 of
version 1 still point at the same provision when version 2 renumbers it Điều 4. Numbers cannot
carry that identity — drafters insert, delete, reorder and split articles — so units are matched
by their words, with the number and the parent's match only as tie-breaking bonuses.

How a pair is scored (0 … 1.25):
- similarity of their words, the mean of two measures that fail differently: the Jaccard index
  of their word sets (blind to order, robust to moved sentences) and difflib's ratio on their
  word sequences (sees order, robust to repeated boilerplate). A unit's words are its title and
  text *and its descendants'*: a Điều's own words are often only its name, its body lives in
  its Khoản;
- NUMBER_BONUS when the number is the same (an edited Khoản 2 stays Khoản 2);
- PARENT_BONUS when the new unit's parent continues the old unit's parent (a clause stays in
  its article), or both are at the top.

Assignment is greedy, level by level from the largest unit kind down (Chương, then Điều, then
Khoản …), so a clause is scored knowing which article continues which. Within a kind the best
pair over THRESHOLD is taken first, each old unit at most once; ties go to reading order.
With text alone a pair needs a similarity of THRESHOLD; an edited clause in place needs
THRESHOLD - NUMBER_BONUS - PARENT_BONUS.

Cost: difflib is quadratic, so it runs only on a few candidates per unit, found through an
inverted index of each unit's rarest words, plus the old siblings under the continued parent
(short points like "a) Tờ trình;" share no rare word); and not even on those whose shared words
alone show they cannot reach the threshold. Keys must be hashable; old and new keys may overlap.
"""

import difflib
import math
import re
import unicodedata
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass

from .tree import UnitKind, assign_anchors

THRESHOLD = 0.5
NUMBER_BONUS = 0.1
PARENT_BONUS = 0.15
# Candidates per new unit scored with difflib, besides its old siblings (when this few).
CANDIDATES = 8
# Words of a new unit looked up to find them: its rarest ones.
RAREST = 12
# A word in more old units than this is too common to look up (with identical points "a) Tờ
# trình;" in every article, their postings would make the lookup quadratic).
POSTINGS_LIMIT = 64

_WORD = re.compile(r"[\w\u0300-\u036f]+")
_KIND_ORDER = {kind.value: rank for rank, kind in enumerate(UnitKind)}


@dataclass(frozen=True)
class UnitRef:
    """A unit of either version, flattened. `key` is whatever the caller identifies units by (a
    database pk, an anchor); `parent_key` the key of the unit containing it, None at the top."""

    key: object
    kind: str
    number: str
    title: str
    text: str
    parent_key: object | None = None


@dataclass(frozen=True)
class Change:
    """What became of one unit. `kind` is the one word to show: "added", "removed", "moved",
    "changed" or "same", moved taking precedence; `moved` and `changed` say both, since a
    moved unit may also have been edited. Moved means its place among its siblings changed (or
    it went to another parent), not merely its number; changed means its own title or text
    changed, not a descendant's."""

    kind: str
    old_key: object | None
    new_key: object | None
    moved: bool = False
    changed: bool = False


def refs_from_tree(units):
    """The UnitRefs of a parsed draft in reading order, keyed by their anchors."""
    anchored = assign_anchors(units)
    parent_of = {}
    for unit, anchor in anchored:
        for child in unit.children:
            parent_of[id(child)] = anchor
    return [
        UnitRef(anchor, unit.kind, unit.number, unit.title, unit.text, parent_of.get(id(unit)))
        for unit, anchor in anchored
    ]


def full_text(ref):
    """The unit's own words as one string: its title, then its text."""
    return " ".join(part for part in (ref.title.strip(), ref.text.strip()) if part)


def words(text):
    """Lower-case NFC words, punctuation dropped."""
    return _WORD.findall(unicodedata.normalize("NFC", text).casefold())


def match_versions(old, new):
    """{new key: old key} for every new unit that continues an old one (absent when new)."""
    old_words, new_words = _subtree_words(old), _subtree_words(new)
    old_children = defaultdict(list)
    for ref in old:
        old_children[(ref.parent_key, ref.kind)].append(ref)
    matches = {}
    kinds = sorted({ref.kind for ref in new}, key=lambda kind: _KIND_ORDER.get(kind, len(UnitKind)))
    for kind in kinds:
        old_bucket = [(index, ref) for index, ref in enumerate(old) if ref.kind == kind]
        finder = _CandidateFinder(old_bucket, old_words)
        pairs = []
        for new_index, new_ref in enumerate(new):
            if new_ref.kind != kind:
                continue
            continued_parent = _continued_parent(new_ref, matches)
            candidates = finder.find(new_words[new_ref.key].distinct)
            if continued_parent:
                siblings = old_children.get((continued_parent[0], kind), [])
                # All of a clause's few old siblings; of a long run of articles, the namesake.
                if len(siblings) > CANDIDATES:
                    siblings = [ref for ref in siblings if ref.number == new_ref.number]
                candidates |= {ref.key for ref in siblings}
            for old_index, old_ref in finder.refs(candidates):
                bonus = NUMBER_BONUS if new_ref.number == old_ref.number else 0
                if continued_parent == (old_ref.parent_key,):
                    bonus += PARENT_BONUS
                similarity = new_words[new_ref.key].similarity(
                    old_words[old_ref.key], at_least=THRESHOLD - bonus
                )
                if similarity is not None:
                    score = similarity + bonus
                    pairs.append((-score, new_index, old_index, new_ref.key, old_ref.key))
        taken = set()
        for _score, _new_index, _old_index, new_key, old_key in sorted(pairs):
            if new_key not in matches and old_key not in taken:
                matches[new_key] = old_key
                taken.add(old_key)
    return matches


def _continued_parent(new_ref, matches):
    """(old parent key,) that the new unit's parent continues, (None,) at the top, or None when
    its parent is new — a tuple so that "at the top" and "no continued parent" differ."""
    if new_ref.parent_key is None:
        return (None,)
    if new_ref.parent_key in matches:
        return (matches[new_ref.parent_key],)
    return None


def _subtree_words(refs):
    """{key: _Words of the unit and all its descendants, in reading order}."""
    own = {ref.key: words(full_text(ref)) for ref in refs}
    children = defaultdict(list)
    for ref in refs:
        children[ref.parent_key].append(ref.key)
    gathered = {}

    def gather(key):
        if key not in gathered:
            collected = list(own[key])
            for child in children.get(key, []):
                collected += gather(child)
            gathered[key] = collected
        return gathered[key]

    return {ref.key: _Words(gather(ref.key)) for ref in refs}


class _Words:
    """A unit's words, with the set and the counts the similarity and its cheap bound need."""

    def __init__(self, sequence):
        self.sequence = sequence
        self.counts = Counter(sequence)
        self.distinct = self.counts.keys()

    def similarity(self, other, at_least):
        """The mean of the Jaccard index and difflib's ratio, or None when below `at_least`.

        difflib's ratio is at most the share of words the two have in common counting repeats,
        so most hopeless pairs are turned down without running it.
        """
        a, b = self, other
        if a.sequence == b.sequence:  # most units of a new version: no need for difflib
            return 1.0 if at_least <= 1 else None
        common = a.distinct & b.distinct
        jaccard = len(common) / len(a.distinct | b.distinct)
        shared = sum(min(a.counts[word], b.counts[word]) for word in common)
        total = len(a.sequence) + len(b.sequence)
        if (jaccard + 2 * shared / total) / 2 < at_least:
            return None
        ratio = difflib.SequenceMatcher(None, a.sequence, b.sequence, autojunk=False).ratio()
        similarity = (jaccard + ratio) / 2
        return similarity if similarity >= at_least else None


class _CandidateFinder:
    """The old units of one kind sharing the most distinctive words with a new unit.

    Only each new unit's RAREST words are looked up (rarest among the old units): their
    postings are short, and a shared rare word ("phí", "hộ tịch") says more about lineage than
    a shared "cơ quan". Shared words are weighted by inverse document frequency.
    """

    def __init__(self, old_bucket, old_words):
        self._by_key = {ref.key: (index, ref) for index, ref in old_bucket}
        self._order = {ref.key: position for position, (_index, ref) in enumerate(old_bucket)}
        self._postings = defaultdict(list)
        for _index, ref in old_bucket:
            for word in old_words[ref.key].distinct:
                self._postings[word].append(ref.key)
        self._weight = {
            word: math.log((1 + len(old_bucket)) / len(keys))
            for word, keys in self._postings.items()
        }

    def find(self, new_words):
        """Keys of the CANDIDATES old units with the most weight of these (distinct) words in
        common."""
        known = sorted(new_words & self._postings.keys(), key=lambda w: (-self._weight[w], w))
        shared = defaultdict(float)
        for word in known[:RAREST]:
            if len(self._postings[word]) > POSTINGS_LIMIT:
                break  # this and every later word is everywhere: no clue, only cost
            for key in self._postings[word]:
                shared[key] += self._weight[word]
        best = sorted(shared, key=lambda key: (-shared[key], self._order[key]))
        return set(best[:CANDIDATES])

    def refs(self, keys):
        """(reading index, ref) of these keys, in reading order."""
        return sorted(self._by_key[key] for key in keys if key in self._by_key)


def classify(old, new, matches):
    """A Change for every unit of both versions: the new version's units in reading order, each
    removed unit placed where it stood (after the unit continuing the old unit before it)."""
    old_by_key = {ref.key: ref for ref in old}
    moved = _moved(old, new, matches)
    continued_by = {old_key: new_key for new_key, old_key in matches.items()}
    removed_after = defaultdict(list)
    anchor = None
    for ref in old:
        if ref.key in continued_by:
            anchor = continued_by[ref.key]
        else:
            removed_after[anchor].append(Change("removed", ref.key, None))
    changes = list(removed_after[None])
    for ref in new:
        old_ref = old_by_key.get(matches.get(ref.key))
        if old_ref is None:
            changes.append(Change("added", None, ref.key))
        else:
            is_moved = ref.key in moved
            is_changed = _own_words_differ(old_ref, ref)
            kind = "moved" if is_moved else "changed" if is_changed else "same"
            changes.append(Change(kind, old_ref.key, ref.key, is_moved, is_changed))
        changes += removed_after[ref.key]
    return changes


def _own_words_differ(old_ref, new_ref):
    """Compared with whitespace and Unicode form ignored: re-saving a document is no edit."""

    def normal(text):
        return " ".join(unicodedata.normalize("NFC", text).split())

    return normal(old_ref.title) != normal(new_ref.title) or normal(old_ref.text) != normal(
        new_ref.text
    )


def _moved(old, new, matches):
    """Keys of matched new units that moved: into a parent not continuing their old parent, or
    out of order among the siblings that stayed (outside the longest run in the old order)."""
    old_position = {ref.key: index for index, ref in enumerate(old)}
    old_parent = {ref.key: ref.parent_key for ref in old}
    moved, stayed = set(), defaultdict(list)
    for ref in new:
        if ref.key not in matches:
            continue
        old_key = matches[ref.key]
        if _continued_parent(ref, matches) == (old_parent[old_key],):
            stayed[ref.parent_key].append((old_position[old_key], ref.key))
        else:
            moved.add(ref.key)
    for siblings in stayed.values():
        in_order = _longest_increasing(siblings)
        moved.update(key for _position, key in siblings if key not in in_order)
    return moved


def _longest_increasing(items):
    """Keys of the longest subsequence of (position, key) whose positions increase."""
    tails, tail_index, previous = [], [], [None] * len(items)
    for index, (position, _key) in enumerate(items):
        place = bisect_left(tails, position)
        if place:
            previous[index] = tail_index[place - 1]
        if place == len(tails):
            tails.append(position)
            tail_index.append(index)
        else:
            tails[place] = position
            tail_index[place] = index
    keys, index = set(), tail_index[-1] if tail_index else None
    while index is not None:
        keys.add(items[index][1])
        index = previous[index]
    return keys
