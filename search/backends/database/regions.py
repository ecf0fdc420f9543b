"""Scoring by regions: the matches of a query split into bitmasks of entries that score the same.

PostgreSQL's first-pass score (postgres.py) depends only on which query groups an entry matches and
in which field best: per matched group its IDF times the field's weight. Every entry with the same
pattern scores the same, so the matches split into *regions* of equal score, worked out with a few
AND operations on bitmasks per group, instead of one Python step per matched entry and group (which
took most of a search at 100,000 items). A small region is scored entry by entry.

The page is then read from the best regions down (`top`): within a region entries differ only in
what relevance multiplies the text score by (coverage, recency, boost), and once the page's last
score beats what the next region could reach, no entry further down can enter it.
"""

import heapq
from collections.abc import Callable
from dataclasses import dataclass, field

from search.backends.database.snapshot import Snapshot

SMALL = 48  # a region of fewer entries is scored entry by entry
EVERY_MEMBER_BELOW = 4_000  # a region with fewer entries is read whole; a larger one newest first

Level = tuple[float, int]  # (what matching at this level adds to the score, bitmask of its entries)


@dataclass
class Regions:
    """Disjoint parts of the matches: `regions` of equal score, and `scored` entries one by one."""

    regions: list[tuple[float, int]] = field(default_factory=list)  # (score, bitmask), best first
    scored: dict[int, float] = field(default_factory=dict)  # pk -> score

    def best(self) -> float:
        """The highest score of any entry."""
        return max([*(score for score, _mask in self.regions[:1]), *self.scored.values()], default=0.0)

    def count(self) -> int:
        return sum(mask.bit_count() for _score, mask in self.regions) + len(self.scored)

    def first(self, n: int, snap: Snapshot) -> list[int]:
        """`n` entries with the highest scores (among equal ones the newest)."""
        found = heapq.nlargest(n, ((score, pk) for pk, score in self.scored.items()))
        for score, mask in self.regions:
            if len(found) >= n and found[-1][0] >= score:
                break
            found = heapq.nlargest(n, [*found, *((score, pk) for pk in _members(mask, n, snap))])
        return [pk for _score, pk in found]

    def without(self, pks: dict[int, float], snap: Snapshot) -> "Regions":
        """These regions with the entries `pks` taken out and scored as given."""
        taken = snap.mask(pks)
        regions = [(score, mask & ~taken) for score, mask in self.regions if mask & ~taken]
        scored = {pk: score for pk, score in self.scored.items() if pk not in pks}
        return Regions(regions=regions, scored={**scored, **pks})


def split(candidates: int, groups: list[list[Level]], snap: Snapshot) -> Regions:
    """The regions of `candidates` given, per query group, its levels best first (title, summary,
    body: disjoint bitmasks, each the entries whose best field for the group is that one)."""
    regions: dict[float, int] = {0.0: candidates}
    scored: dict[int, float] = {}
    testers: dict[int, Callable[[int], bool]] = {}  # id(level mask) -> membership test

    def points_of(pk: int, levels: list[Level]) -> float:
        for value, level in levels:
            test = testers.get(id(level))
            if test is None:
                test = testers[id(level)] = snap.contains(level)
            if test(pk):
                return value
        return 0.0

    for number, levels in enumerate(groups):
        grown: dict[float, int] = {}
        for score, mask in regions.items():
            if mask.bit_count() < SMALL:  # few entries: score them one by one, once
                rest = groups[number:]
                for pk in _bits(mask):
                    scored[pk] = score + sum(points_of(pk, levels_of) for levels_of in rest)
                continue
            left = mask
            for value, level in levels:
                part = left & level
                if part:
                    grown[score + value] = grown.get(score + value, 0) | part
                    left &= ~level
            if left:
                grown[score] = grown.get(score, 0) | left
        regions = grown
    return Regions(regions=sorted(regions.items(), key=lambda item: -item[0]), scored=scored)


def top(
    found: Regions,
    accept: int,
    weight: Callable[[int], float],
    k: int,
    bound: float,
    snap: Snapshot,
) -> list[int]:
    """The `k` entries of `accept` with the highest score x weight(pk), best first (ties: higher pk).
    `weight` is the same for every entry of a region but for recency and boost, and never above
    `bound` (Snapshot.max_factor)."""
    if k <= 0:
        return []
    inside = snap.contains(accept)
    best: list[tuple[float, int]] = []  # a min-heap of the k best so far
    for pk, score in found.scored.items():
        if inside(pk):
            _keep(best, k, (score * weight(pk), pk))
    for score, mask in found.regions:
        if len(best) >= k and score * bound < best[0][0]:
            break
        members = mask & accept
        if members:
            for pk in _members(members, k, snap):
                _keep(best, k, (score * weight(pk), pk))
    return [pk for _final, pk in sorted(best, reverse=True)]


def _keep(heap: list, k: int, item: tuple[float, int]) -> None:
    if len(heap) < k:
        heapq.heappush(heap, item)
    elif item > heap[0]:
        heapq.heapreplace(heap, item)


def _members(mask: int, k: int, snap: Snapshot) -> list[int]:
    """Enough entries of `mask` that its `k` best are among them. Within a region what relevance
    multiplies by follows recency except for boosted entries, so: every member of a small region,
    else its `k` newest members without a boost and every member with one."""
    if mask.bit_count() < EVERY_MEMBER_BELOW:
        return _bits(mask)
    inside = snap.contains(mask)
    chosen = [pk for pk in snap.boosts if inside(pk)]
    plain = 0
    for pk in snap.newest:
        if inside(pk) and pk not in snap.boosts:
            chosen.append(pk)
            plain += 1
            if plain >= k:
                break
    return chosen


def _bits(mask: int) -> list[int]:
    """The positions of the set bits of `mask` (entry ids)."""
    digits = bin(mask)[:1:-1]  # bit i at index i
    found, i = [], digits.find("1")
    while i != -1:
        found.append(i)
        i = digits.find("1", i + 1)
    return found
