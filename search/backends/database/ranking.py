"""Ranking for the database backend: which entries fill the requested page, in what order.

By relevance the page is the exact top of the matches by final score: the engine's text score times
the share of the query's concepts an item matches (coverage), its recency and its own boost, with
every item matching all concepts above any that misses one. The engine is asked for its best text
matches a few at a time, best first (`top`): since recency and boost multiply a text score by at
most `Snapshot.max_factor`, once the page's last score beats what the next text match could reach,
no match further down can enter the page. So a query whose complete matches fill the page is
answered by one AND-ed query with a small limit, as a plain full-text engine answers it, and the
items that miss a concept are counted (bitmasks) but never scored.
"""

import datetime
import heapq
from collections.abc import Callable
from typing import Protocol

from search.backends.database import regions
from search.backends.database.coverage import Coverage
from search.backends.database.engine import Engine, Groups, Scope, Scored
from search.backends.database.snapshot import Snapshot
from search.types import SearchRequest

# How many of the best text matches the first question to the engine asks for. The engine scores
# every match whatever the limit, so the cost is in asking twice: enough that the first answer
# settles the page (recency and boost can lift a match by up to 44 %), few enough to read quickly.
FIRST_LIMIT = 500
HEAD_ONLY_ABOVE = 5_000  # candidates above which the page comes from title and summary matches first
TITLE_ONLY_ABOVE = 25_000  # candidates above which it comes from title matches first


class Run(Protocol):
    """What ranking needs of the search under way (backend.DatabaseSearch)."""

    request: SearchRequest
    snapshot: Snapshot
    engine: Engine
    scope: Scope

    def scores(self, groups: Groups, *, fields: str, limit: int | None, required: list[Groups]) -> Scored:
        """The engine's scores (reranked where it reranks), asked once per question in a search."""


def page_ids(
    run: Run,
    results: int,
    groups: Groups,
    coverage: Coverage | None,
    pinned: list[int],
    matches: int,
) -> list[int]:
    """The entry ids of the requested page: promoted items first, then by score or date."""
    request, snap = run.request, run.snapshot
    if not results:
        return []
    included = snap.contains(results)
    first = [pk for pk in pinned if included(pk)]
    wanted = request.offset + request.page_size
    if groups and request.sort == "relevance":
        rest = _by_relevance(run, results, groups, coverage, matches, wanted)
    else:  # newest first (browsing, or sorted by date)
        rest = []
        for pk in snap.newest:
            if included(pk):
                rest.append(pk)
                if len(rest) >= wanted:
                    break
    ordered = first + [pk for pk in rest if pk not in first]
    return ordered[request.offset : request.offset + request.page_size]


def _by_relevance(
    run: Run, results: int, groups: Groups, coverage: Coverage | None, matches: int, wanted: int
) -> list[int]:
    """The best `wanted` of `results`: complete matches first, then the rest by coverage-scaled score."""
    snap = run.snapshot
    factor = snap.factors(datetime.date.today().toordinal())
    complete = coverage.complete & results if coverage else 0
    if not complete:
        share = coverage.coverage(snap.contains, run.engine.coverage_power) if coverage else (lambda pk: 1.0)
        return top(run, groups, [], results, lambda pk: share(pk) * factor(pk), wanted, matches)
    required = [concept.groups for concept in coverage.concepts if not concept.correction]
    count = complete.bit_count()
    best = top(run, groups, required, complete, factor, min(wanted, count), count)
    if count >= wanted:
        return best
    share = coverage.coverage(snap.contains, run.engine.coverage_power)
    partial = results & ~complete
    return best + top(run, groups, [], partial, lambda pk: share(pk) * factor(pk), wanted - count, matches)


def top(
    run: Run,
    groups: Groups,
    required: list[Groups],
    accept: int,
    weight: Callable[[int], float],
    k: int,
    candidates: int,
) -> list[int]:
    """The `k` entries of the bitmask `accept` with the highest text score x weight(pk), best first
    (ties: higher pk).

    `required`: the concepts' groups an entry must all match (an AND-ed question), or none. With more
    than HEAD_ONLY_ABOVE `candidates` the page is first looked for among title and summary matches
    (the engine scores far fewer), above TITLE_ONLY_ABOVE among title matches; too few there, and it
    comes from every match.
    """
    attempts = ["all"]
    if candidates > HEAD_ONLY_ABOVE:
        attempts.insert(0, "head")
    if candidates > TITLE_ONLY_ABOVE:
        attempts.insert(0, "title")
    for fields in attempts:
        found = _exact_top(run, groups, required, fields, accept, weight, k)
        if len(found) >= k:
            break
    return found


def _exact_top(run, groups, required, fields, accept, weight, k) -> list[int]:
    """`top` within one set of fields: the best text matches, then every match if the page is not certain."""
    if k <= 0:
        return []
    bound = run.snapshot.max_factor()  # no weight is larger (coverage shares are at most 1)
    limit = max(FIRST_LIMIT, 2 * k) if run.engine.limits_in_sql else None
    inside = run.snapshot.contains(accept)
    while True:
        scored = run.scores(groups, fields=fields, limit=limit, required=required)
        if scored.regions is not None:
            return regions.top(scored.regions, accept, weight, k, bound, run.snapshot)
        pool = scored.scores
        best = heapq.nlargest(k, ((score * weight(pk), pk) for pk, score in pool.items() if inside(pk)))
        if limit is None or len(pool) < limit:
            break  # every match was scored
        floor = min(pool.values())  # no match left out scores more than this
        if len(best) == k and floor > 0 and floor * bound < best[-1][0]:
            break
        limit = None  # the page could still change: every match
    return [pk for _score, pk in best]
