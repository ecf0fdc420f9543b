"""PostgreSQL: a weighted tsvector column (title A, summary B, body C) with a GIN index.

Ranking: ts_rank has no inverse document frequency and reads every matching row's (large, toasted)
tsvector once per call, which made it both the weaker and the slower ranking (nDCG@10 0.66 on the dev
queries, 100 ms at 10k items). So the GIN index answers which entries match each query group (one
bitmap index scan per group and field, no tsvector read), and the score is computed from that: per
matched group its IDF (BM25's formula) times the weight of the best field it matched in (title and
summary have small tsvector columns of their own, migration 0007).

Every statistic (how many entries hold a word, how many there are) is counted inside the audience's
scope, so members-only text changes nothing a public search scores, counts or knows.
"""

import heapq
import math
from collections.abc import Callable
from contextlib import contextmanager

from django.db import connection, transaction

from search.analysis import stem
from search.backends.database import regions
from search.backends.database.engine import Groups, Scope, Scored
from search.backends.database.regions import Regions
from search.backends.database.snapshot import Snapshot
from search.models import SearchEntry

# ts_rank weights for D, C, B, A: body 0.1 … title 1.0, mirroring the SQLite bm25 weights (suggestions).
WEIGHTS = "{0.05, 0.1, 0.4, 1.0}"
RERANK_TOP = 100  # how many of the best first-pass matches get BM25 (see rerank)
RERANK_MATCHES = 5_000  # queries with more matches keep the first-pass order
FIELDS = {
    "all": ("document", "title_vector", "summary_vector"),
    "head": ("title_vector", "summary_vector"),
    "title": ("title_vector",),
}
FIELD_RANK = {"document": 0, "summary_vector": 1, "title_vector": 2}
FIELD_ORDER = ("title_vector", "summary_vector", "document")  # best first
FIELD_MASKS = 500  # groups whose field bitmasks a process keeps per index state and audience
# How much a query group counts when it matches in the title, the summary, or only the body.
FIELD_WEIGHTS = {"title": 5.0, "summary": 2.0, "body": 1.0}


def tsquery(groups: Groups, *, phrases: bool = True) -> tuple[str, list[str]]:
    """The whole query and one tsquery per group (terms are folded stems of [a-z0-9], safe to quote).

    With `phrases` off a phrase ("persoonsgebond budget") becomes its words AND-ed: matching a phrase
    reads every candidate row's toasted tsvector back (300 ms for a common pair at 100k items), the
    words alone only the index. Counting matches uses that; scoring keeps the phrase.
    """

    def term(s: str) -> str:
        words = s.split()
        if len(words) > 1 and not phrases:
            return " & ".join(f"'{word}'" for word in words)
        return f"'{s}'"

    group_queries = [
        " | ".join("(" + " & ".join(term(s) for s in alternative) + ")" for alternative in group)
        for group in groups
    ]
    return " | ".join(f"({q})" for q in group_queries), group_queries


@contextmanager
def index_scans():
    """A cursor whose queries use the GIN index even for common words.

    The planner prices a sequential scan of the table below a bitmap scan for a word in most rows,
    but every row's tsvector is toasted: the sequential scan reads all of them (30 ms at 10k items)
    where the bitmap scan reads none (7 ms). SET LOCAL needs a transaction; it is reset at the end
    so an enclosing transaction is not affected.
    """
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        try:
            yield cursor
        finally:
            cursor.execute("SET LOCAL enable_seqscan TO DEFAULT")


def _idf(total: int, frequency: int) -> float:
    return math.log(1 + (total - frequency + 0.5) / (frequency + 0.5))


class PostgresEngine:
    """The generated tsvector columns follow the row, so no extra index maintenance is needed."""

    vendor = "postgresql"
    limits_in_sql = False  # scores come from every match: one pass serves every pool size
    scores_by_region = True  # search ranks through match_regions (regions of equal score)
    coverage_power = 2.0  # without term frequencies, covering the query matters more (1.5-3 best)

    def index(self, entries: list[SearchEntry]) -> None:
        pass

    def unindex(self, entries: list[SearchEntry]) -> None:
        pass

    def match_ids(self, groups: Groups, scope: Scope) -> list[int]:
        whole, _group_queries = tsquery(groups, phrases=False)  # a little wider than the phrases: fast
        with index_scans() as cursor:
            cursor.execute(
                "SELECT id FROM search_searchentry WHERE document @@ to_tsquery('simple', %s)", [whole]
            )
            return [row[0] for row in cursor.fetchall()]

    def match_scores(
        self, groups: Groups, scope: Scope, *, limit: int | None, fields: str, required: list[Groups]
    ) -> Scored:
        """Per matched group its IDF times the weight of the best of `fields` it matched in.

        With only title and summary (a query matching most items), IDF comes from those fields too.
        `required` is not used: the IDFs need every group's matches, so every match is scored.
        """
        columns = FIELDS[fields]
        _whole, group_queries = tsquery(groups)
        branches, params = [], []
        for number, group_query in enumerate(group_queries):
            for column in columns:
                branches.append(
                    f"SELECT id, {number}, {FIELD_RANK[column]} FROM search_searchentry "  # nosec B608 # our table and column names; values are bound parameters
                    f"WHERE {column} @@ to_tsquery('simple', %s)"
                )
                params.append(group_query)
        best: dict[int, dict[int, int]] = {}  # entry -> group -> best field rank (2 title, 1 summary, 0 body)
        hits: list[set[int]] = [set() for _ in groups]
        visible = scope.contains
        with index_scans() as cursor:
            cursor.execute(" UNION ALL ".join(branches), params)
            for pk, number, rank in cursor.fetchall():
                if not visible(pk):
                    continue
                groups_of = best.setdefault(pk, {})
                if rank >= groups_of.get(number, 0):
                    groups_of[number] = rank
                hits[number].add(pk)
        idf = [_idf(max(1, scope.size), len(members)) for members in hits]
        weights = (FIELD_WEIGHTS["body"], FIELD_WEIGHTS["summary"], FIELD_WEIGHTS["title"])
        scores = {
            pk: sum(idf[number] * weights[rank] for number, rank in groups_of.items())
            for pk, groups_of in best.items()
        }
        if limit is not None and len(scores) > limit:
            scores = {pk: scores[pk] for pk in heapq.nlargest(limit, scores, key=scores.get)}
        return Scored(scores=scores)

    def rerank(self, pool: dict[int, float], groups: Groups, scope: Scope, matches: int) -> dict[int, float]:
        """BM25 as SQLite's FTS5 computes it (k1 1.2, b 0.75, column weights) for the RERANK_TOP best
        of the pool, from their term columns; they stay above the rest of the pool.

        Only for queries with at most RERANK_MATCHES matches: it costs a count per query term.
        """
        if not pool or matches > RERANK_MATCHES:
            return pool
        top = heapq.nlargest(RERANK_TOP, pool, key=pool.get)
        bm25 = self._bm25(top, groups, scope)
        ceiling = max(pool.values()) if len(bm25) < len(pool) else 0.0  # keep the reranked above the rest
        return {**pool, **{pk: ceiling + score for pk, score in bm25.items()}}

    def rerank_regions(
        self, found: Regions, groups: Groups, scope: Scope, matches: int, snap: Snapshot
    ) -> Regions:
        """`rerank` for matches scored by regions: the RERANK_TOP best are taken out and scored one by one."""
        if matches > RERANK_MATCHES:
            return found
        top = found.first(RERANK_TOP, snap)
        if not top:
            return found
        bm25 = self._bm25(top, groups, scope)
        ceiling = found.best() if len(bm25) < found.count() else 0.0
        return found.without({pk: ceiling + score for pk, score in bm25.items()}, snap)

    def _bm25(self, top: list[int], groups: Groups, scope: Scope) -> dict[int, float]:
        """{pk: BM25 of the query's phrases} for these entries, from their term columns."""
        phrases = sorted({s for group in groups for alternative in group for s in alternative})
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id, title_terms, summary_terms, body_terms FROM search_searchentry WHERE id = ANY(%s)",
                [top],
            )
            rows = cursor.fetchall()
        lengths = {pk: sum(_length(c) for c in cols) for pk, *cols in rows}
        columns = {pk: [_spaced(c) for c in cols] for pk, *cols in rows}
        frequency = self.phrase_frequencies(phrases, scope)
        total = max(1, scope.size)
        idf = [max(1e-6, math.log((total - n + 0.5) / (n + 0.5))) for n in frequency]
        average = max(1.0, sum(lengths.values()) / max(1, len(lengths)))
        k1, b = 1.2, 0.75
        weights = (FIELD_WEIGHTS["title"], FIELD_WEIGHTS["summary"], FIELD_WEIGHTS["body"])
        counters = [_phrase_counter(phrase) for phrase in phrases]
        result = {}
        for pk, cols in columns.items():
            score = 0.0
            for count, weight in zip(counters, idf, strict=True):
                freq = sum(w * count(col) for w, col in zip(weights, cols, strict=True))
                if freq:
                    score += weight * freq * (k1 + 1) / (freq + k1 * (1 - b + b * lengths[pk] / average))
            result[pk] = score
        return result

    def match_regions(self, groups: Groups, scope: Scope, *, fields: str, snap: Snapshot) -> Regions:
        """`match_scores` as regions of equal score (search.backends.database.regions), from one
        bitmask per group and field, remembered until the index changes."""
        columns = FIELDS[fields]
        masks = self._field_masks(groups, columns, scope, snap)
        total = max(1, scope.size)
        levels, candidates = [], 0
        for group in groups:
            title, summary, body = (masks.get((repr(group), column), 0) for column in FIELD_ORDER)
            hits = title | summary | body
            candidates |= hits
            idf = _idf(total, hits.bit_count())
            summary &= ~title
            body &= ~(title | summary)
            levels.append(
                [
                    (idf * weight, mask)
                    for weight, mask in (
                        (FIELD_WEIGHTS["title"], title),
                        (FIELD_WEIGHTS["summary"], summary),
                        (FIELD_WEIGHTS["body"], body),
                    )
                    if mask
                ]
            )
        return regions.split(candidates, levels, snap)

    def _field_masks(
        self, groups: Groups, columns: tuple[str, ...], scope: Scope, snap: Snapshot
    ) -> dict[tuple[str, str], int]:
        """{(group, column): bitmask of the visible entries whose column matches the group}."""
        memo: dict[tuple[str, str], int] = scope.remembered("field_matches", limit=3 * FIELD_MASKS)
        _whole, group_queries = tsquery(groups)
        wanted = [
            (repr(group), column, query)
            for group, query in zip(groups, group_queries, strict=True)
            for column in columns
        ]
        missing = [item for item in wanted if item[:2] not in memo]
        if missing:
            branches = " UNION ALL ".join(
                f"SELECT {number}, id FROM search_searchentry WHERE {column} @@ to_tsquery('simple', %s)"  # nosec B608 # our table and column names; values are bound parameters
                for number, (_group, column, _query) in enumerate(missing)
            )
            found: list[list[int]] = [[] for _ in missing]
            with index_scans() as cursor:
                cursor.execute(branches, [query for _group, _column, query in missing])
                for number, pk in cursor.fetchall():
                    found[number].append(pk)
            for (group, column, _query), pks in zip(missing, found, strict=True):
                memo[(group, column)] = snap.mask(pks) & scope.mask
        return {item[:2]: memo[item[:2]] for item in wanted}

    def phrase_frequencies(self, phrases: list[str], scope: Scope) -> list[int]:
        """How many visible entries hold each phrase, counted once per state of the index (a count
        reads every matching row: 10 ms per search for a query's phrases at 10,000 items)."""
        known: dict[str, int] = scope.remembered("phrase_frequency")
        missing = [phrase for phrase in dict.fromkeys(phrases) if phrase not in known]
        if missing:
            counts = " UNION ALL ".join(
                "SELECT %s, COUNT(*) FROM search_searchentry "
                "WHERE document @@ to_tsquery('simple', %s) AND visibility = ANY(%s)"
                for _ in missing
            )
            visibilities = list(scope.visibilities)
            params = [v for phrase in missing for v in (phrase, tsquery([[(phrase,)]])[0], visibilities)]
            with index_scans() as cursor:
                cursor.execute(counts, params)
                known.update(dict(cursor.fetchall()))
        return [known[phrase] for phrase in phrases]

    def tidy(self) -> None:
        """Move the GIN indexes' pending entries into the indexes proper. Bulk inserts land in a
        pending list that every search reads through (380 ms for an unknown word at 100,000 items
        straight after indexing them, 0.2 ms after) until autovacuum gets to it."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT gin_clean_pending_list(i.indexrelid) FROM pg_index i "
                "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam "
                "WHERE i.indrelid = 'search_searchentry'::regclass AND a.amname = 'gin'"
            )

    def known_stems(self, stems: list[str], scope: Scope) -> set[str]:
        if not stems:
            return set()
        branches = " UNION ALL ".join(
            "(SELECT %s FROM search_searchentry "
            "WHERE document @@ to_tsquery('simple', %s) AND visibility = ANY(%s) LIMIT 1)"
            for _ in stems
        )
        visibilities = list(scope.visibilities)
        with index_scans() as cursor:
            cursor.execute(branches, [value for s in stems for value in (s, f"'{s}'", visibilities)])
            return {row[0] for row in cursor.fetchall()}

    def title_prefix(self, complete: list[str], prefix: str, scope: Scope, limit: int) -> list[int]:
        starts = " | ".join(f"'{p}':*A" for p in dict.fromkeys([prefix, stem(prefix)]))
        expression = " & ".join([*(f"'{s}':A" for s in complete), f"({starts})"])
        sql = (
            f"SELECT id FROM search_searchentry WHERE document @@ to_tsquery('simple', %s) "  # nosec B608 # our table and column names; values are bound parameters
            "AND visibility = ANY(%s) "
            f"ORDER BY ts_rank('{WEIGHTS}'::float4[], document, to_tsquery('simple', %s)) DESC, "
            "published DESC LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [expression, list(scope.visibilities), expression, limit])
            return [row[0] for row in cursor.fetchall()]


def _length(terms: str) -> int:
    """How many terms a term column holds (terms joined by single spaces, indexing.entry_fields)."""
    return terms.count(" ") + 1 if terms else 0


def _spaced(terms: str) -> str:
    """A term column with every term between spaces of its own (" a  b  c "), for `_phrase_counter`."""
    return f" {terms.replace(' ', '  ')} "


def _phrase_counter(phrase: str) -> Callable[[str], int]:
    """A function counting how often `phrase` (terms) occurs in a `_spaced` term column: a substring
    count in C, exact because no two terms share a space; a phrase that can overlap itself ("x x" in
    "x x x") is counted term by term."""
    words = phrase.split()
    if not words:
        return lambda terms: 0
    if any(words[:k] == words[-k:] for k in range(1, len(words))):
        n = len(words)

        def overlapping(spaced: str) -> int:
            tokens = spaced.split()
            return sum(1 for i in range(len(tokens) - n + 1) if tokens[i : i + n] == words)

        return overlapping
    needle = f" {'  '.join(words)} "
    return lambda spaced: spaced.count(needle)


ENGINE = PostgresEngine()
