"""Ranking for the database backend: which entries fill the requested page, in what order.

Relevance ranks a pool of the best text matches (with coverage, recency and the item's own boost
applied), not every match:
for a word in most items that saves reading and sorting tens of thousands of scores.
"""

import datetime
import heapq
from typing import Protocol

from search.backends.database.coverage import Coverage
from search.backends.database.engine import Engine, Groups, Scope, Scored
from search.backends.database.snapshot import Snapshot
from search.types import SearchRequest

RANK_POOL = 1000  # how many of the best text matches relevance ranking considers
HEAD_ONLY_ABOVE = 5_000  # matches above which the pool comes from title and summary matches first
TITLE_ONLY_ABOVE = 25_000  # matches above which it comes from title matches first


class Run(Protocol):
    """What ranking needs of the search under way (backend.DatabaseSearch)."""

    request: SearchRequest
    snapshot: Snapshot
    engine: Engine
    scope: Scope

    def scores(self, groups: Groups, *, fields: str, limit: int | None) -> Scored:
        """The engine's first-pass scores, asked once per search."""


def page_ids(
    run: Run,
    results: int,
    groups: Groups,
    coverage: Coverage | None,
    pinned: list[int],
    matches: int,
) -> list[int]:
    """The entry ids of the requested page: promoted items first, then by score or date.

    By relevance, an item matching every concept of the query ranks above any that misses one,
    whatever their text scores (`Coverage.tier`); below them the score, scaled by the share of the
    concepts matched, orders the rest.

    When a query matches more than HEAD_ONLY_ABOVE items, the pool is first drawn from the items that
    match in their title or summary, above TITLE_ONLY_ABOVE from title matches (the engine scores far
    fewer); when filters leave too few of a pool, the next attempt is wider, up to every match.
    """
    request, snap = run.request, run.snapshot
    if not results:
        return []
    included = snap.contains(results)
    first = [pk for pk in pinned if included(pk)]
    wanted = request.offset + request.page_size
    rest: list[int] = []
    if groups and request.sort == "relevance":
        tier = coverage.tier(snap.contains) if coverage else (lambda pk: 0)
        share = coverage.coverage(snap.contains, run.engine.coverage_power) if coverage else (lambda pk: 1.0)
        # The complete matches this page needs in the pool: a pool without them is widened.
        complete = coverage.complete & results if coverage else 0
        needed = min(wanted, complete.bit_count())
        size = max(RANK_POOL, 2 * wanted)
        attempts = [(size, "all"), (None, "all")]
        if matches > HEAD_ONLY_ABOVE:
            attempts.insert(0, (size, "head"))
        if matches > TITLE_ONLY_ABOVE:
            attempts.insert(0, (size, "title"))
        scored_pool: list[tuple[int, float]] = []
        for limit, fields in attempts:
            head_only = fields != "all"
            scored = run.scores(groups, fields=fields, limit=limit)
            pool = scored.scores
            if not head_only:
                pool = run.engine.rerank(pool, groups, run.scope, matches)
            scored_pool = [(pk, score) for pk, score in pool.items() if included(pk)]
            enough_complete = not needed or sum(1 for pk, _s in scored_pool if tier(pk)) >= needed
            if len(scored_pool) >= wanted and enough_complete:
                break
            if not head_only and (limit is None or len(pool) < limit):
                break  # this pool held every match: a wider one finds no more
        today = datetime.date.today().toordinal()
        top = heapq.nlargest(
            wanted,
            ((tier(pk), score * share(pk) * snap.factor(pk, today), pk) for pk, score in scored_pool),
        )
        rest = [pk for _tier, _score, pk in top]
    else:  # newest first (browsing, or sorted by date)
        for pk in snap.newest:
            if included(pk):
                rest.append(pk)
                if len(rest) >= wanted:
                    break
    ordered = first + [pk for pk in rest if pk not in first]
    return ordered[request.offset : request.offset + request.page_size]
