"""The database search backend: analysed terms in SearchEntry rows, matched by the engine's full-text
index; filters, facet counts and ordering from the in-memory bitmasks of `snapshot`."""

import datetime
import heapq
import json
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple

from django.db import connection, transaction

from search.analysis import STOP_WORDS, stem, words
from search.backends.database import indexing, postgres, ranking, snapshot, spelling, sqlite
from search.backends.database.coverage import Coverage
from search.backends.database.engine import Engine, Groups, Scope, Scored
from search.backends.database.highlight import snippet
from search.backends.database.query import Concept, corrected, flatten, proximity_groups, query_concepts
from search.models import SearchEntry, active_synonym_map
from search.types import (
    FILTER_FIELDS,
    Audience,
    BackendHealth,
    BackendResults,
    Hit,
    SearchDocument,
    SearchRequest,
    Suggestion,
)

_statistics_cache: dict = {}  # see _statistics
# How many concepts' bitmasks a process keeps per index state and audience (12.5 kB each at 100,000
# entries): enough for the popular words of a day's searches.
CONCEPT_MASKS = 500
RELATED_POOL = 1000  # how many of the best matches of an item's words `related` considers
RELATED_REMEMBERED = 20_000  # items whose related items a process keeps per index state and audience


class Shown(NamedTuple):
    """What a result shows of a SearchEntry (not its analysed terms, which are as long as its text)."""

    doc_id: str
    type: str
    title: str
    summary: str
    url: str
    published: datetime.date
    municipalities: list
    laws: list
    themes: list
    passages: list


def _json(value):
    return json.loads(value) if isinstance(value, str | bytes) else value


def hit_entries(ids: list[int]) -> dict[int, Shown]:
    """{pk: what the result shows} for these entries. Read for every page of results: plain SQL, since
    building the ORM's query and model instances took four times as long as the read."""
    if not ids:
        return {}
    columns = ", ".join(("id", *Shown._fields))
    placeholders = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {columns} FROM {SearchEntry._meta.db_table} WHERE id IN ({placeholders})",  # nosec B608 # our table and column names; values are bound parameters
            list(ids),
        )
        rows = cursor.fetchall()
    entries = {}
    for pk, doc_id, type_, title, summary, url, published, municipalities, laws, themes, passages in rows:
        if isinstance(published, str):
            published = datetime.date.fromisoformat(published)
        entries[pk] = Shown(
            doc_id,
            type_,
            title,
            summary,
            url,
            published,
            *map(_json, (municipalities, laws, themes, passages)),
        )
    return entries


def scope_of(snap: snapshot.Snapshot, audience: Audience) -> tuple[Scope, int]:
    """The audience's part of the index, and its bitmask."""
    visible = snap.visible_mask(audience.key)
    return Scope(
        visibilities=audience.key,
        contains=snap.contains(visible),
        size=visible.bit_count(),
        mask=visible,
        statistics=_statistics(snap.token, audience.key),
    ), visible


def forget_statistics() -> None:
    """Empty this process's memo of index statistics (a benchmark's cold searches)."""
    _statistics_cache.clear()


def _statistics(token: str, visibilities: tuple[str, ...]) -> dict:
    """The memo of index statistics for this state of the index and this part of it: kept per
    process until the index changes (a new token), never without a token (tests that flush)."""
    key = (connection.alias, connection.settings_dict.get("NAME", ""), token)
    if not token:
        return {}
    if _statistics_cache.get("key") != key:
        _statistics_cache.clear()
        _statistics_cache["key"] = key
    return _statistics_cache.setdefault(visibilities, {})


def to_hit(
    entry: Shown,
    weights: dict[str, float],
    pinned: Iterable[str] = (),
    missing: tuple[str, ...] = (),
    memo: dict | None = None,
) -> Hit:
    """A result for `entry`; `weights` ({stem: weight}) choose and mark its snippet (`memo`: shared
    by the hits of one search)."""
    cut = snippet(entry.summary, entry.passages, weights, memo)
    return Hit(
        id=entry.doc_id,
        type=entry.type,
        title=entry.title,
        url=entry.url,
        summary=entry.summary,
        highlight=cut.html,
        published=entry.published,
        municipalities=tuple((code, name) for code, name, _province in entry.municipalities),
        laws=tuple(entry.laws),
        themes=tuple(entry.themes),
        timestamp=cut.timestamp if entry.type == "video" else None,
        page=cut.page,
        page_title=cut.page_title,
        page_url=cut.page_url,
        promoted=entry.doc_id in pinned,
        missing=missing,
    )


class DatabaseSearch:
    """One search, start to end: it reads the snapshot once and remembers what the engine told it,
    and is thrown away afterwards (a backend keeps no state from one search to the next)."""

    def __init__(self, engine: Engine, request: SearchRequest):
        self.engine = engine
        self.request = request
        self.snapshot = snapshot.current()
        self.scope, self.visible = scope_of(self.snapshot, request.audience)
        self._scored: dict[tuple, Scored] = {}
        self.matches = 0  # how many entries match any concept (known once coverage is read)

    def known(self, stems: Iterable[str]) -> set[str]:
        """The stems the audience's part of the index holds, remembered until the index changes (a
        common word's check reads a whole posting list on PostgreSQL)."""
        cached: dict[str, bool] = self.scope.remembered("known")
        stems = list(dict.fromkeys(stems))
        missing = [s for s in stems if s not in cached]
        if missing:
            found = self.engine.known_stems(missing, self.scope)
            cached.update({s: s in found for s in missing})
        return {s for s in stems if cached[s]}

    def matching(self, concept: Concept) -> int:
        """The bitmask of the visible entries matching a concept, remembered until the index changes
        (as Elasticsearch keeps a filter's bitset per segment): a common word's matches are read from
        the engine once, not on every search that uses it."""
        memo: dict[str, int] = self.scope.remembered("matching", limit=CONCEPT_MASKS)
        key = repr(concept.groups)
        if key not in memo:
            memo[key] = self.snapshot.mask(self.engine.match_ids(concept.groups, self.scope)) & self.visible
        return memo[key]

    def closest(self, word: str) -> str | None:
        return spelling.closest(word, spelling.vocabulary(self.snapshot.token, self.scope.visibilities))

    def scores(self, groups: Groups, *, fields: str, limit: int | None, required: list[Groups]) -> Scored:
        """The engine's scores for one question, asked once per search: its best `limit` matches
        (all with None) in `fields`, AND-ing the `required` concepts' groups where the engine can;
        over every field they are reranked where the engine reranks."""
        if self.engine.limits_in_sql:
            key = (fields, limit, repr(required))
        else:  # the engine scores every match of the groups in one pass: one answer serves all
            key, limit, required = (fields, None, ""), None, []
        if key not in self._scored:
            if getattr(self.engine, "scores_by_region", False):
                found = self.engine.match_regions(groups, self.scope, fields=fields, snap=self.snapshot)
                if fields == "all":
                    found = self.engine.rerank_regions(found, groups, self.scope, self.matches, self.snapshot)
                scored = Scored(scores={}, regions=found)
            else:
                scored = self.engine.match_scores(
                    groups, self.scope, limit=limit, fields=fields, required=required
                )
                if fields == "all":
                    scored = Scored(
                        scores=self.engine.rerank(scored.scores, groups, self.scope, self.matches)
                    )
            self._scored[key] = scored
        return self._scored[key]

    def run(self) -> BackendResults:
        request, snap = self.request, self.snapshot
        text = request.text.strip()
        concepts = query_concepts(text, active_synonym_map(), known=self.known) if text else []
        suggestion = None
        if concepts:
            fixes, suggestion = corrected(text, flatten(concepts), self.known, self.closest)
            concepts += fixes
        groups = flatten(concepts)
        if groups:  # adjacent typed words also score as a phrase
            groups += [g for g in proximity_groups(text) if g not in groups]
        if text and not groups:  # a query of stop words only: nothing to match
            return BackendResults(
                total=0, hits=[], facet_counts={}, suggestion=suggestion, backend="database", complete=0
            )
        coverage = None
        if concepts:
            coverage = Coverage.read(concepts, self.matching, self.scope.size)
        matched = coverage.matched if coverage else self.visible
        self.matches = matched.bit_count()
        pinned = self._pinned(request.promoted)
        base = (matched | snap.mask(pinned)) & self.visible
        selections = {
            name: snap.selection_mask(name, request.selected(name))
            for name in FILTER_FIELDS
            if request.selected(name)
        }
        results = base
        for bits in selections.values():
            results &= bits
        facet_counts = {}
        if request.facets:
            for name in FILTER_FIELDS:
                candidates = base
                for other, bits in selections.items():
                    if other != name:
                        candidates &= bits
                facet_counts[name] = snap.counts(name, candidates)
        ids = ranking.page_ids(self, results, groups, coverage, pinned, matches=self.matches)
        entries = hit_entries(ids)
        weights = coverage.weights() if coverage else {}
        memo: dict = {}
        missing = coverage.missing(snap.contains) if coverage else lambda pk: ()
        pinned_ids = {entries[pk].doc_id for pk in pinned if pk in entries}
        return BackendResults(
            total=results.bit_count(),
            hits=[to_hit(entries[pk], weights, pinned_ids, missing(pk), memo) for pk in ids if pk in entries],
            facet_counts=facet_counts,
            suggestion=suggestion,
            backend="database",
            complete=(coverage.complete & results).bit_count() if coverage else results.bit_count(),
            concepts=coverage.typed if coverage else (),
            unmatched=coverage.unmatched if coverage else (),
        )

    def _pinned(self, doc_ids: Iterable[str]) -> list[int]:
        """Entry ids of the promoted items, in the editors' order."""
        doc_ids = list(doc_ids)
        if not doc_ids:
            return []
        found = dict(SearchEntry.objects.filter(doc_id__in=doc_ids).values_list("doc_id", "pk"))
        return [found[doc_id] for doc_id in doc_ids if doc_id in found]


class DatabaseBackend:
    """Search in the database itself: SQLite FTS5 or PostgreSQL full-text search, whichever is in use.

    The index is written in the caller's transaction, so it always agrees with the content.
    """

    name = "database"

    @property
    def engine(self) -> Engine:
        """The engine of the database in use."""
        return postgres.ENGINE if connection.vendor == "postgresql" else sqlite.ENGINE

    def search(self, request: SearchRequest) -> BackendResults:
        return DatabaseSearch(self.engine, request).run()

    def suggest(self, prefix: str, *, audience: Audience, limit: int = 8) -> list[Suggestion]:
        """Titles that start the way the visitor is typing: all words but the last complete, the last a prefix."""
        typed = words(prefix)
        if not typed or len(typed[-1]) < 2:
            return []
        complete = [stem(w) for w in typed[:-1] if w not in STOP_WORDS]
        scope, _visible = scope_of(snapshot.current(), audience)
        ids = self.engine.title_prefix(complete, typed[-1], scope, limit)
        entries = hit_entries(ids)
        return [
            Suggestion(title=entries[pk].title, url=entries[pk].url, type=entries[pk].type)
            for pk in ids
            if pk in entries
        ]

    def related(self, doc_id: str, *, audience: Audience, limit: int = 4) -> list[Hit]:
        """Items whose text is most like this one's title and summary (rare shared words weigh most)."""
        entry = SearchEntry.objects.filter(doc_id=doc_id).first()
        if entry is None or not audience.may_see(entry.visibility):
            return []
        stems = list(dict.fromkeys(f"{entry.title_terms} {entry.summary_terms}".split()))[:30]
        if not stems:
            return []
        scope, _visible = scope_of(snapshot.current(), audience)
        # Scoring an item's 30 words against every item they occur in is the dearest read of a content
        # page (0.1-0.3 s at 10,000 items): remembered per item until the index changes, per audience.
        remembered = scope.remembered("related", limit=RELATED_REMEMBERED)
        ids = remembered.get((entry.pk, limit))
        if ids is None:
            scores = self.engine.match_scores(
                [[(s,)] for s in stems], scope, limit=RELATED_POOL, fields="all", required=[]
            )
            candidates = [
                (score, -pk, pk)
                for pk, score in scores.scores.items()
                if pk != entry.pk and scope.contains(pk)
            ]
            ids = remembered[(entry.pk, limit)] = [pk for _s, _order, pk in heapq.nlargest(limit, candidates)]
        entries = hit_entries(ids)
        return [to_hit(entries[pk], {}) for pk in ids if pk in entries]

    def upsert(self, documents: Iterable[SearchDocument]) -> None:
        indexing.upsert(self.engine, documents)

    def delete(self, ids: Iterable[str]) -> None:
        indexing.delete(self.engine, ids)

    def rebuild(
        self, documents: Iterable[SearchDocument], *, progress: Callable[[int], object] | None = None
    ) -> int:
        count = indexing.rebuild(self.engine, documents, progress)
        self.tidy()
        return count

    def synonyms_changed(self) -> None:
        pass  # rules are read per search

    def tidy(self) -> None:
        transaction.on_commit(self.engine.tidy)  # what a transaction wrote, once it is written

    def stored_documents(self) -> Iterator[SearchDocument]:
        """What the index holds, as documents: the source another engine is rebuilt from."""
        for entry in SearchEntry.objects.order_by("pk").iterator(chunk_size=500):
            yield entry.to_document()

    def health(self, *, audience: Audience) -> BackendHealth:
        try:
            count = SearchEntry.objects.filter(visibility__in=audience.key).count()
        except Exception as exc:  # the database being down is reported, not raised
            return BackendHealth(backend=self.name, status="error", detail=exc.__class__.__name__)
        return BackendHealth(backend=self.name, status="ok", detail=f"{connection.vendor}, {count} items")
