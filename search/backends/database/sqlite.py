"""SQLite: FTS5 tables over the analysed terms, one per visibility, ranked with bm25 and field weights.

bm25 takes its statistics (how many rows hold a word, the average length) from the whole table. With
one table per visibility, a search reads only the tables its audience may see, so members-only text
changes no public score, and a word that occurs only in members-only text exists nowhere public.
"""

from django.db import connection

from search.analysis import stem
from search.backends.database.engine import Groups, Scope, Scored
from search.models import SearchEntry
from search.types import Visibility

# bm25 column weights: title, summary, body (PDF pages and captions are part of the body).
WEIGHTS = (5.0, 2.0, 1.0)
TABLES = {  # migrations 0004 and 0009
    Visibility.PUBLIC.value: "search_entry_fts",
    Visibility.MEMBERS.value: "search_entry_fts_members",
}


def bm25(table: str) -> str:
    return f"bm25({table}, {', '.join(map(str, WEIGHTS))})"


def match_expression(groups: Groups) -> str:
    """An FTS5 query: groups OR-ed, alternatives within a group OR-ed, stems of an alternative AND-ed."""
    return " OR ".join(
        "("
        + " OR ".join("(" + " AND ".join(f'"{s}"' for s in alternative) + ")" for alternative in group)
        + ")"
        for group in groups
    )


def tables(scope: Scope) -> list[str]:
    return [TABLES[visibility] for visibility in scope.visibilities]


class SQLiteEngine:
    vendor = "sqlite"
    limits_in_sql = True  # FTS5 finds its best `limit` rows itself
    coverage_power = 0.8  # bm25 already rewards matching rare words; coverage adds a little (0.3-0.8 best)

    def index(self, entries: list[SearchEntry]) -> None:
        self.unindex(entries)
        by_table: dict[str, list] = {}
        for e in entries:
            by_table.setdefault(TABLES[e.visibility], []).append(
                [e.pk, e.title_terms, e.summary_terms, e.body_terms]
            )
        with connection.cursor() as cursor:
            for table, rows in by_table.items():
                cursor.executemany(
                    f"INSERT INTO {table} (rowid, title_terms, summary_terms, body_terms) VALUES (%s, %s, %s, %s)",  # nosec B608 # our table and column names; values are bound parameters
                    rows,
                )

    def unindex(self, entries: list[SearchEntry]) -> None:
        with connection.cursor() as cursor:
            for table in TABLES.values():  # an entry whose visibility changed sits in another table
                cursor.executemany(f"DELETE FROM {table} WHERE rowid = %s", [[e.pk] for e in entries])  # nosec B608 # our table and column names; values are bound parameters

    def match_ids(self, groups: Groups, scope: Scope) -> list[int]:
        sql = " UNION ALL ".join(f"SELECT rowid FROM {t} WHERE {t} MATCH %s" for t in tables(scope))  # nosec B608 # our table and column names; values are bound parameters
        with connection.cursor() as cursor:
            cursor.execute(sql, [match_expression(groups)] * len(scope.visibilities))
            return [row[0] for row in cursor.fetchall()]

    def match_scores(
        self, groups: Groups, scope: Scope, *, limit: int | None, fields: str, required: list[Groups]
    ) -> Scored:
        expression = match_expression(groups)
        if required:
            # Every required concept AND-ed, the other groups OR-ed beside them, each phrase once:
            # bm25 sums over the expression's phrases, so an entry matching all concepts scores
            # exactly as with every group OR-ed; the entries matching only the other groups are
            # left to the caller to drop.
            inside = {repr(group) for concept in required for group in concept}
            extra = [group for group in groups if repr(group) not in inside]
            expression = " AND ".join(f"({match_expression(concept)})" for concept in required)
            if extra:
                expression = f"({expression}) OR {match_expression(extra)}"
        if fields != "all":  # FTS5 column filter: bm25 is computed for far fewer rows
            columns = "{title_terms}" if fields == "title" else "{title_terms summary_terms}"
            expression = f"{columns} : ({expression})"
        scores: dict[int, float] = {}
        with connection.cursor() as cursor:
            for table in tables(scope):
                # bm25 is lower-is-better; negated so every engine's score is higher-is-better.
                sql = f"SELECT rowid, -{bm25(table)} FROM {table} WHERE {table} MATCH %s"  # nosec B608 # our table and column names; values are bound parameters
                params: list = [expression]
                if limit is not None:
                    sql, params = f"{sql} ORDER BY {bm25(table)} LIMIT %s", [expression, limit]
                cursor.execute(sql, params)
                scores.update(cursor.fetchall())
        if limit is not None and len(scores) > limit:  # several tables: the best `limit` of them together
            best = sorted(scores, key=scores.get, reverse=True)[:limit]
            scores = {pk: scores[pk] for pk in best}
        return Scored(scores=scores)

    def rerank(self, pool: dict[int, float], groups: Groups, scope: Scope, matches: int) -> dict[int, float]:
        return pool  # bm25 is already the real thing

    def tidy(self) -> None:
        pass  # FTS5 merges its segments as it writes (automerge)

    def known_stems(self, stems: list[str], scope: Scope) -> set[str]:
        known = set()
        with connection.cursor() as cursor:
            for s in stems:
                for table in tables(scope):
                    cursor.execute(f"SELECT 1 FROM {table} WHERE {table} MATCH %s LIMIT 1", [f'"{s}"'])  # nosec B608 # our table and column names; values are bound parameters
                    if cursor.fetchone():
                        known.add(s)
                        break
        return known

    def title_prefix(self, complete: list[str], prefix: str, scope: Scope, limit: int) -> list[int]:
        starts = " OR ".join(f'"{p}"*' for p in dict.fromkeys([prefix, stem(prefix)]))
        expression = "title_terms : (" + " AND ".join([*(f'"{s}"' for s in complete), f"({starts})"]) + ")"
        matches = " UNION ALL ".join(
            f"SELECT rowid AS id, -{bm25(t)} AS score FROM {t} WHERE {t} MATCH %s"  # nosec B608 # our table and column names; values are bound parameters
            for t in tables(scope)
        )
        sql = (
            f"WITH m AS MATERIALIZED ({matches}) SELECT e.id FROM search_searchentry e JOIN m ON m.id = e.id "  # nosec B608 # our table and column names; values are bound parameters
            "ORDER BY m.score DESC, e.published DESC LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [expression] * len(scope.visibilities) + [limit])
            return [row[0] for row in cursor.fetchall()]


ENGINE = SQLiteEngine()
