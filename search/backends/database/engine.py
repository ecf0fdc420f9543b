"""What differs between SQLite and PostgreSQL: how the full-text index is kept, matched and scored.

Everything else (query analysis, filters, facets, ranking, snippets) is shared. An engine is
stateless; what one search learns along the way lives in that search's `DatabaseSearch`.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from search.models import SearchEntry

if TYPE_CHECKING:
    from search.backends.database.regions import Regions

# A query group: alternatives, each a tuple of stems that must co-occur (a stem with a space is a phrase).
Group = list[tuple[str, ...]]
Groups = list[Group]


@dataclass(frozen=True)
class Scope:
    """The part of the index one audience may see: every engine answer stays inside it, so content
    outside it changes no score, count or word the audience can observe."""

    visibilities: tuple[str, ...]
    contains: Callable[[int], bool]  # is entry pk visible (O(1))
    size: int  # how many entries are visible
    mask: int = 0  # the visible entries as a bitmask (see snapshot)
    # Statistics of this part of the index as it is now (which stems it holds, how many entries hold
    # a phrase), kept by the backend until the index changes; {} when nothing may be kept.
    statistics: dict = field(default_factory=dict, compare=False)

    def remembered(self, kind: str, limit: int = 50_000) -> dict:
        """The memo for one kind of statistic, emptied when it grows past `limit` entries."""
        memo = self.statistics.setdefault(kind, {})
        if len(memo) > limit:
            memo.clear()
        return memo


@dataclass(frozen=True)
class Scored:
    """A first-pass scoring: {entry pk: text score}, or, from an engine that scores by regions
    (`match_regions`), the matches as regions of equal score."""

    scores: dict[int, float]
    regions: "Regions | None" = None


class Engine(Protocol):
    vendor: str
    limits_in_sql: bool  # match_scores finds its best `limit` rows itself (else: score all, cut in Python)
    # How strongly matching more of the query's concepts counts among items that miss one (those
    # matching all come first anyway); measured per engine on the dev queries.
    coverage_power: float

    def index(self, entries: list[SearchEntry]) -> None:
        """Bring the full-text index up to date for `entries` (already saved)."""

    def unindex(self, entries: list[SearchEntry]) -> None:
        """Remove `entries` from the full-text index."""

    def match_ids(self, groups: Groups, scope: Scope) -> Iterable[int]:
        """Every entry matching any group (entries outside `scope` may be included; callers mask them)."""

    def match_scores(
        self, groups: Groups, scope: Scope, *, limit: int | None, fields: str, required: list[Groups]
    ) -> Scored:
        """The `limit` best visible entries matching any group (all without a limit); `fields` "head":
        only entries matching in their title or summary, "title": in their title. `required`: the
        groups of concepts an entry must all match, if the engine can AND them (a narrower question
        it answers faster); an engine that scores every match anyway may ignore it, since callers
        keep only the entries they want. Scores are those of `groups`, whatever is required."""

    def rerank(self, pool: dict[int, float], groups: Groups, scope: Scope, matches: int) -> dict[int, float]:
        """Better scores for the best of the pool, where the first pass was rough."""

    def tidy(self) -> None:
        """After a bulk write: leave the full-text index as quick to read as after a vacuum."""

    def known_stems(self, stems: list[str], scope: Scope) -> set[str]:
        """The stems that occur in a visible entry."""

    def title_prefix(self, complete: list[str], prefix: str, scope: Scope, limit: int) -> list[int]:
        """Visible entries whose title has the `complete` stems and a word starting with `prefix`, best first."""
