"""SQLite: an FTS5 table over the analysed terms, ranked with bm25 and field weights."""

from django.db import connection

from search.backends.database import DatabaseBackend, query_groups
from search.models import SearchEntry
from search.synonyms import SynonymMap

# bm25 column weights: title, summary, body (PDF pages and captions are part of the body).
WEIGHTS = (10.0, 4.0, 1.0)


class SQLiteBackend(DatabaseBackend):
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

    def ranked_ids(self, query: str, *, audiences: list[str], synonyms: SynonymMap, limit: int) -> list[int]:
        groups = query_groups(query, synonyms)
        if not groups:
            return []
        match = " OR ".join(
            "("
            + " OR ".join(
                "(" + " AND ".join(f'"{stem}"' for stem in alternative) + ")" for alternative in group
            )
            + ")"
            for group in groups
        )
        placeholders = ", ".join(["%s"] * len(audiences))
        sql = (
            "SELECT e.id FROM search_entry_fts f JOIN search_searchentry e ON e.id = f.rowid "
            f"WHERE search_entry_fts MATCH %s AND e.audience IN ({placeholders}) "
            "ORDER BY bm25(search_entry_fts, %s, %s, %s) LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [match, *audiences, *WEIGHTS, limit])
            return [row[0] for row in cursor.fetchall()]
