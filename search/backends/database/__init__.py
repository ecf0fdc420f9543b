"""The database search backend: analysed terms in SearchEntry rows, ranked by the engine's full-text index.

`for_connection()` picks the SQLite (FTS5) or PostgreSQL (tsvector) implementation for the database in
use. Both share everything but the two engine-specific pieces: how a query matches and how it ranks.
Filters, facet counts and ordering use the in-memory bitmasks of `snapshot` (built from SearchEntry
columns and SearchFacet rows); snippets are cut in Python from the stored passages.
"""

import datetime
import heapq
import re
from collections.abc import Iterable

from django.db import connection, transaction

from search import spelling
from search.analysis import STOP_WORDS, analyze, fold, split_compound, stem, words
from search.analysis import query_groups as analysis_groups
from search.backends.database import snapshot
from search.highlight import snippet
from search.labels import facet_values
from search.models import SearchEntry, SearchFacet
from search.synonyms import SynonymMap, normalise
from search.types import (
    FILTER_FIELDS,
    BackendHealth,
    Hit,
    SearchDocument,
    SearchQuery,
    SearchResults,
)

Groups = list[list[tuple[str, ...]]]
_known_cache: dict = {}  # see DatabaseBackend.known
RANK_POOL = 1000  # how many of the best text matches relevance ranking considers (see _page)
HEAD_ONLY_ABOVE = 5_000  # matches above which the pool comes from title and summary matches first
TITLE_ONLY_ABOVE = 25_000  # matches above which it comes from title matches first


def entry_fields(document: SearchDocument) -> dict:
    """The SearchEntry columns for a document: filter values, passages and analysed terms per field weight."""
    return {
        "type": document.type,
        "title": document.title[:255],
        "summary": document.summary,
        "url": document.url,
        "published": document.published,
        "year": document.published.year,
        "audience": str(document.audience),
        "municipalities": [list(m) for m in document.municipalities],
        "laws": list(document.laws),
        "themes": list(document.themes),
        "passages": document.passages(),
        "title_terms": " ".join(analyze(document.title)),
        "summary_terms": " ".join(analyze(document.summary)),
        "body_terms": " ".join(analyze(document.full_text)),
    }


ENTRY_FIELDS = [
    "type",
    "title",
    "summary",
    "url",
    "published",
    "year",
    "audience",
    "municipalities",
    "laws",
    "themes",
    "passages",
    "title_terms",
    "summary_terms",
    "body_terms",
    "updated_at",
]


def facet_rows(entry: SearchEntry) -> list[SearchFacet]:
    values = {
        "theme": set(entry.themes),
        "law": set(entry.laws),
        "municipality": {code for code, _name, _province in entry.municipalities},
        "province": {province for _code, _name, province in entry.municipalities},
    }
    return [
        SearchFacet(entry=entry, field=field, value=v) for field, vs in values.items() for v in sorted(vs)
    ]


def query_concepts(query: str, synonyms: SynonymMap, known=None) -> list[Groups]:
    """What a query searches for, per concept the visitor typed: a word, a known phrase or a compound.

    A concept is a list of groups, a group a list of alternatives, an alternative a tuple of stems
    that must co-occur (a stem with a space is a phrase). A word's concept holds its own groups and
    those of its synonyms (found by stem, so plurals expand too); a multi-word synonym source in the
    query ("zorg in natura") is one concept with its expansions; two adjacent words that form a
    domain compound the index knows ("zorg overeenkomst", `known(stems)` -> the known ones) are one
    concept: the joined word or the two as a phrase (the index holds a compound's parts right after it).
    Ranking rewards items that cover more of the concepts.
    """
    tokens = " ".join(normalise(query).split()).split()
    by_stem: dict[str, set[str]] = {}
    for source in synonyms.sources():
        by_stem.setdefault(stem(source), set()).add(source)

    def groups_of(texts) -> Groups:
        """Groups for the typed text (texts[0], loose words) and its expansions (phrases)."""
        groups: Groups = []
        for number, text in enumerate(texts):
            stems = analyze(text)
            if number and " " in text.strip() and len(stems) > 1:
                # A term of several words ("wet langdurige zorg") is a phrase, not loose words.
                candidates = [[(" ".join(stems),)]]
            else:
                candidates = analysis_groups(text)
            for group in candidates:
                if group not in groups:
                    groups.append(group)
        return groups

    concepts: list[Groups] = []
    used: set[int] = set()
    for phrase in sorted(synonyms.phrases(), key=len, reverse=True):
        length = len(phrase.split())
        for i in range(len(tokens) - length + 1):
            if tokens[i : i + length] == phrase.split() and not used & set(range(i, i + length)):
                concepts.append(groups_of([phrase, *sorted(synonyms.expand(phrase) - {phrase})]))
                used |= set(range(i, i + length))
    pairs = [
        (i, a, b)
        for i, (a, b) in enumerate(zip(tokens, tokens[1:], strict=False))
        if split_compound(a + b) and not used & {i, i + 1}
    ]
    if pairs and known is not None:
        found = known([stem(a + b) for _i, a, b in pairs])
        for i, a, b in pairs:
            if stem(a + b) in found and not used & {i, i + 1}:
                concepts.append([[(stem(a + b),), (f"{stem(a)} {stem(b)}",)]])
                used |= {i, i + 1}
    for i, token in enumerate(tokens):
        if i in used:
            continue
        expansions: set[str] = set()
        for word in {token, *words(token)}:
            expansions |= synonyms.expand(word)
            for source in by_stem.get(stem(word), ()):
                expansions |= synonyms.expand(source)
        groups = groups_of([token, *sorted(expansions - {token})])
        if groups and groups not in concepts:
            concepts.append(groups)
    return concepts


def proximity_groups(query: str) -> Groups:
    """Adjacent typed words as phrases ("informele zorg"): they match nothing new, but rank higher
    the items that use the words together."""
    tokens = [token.replace("-", "") for token in re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", fold(query))]
    stems = [stem(token) for token in tokens if token and token not in STOP_WORDS]
    return [[(f"{a} {b}",)] for a, b in zip(stems, stems[1:], strict=False) if a != b]


def flatten(concepts: list[Groups]) -> Groups:
    """The groups of every concept, each once."""
    groups: Groups = []
    for concept in concepts:
        for group in concept:
            if group not in groups:
                groups.append(group)
    return groups


def group_stems(groups: Groups) -> frozenset[str]:
    """Every stem a query looks for (a phrase "a b" gives a and b), for highlighting."""
    return frozenset(
        word for group in groups for alternative in group for s in alternative for word in s.split()
    )


def in_list(values) -> str:
    return ", ".join(["%s"] * len(values))


class DatabaseBackend:
    """Shared indexing, filtering and faceting; subclasses match, rank and keep the engine's index."""

    name = "database"
    # How strongly matching more of the query's concepts counts; measured per engine on the dev queries.
    coverage_power = 1.0

    # --- Indexing ---------------------------------------------------------------------------------

    def upsert(self, documents: Iterable[SearchDocument]) -> None:
        """Insert or update entries for `documents` in a few statements per batch, not per document."""
        documents = list(documents)
        if not documents:
            return
        with transaction.atomic():
            existing = {e.doc_id: e for e in SearchEntry.objects.filter(doc_id__in=[d.id for d in documents])}
            new, changed = [], []
            for document in documents:
                fields = entry_fields(document)
                entry = existing.get(document.id)
                if entry is None:
                    new.append(SearchEntry(doc_id=document.id, **fields))
                else:
                    for name, value in fields.items():
                        setattr(entry, name, value)
                    changed.append(entry)
            SearchEntry.objects.bulk_create(new)  # primary keys come back (SQLite >= 3.35, PostgreSQL)
            if changed:
                from django.utils import timezone

                now = timezone.now()
                for entry in changed:
                    entry.updated_at = now
                SearchEntry.objects.bulk_update(changed, ENTRY_FIELDS)
                SearchFacet.objects.filter(entry__in=changed).delete()
            SearchFacet.objects.bulk_create([row for entry in new + changed for row in facet_rows(entry)])
            self._index(new + changed)
            snapshot.touch()

    def delete(self, ids: Iterable[str]) -> None:
        with transaction.atomic():
            entries = list(SearchEntry.objects.filter(doc_id__in=list(ids)))
            self._unindex(entries)
            SearchEntry.objects.filter(pk__in=[e.pk for e in entries]).delete()
            snapshot.touch()

    def rebuild(self, documents: Iterable[SearchDocument]) -> int:
        count, batch = 0, []
        with transaction.atomic():
            self._unindex(list(SearchEntry.objects.all()))
            SearchEntry.objects.all().delete()
            snapshot.touch()
            for document in documents:
                batch.append(document)
                if len(batch) >= 200:
                    self.upsert(batch)
                    count, batch = count + len(batch), []
            self.upsert(batch)
        return count + len(batch)

    def _index(self, entries: list[SearchEntry]) -> None:
        """Engine-specific: bring the full-text index up to date for `entries`."""

    def _unindex(self, entries: list[SearchEntry]) -> None:
        """Engine-specific: remove `entries` from the full-text index."""

    # --- Engine-specific matching -----------------------------------------------------------------

    def _begin(self) -> snapshot.Snapshot:
        """Start a search: read the snapshot once for all its steps, and forget what an earlier
        search on this backend instance remembered (the index may have changed since)."""
        self._snap = snapshot.current()
        self._scores = self._hits = None
        return self._snap

    def _snapshot(self) -> snapshot.Snapshot:
        """The snapshot of the search under way (read now when called outside one)."""
        return getattr(self, "_snap", None) or self._begin()

    def known(self, stems: Iterable[str]) -> set[str]:
        """`known_stems`, remembered per process until the index changes (a common word's check reads
        a whole posting list on PostgreSQL)."""
        token = self._snapshot().token
        key = (connection.alias, connection.settings_dict.get("NAME", ""), token)
        if not token or _known_cache.get("key") != key:
            _known_cache.clear()
            _known_cache["key"] = key
            _known_cache["stems"] = {}
        cached: dict[str, bool] = _known_cache["stems"]
        stems = list(dict.fromkeys(stems))
        missing = [s for s in stems if s not in cached]
        if missing:
            found = self.known_stems(missing)
            if len(cached) > 50_000:
                cached.clear()
            cached.update({s: s in found for s in missing})
        return {s for s in stems if cached[s]}

    def known_stems(self, stems: Iterable[str]) -> set[str]:
        """The stems that occur somewhere in the index."""
        raise NotImplementedError

    def prefix_cte(self, complete: list[str], prefix: str) -> tuple[str, list]:
        """SQL for `m(id, score)`: entries whose title has the `complete` stems and a word starting with `prefix`."""
        raise NotImplementedError

    # --- Searching --------------------------------------------------------------------------------

    def search(self, query: SearchQuery, *, synonyms: SynonymMap, pinned_ids=()) -> SearchResults:
        """Match in the engine's full-text index; filter, count facets and order with the snapshot's bitmasks."""
        snap = self._begin()
        concepts = query_concepts(query.text, synonyms, known=self.known) if query.text.strip() else []
        groups = flatten(concepts)
        if groups:  # adjacent typed words also score as a phrase
            groups += [g for g in proximity_groups(query.text) if g not in groups]
        suggestion = None
        if groups:
            corrected, suggestion = self._corrected(query.text, groups)
            if len(corrected) > len(groups):
                concepts.append(corrected[len(groups) :])
            groups = corrected
        if query.text.strip() and not groups:  # a query of stop words only: nothing to match
            return SearchResults(
                query=query, total=0, hits=[], facets={}, backend=self.name, suggestion=suggestion
            )
        visible = snap.audience_mask(query.audiences)
        if groups:
            matched = snap.mask(self.match_ids(groups))
        else:
            matched = visible
        pinned = self._pinned_pks(pinned_ids)
        base = (matched | snap.mask(pinned)) & visible
        selections = {
            name: snap.selection_mask(name, query.selected(name))
            for name in FILTER_FIELDS
            if query.selected(name)
        }
        results = base
        for bits in selections.values():
            results &= bits
        facets = {}
        if query.facets:
            for name in FILTER_FIELDS:
                candidates = base
                for other, bits in selections.items():
                    if other != name:
                        candidates &= bits
                facets[name] = facet_values(name, snap.counts(name, candidates), query.selected(name))

        ids = self._page(query, snap, results, groups, concepts, pinned, matches=matched.bit_count())
        entries = SearchEntry.objects.in_bulk(ids)
        stems = group_stems(groups)
        pinned_doc_ids = [entries[pk].doc_id for pk in pinned if pk in entries]
        hits = [self._hit(entries[pk], stems, pinned_doc_ids) for pk in ids if pk in entries]
        return SearchResults(
            query=query,
            total=results.bit_count(),
            hits=hits,
            facets=facets,
            backend=self.name,
            suggestion=suggestion,
        )

    def match_scores(
        self, groups: Groups, *, limit: int | None = None, fields: str = "all"
    ) -> dict[int, float]:
        """{entry id: text score} of the `limit` best entries matching any group (all without a limit);
        `fields` "head": only entries that match in their title or summary, "title": in their title."""
        raise NotImplementedError

    def match_ids(self, groups: Groups) -> Iterable[int]:
        """The ids of every entry matching any group."""
        raise NotImplementedError

    def rerank(self, pool: dict[int, float], groups: Groups, matches: int) -> dict[int, float]:
        """Engine-specific: better scores for the best of the pool, where the first pass was rough."""
        return pool

    def group_hits(self, groups: Groups) -> list[set[int]]:
        """Per group, the ids of the entries that match it."""
        raise NotImplementedError

    def concept_counts(self, groups: Groups, concepts: list[Groups], ids: Iterable[int]) -> dict[int, int]:
        """{entry id: how many of the concepts it matches} for `ids` (entries matching none left out)."""
        hits = self.group_hits(groups)
        counts: dict[int, int] = {}
        for concept in concepts:
            members: set[int] = set()
            for number, group in enumerate(groups):
                if group in concept:
                    members |= hits[number]
            for pk in members:
                counts[pk] = counts.get(pk, 0) + 1
        return counts

    def _covered(self, scores: dict[int, float], groups: Groups, concepts: list[Groups]) -> dict[int, float]:
        """Scores scaled by the share of the query's concepts an entry matches (Lucene's old coord):
        an item about 'zorgovereenkomst controleren' beats one that only says 'controleren' often."""
        counts = self.concept_counts(groups, concepts, scores)
        total = len(concepts)
        factor = [(n / total) ** self.coverage_power for n in range(total + 1)]
        return {pk: score * factor[counts.get(pk, 0)] for pk, score in scores.items()}

    def _pinned_pks(self, pinned_ids) -> list[int]:
        """Entry ids of the promoted items, in the editors' order."""
        pinned_ids = list(pinned_ids)
        if not pinned_ids:
            return []
        found = dict(SearchEntry.objects.filter(doc_id__in=pinned_ids).values_list("doc_id", "pk"))
        return [found[doc_id] for doc_id in pinned_ids if doc_id in found]

    def _page(
        self, query, snap, results: int, groups: Groups, concepts, pinned: list[int], matches: int = 0
    ) -> list[int]:
        """The entry ids of the requested page: promoted items first, then by score or date.

        Relevance ranks the RANK_POOL best text matches (with coverage and recency applied), not every
        match: for a word in most items that saves reading and sorting tens of thousands of scores. When
        a query matches more than HEAD_ONLY_ABOVE items, the pool is first drawn from the items that
        match in their title or summary, above TITLE_ONLY_ABOVE from title matches (the engine scores far
        fewer); when filters leave too few of a pool, the next attempt is wider, up to every match.
        """
        if not results:
            return []
        included = snap.contains(results)
        first = [pk for pk in pinned if included(pk)]
        wanted = query.offset + query.page_size
        rest: list[int] = []
        if groups and query.sort == "relevance":
            size = max(RANK_POOL, 2 * wanted)
            attempts = [(size, "all"), (None, "all")]
            if matches > HEAD_ONLY_ABOVE:
                attempts.insert(0, (size, "head"))
            if matches > TITLE_ONLY_ABOVE:
                attempts.insert(0, (size, "title"))
            for limit, fields in attempts:
                head_only = fields != "all"
                pool = self.match_scores(groups, limit=limit, fields=fields)
                if not head_only:
                    pool = self.rerank(pool, groups, matches)
                if len(concepts) > 1:
                    pool = self._covered(pool, groups, concepts)
                scored = [(pk, score) for pk, score in pool.items() if included(pk)]
                if len(scored) >= wanted:
                    break
                if not head_only and (limit is None or len(pool) < limit):
                    break  # this pool held every match: a wider one finds no more
            today = datetime.date.today().toordinal()
            top = heapq.nlargest(wanted, ((score * snap.recency(pk, today), pk) for pk, score in scored))
            rest = [pk for _score, pk in top]
        else:  # newest first (browsing, or sorted by date)
            for pk in snap.newest:
                if included(pk):
                    rest.append(pk)
                    if len(rest) >= wanted:
                        break
        ordered = first + [pk for pk in rest if pk not in first]
        return ordered[query.offset : query.offset + query.page_size]

    def _corrected(self, text: str, groups: Groups) -> tuple[Groups, str | None]:
        """Groups with corrections added for words found nowhere in the index, and the corrected query."""
        stems = group_stems(groups)
        known = self.known(stems)
        if stems <= known:
            return groups, None
        corrected, changed = [], False
        for word in text.split():
            analysed = [s for w in words(word) for s in analyze(w)]
            if analysed and not any(s in known for s in analysed):
                fix = spelling.closest(word)
                if fix and stem(fix) in self.known([stem(fix)]):
                    corrected.append(fix)
                    changed = True
                    for group in analysis_groups(fix):
                        if group not in groups:
                            groups = groups + [group]
                    continue
            corrected.append(word)
        return groups, (" ".join(corrected) if changed else None)

    def _hit(self, entry: SearchEntry, stems: frozenset[str], pinned: list[str]) -> Hit:
        cut = snippet(entry.summary, entry.passages, stems)
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
            page=cut.page if entry.type == "document" else None,
            promoted=entry.doc_id in pinned,
        )

    # --- Suggestions and related items ------------------------------------------------------------

    def suggest(self, prefix: str, *, audiences: list[str], limit: int = 8) -> list[dict]:
        """Titles that start the way the visitor is typing: all words but the last complete, the last a prefix."""
        typed = words(prefix)
        if not typed or len(typed[-1]) < 2:
            return []
        complete = [stem(w) for w in typed[:-1] if w not in STOP_WORDS]
        cte, params = self.prefix_cte(complete, typed[-1])
        sql = (
            f"{cte} SELECT e.title, e.url, e.type FROM search_searchentry e JOIN m ON m.id = e.id "
            f"WHERE e.audience IN ({in_list(audiences)}) ORDER BY m.score DESC, e.published DESC LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params + list(audiences) + [limit])
            return [{"title": title, "url": url, "type": type_} for title, url, type_ in cursor.fetchall()]

    def related(self, doc_id: str, *, audiences: list[str], limit: int = 4) -> list[Hit]:
        """Items whose text is most like this one's title and summary (rare shared words weigh most)."""
        entry = SearchEntry.objects.filter(doc_id=doc_id).first()
        if entry is None:
            return []
        stems = list(dict.fromkeys(f"{entry.title_terms} {entry.summary_terms}".split()))[:30]
        if not stems:
            return []
        groups = [[(s,)] for s in stems]
        snap = self._begin()
        visible = snap.contains(snap.audience_mask(audiences))
        scores = self.match_scores(groups, limit=RANK_POOL)
        candidates = [(score, -pk, pk) for pk, score in scores.items() if pk != entry.pk and visible(pk)]
        ids = [pk for _score, _order, pk in heapq.nlargest(limit, candidates)]
        entries = SearchEntry.objects.in_bulk(ids)
        return [self._hit(entries[pk], frozenset(), []) for pk in ids if pk in entries]

    def health(self) -> BackendHealth:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT COUNT(*) FROM search_searchentry")
                count = cursor.fetchone()[0]
        except Exception as exc:  # the database being down is reported, not raised
            return BackendHealth(backend=self.name, status="error", detail=exc.__class__.__name__)
        return BackendHealth(backend=self.name, status="ok", detail=f"{connection.vendor}, {count} items")


def for_connection() -> DatabaseBackend:
    if connection.vendor == "postgresql":
        from search.backends.database.postgres import PostgresBackend

        return PostgresBackend()
    from search.backends.database.sqlite import SQLiteBackend

    return SQLiteBackend()
