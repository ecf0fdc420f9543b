"""SQLite: an FTS5 table over the analysed terms, ranked with bm25 and field weights."""

import json
from collections.abc import Iterable

from django.db import connection

from search.backends.database import DatabaseBackend, Groups
from search.models import SearchEntry

# bm25 column weights: title, summary, body (PDF pages and captions are part of the body).
WEIGHTS = (5.0, 2.0, 1.0)
BM25 = f"bm25(search_entry_fts, {', '.join(map(str, WEIGHTS))})"


def match_expression(groups: Groups) -> str:
    """An FTS5 query: groups OR-ed, alternatives within a group OR-ed, stems of an alternative AND-ed."""
    return " OR ".join(
        "("
        + " OR ".join("(" + " AND ".join(f'"{s}"' for s in alternative) + ")" for alternative in group)
        + ")"
        for group in groups
    )


class SQLiteBackend(DatabaseBackend):
    coverage_power = 0.8  # bm25 already rewards matching rare words; coverage adds a little (0.3-0.8 best)

    def _index(self, entries: list[SearchEntry]) -> None:
        self._unindex(entries)
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO search_entry_fts (rowid, title_terms, summary_terms, body_terms) VALUES (%s, %s, %s, %s)",
                [[e.pk, e.title_terms, e.summary_terms, e.body_terms] for e in entries],
            )

    def _unindex(self, entries: list[SearchEntry]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany("DELETE FROM search_entry_fts WHERE rowid = %s", [[e.pk] for e in entries])

    def match_scores(
        self, groups: Groups, *, limit: int | None = None, fields: str = "all"
    ) -> dict[int, float]:
        # bm25 is lower-is-better; negated so every engine's score is higher-is-better.
        expression = match_expression(groups)
        if fields != "all":  # FTS5 column filter: bm25 is computed for far fewer rows
            columns = "{title_terms}" if fields == "title" else "{title_terms summary_terms}"
            expression = f"{columns} : ({expression})"
        sql = f"SELECT rowid AS id, -{BM25} AS score FROM search_entry_fts WHERE search_entry_fts MATCH %s"
        params: list = [expression]
        if limit is not None:
            sql, params = f"{sql} ORDER BY {BM25} LIMIT %s", [expression, limit]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return dict(cursor.fetchall())

    def match_ids(self, groups: Groups) -> list[int]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT rowid FROM search_entry_fts WHERE search_entry_fts MATCH %s",
                [match_expression(groups)],
            )
            return [row[0] for row in cursor.fetchall()]

    def concept_counts(self, groups: Groups, concepts: list[Groups], ids) -> dict[int, int]:
        # One statement: per concept the given rowids matching any of its groups, counted per rowid.
        branches = " UNION ALL ".join(
            "SELECT rowid AS id FROM search_entry_fts WHERE search_entry_fts MATCH %s" for _ in concepts
        )
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id, COUNT(*) FROM ({branches}) WHERE id IN (SELECT value FROM json_each(%s)) GROUP BY id",
                [*(match_expression(c) for c in concepts), json.dumps(list(ids))],
            )
            return dict(cursor.fetchall())

    def known_stems(self, stems: Iterable[str]) -> set[str]:
        known = set()
        with connection.cursor() as cursor:
            for s in stems:
                cursor.execute(
                    "SELECT 1 FROM search_entry_fts WHERE search_entry_fts MATCH %s LIMIT 1", [f'"{s}"']
                )
                if cursor.fetchone():
                    known.add(s)
        return known

    def prefix_cte(self, complete: list[str], prefix: str) -> tuple[str, list]:
        from search.analysis import stem

        starts = " OR ".join(f'"{p}"*' for p in dict.fromkeys([prefix, stem(prefix)]))
        expression = " AND ".join([*(f'"{s}"' for s in complete), f"({starts})"])
        return (
            f"WITH m AS MATERIALIZED (SELECT rowid AS id, -{BM25} AS score "
            "FROM search_entry_fts WHERE search_entry_fts MATCH %s)",
            [f"title_terms : ({expression})"],
        )
