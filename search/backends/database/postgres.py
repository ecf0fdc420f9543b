"""PostgreSQL: a weighted tsvector column (title A, summary B, body C) with a GIN index, ranked by ts_rank."""

from django.db import connection

from search.backends.database import DatabaseBackend, query_groups
from search.synonyms import SynonymMap

# ts_rank weights for D, C, B, A: body 0.1 … title 1.0, mirroring the SQLite bm25 weights.
WEIGHTS = "{0.05, 0.1, 0.4, 1.0}"


class PostgresBackend(DatabaseBackend):
    # The generated tsvector column follows the row, so no extra index maintenance is needed.

    def ranked_ids(self, query: str, *, audiences: list[str], synonyms: SynonymMap, limit: int) -> list[int]:
        groups = query_groups(query, synonyms)
        if not groups:
            return []
        group_queries = [
            " | ".join("(" + " & ".join(f"'{stem}'" for stem in alternative) + ")" for alternative in group)
            for group in groups
        ]
        tsquery = " | ".join(f"({q})" for q in group_queries)
        # ts_rank has no inverse document frequency, so items that match more of the query's words
        # come first (Lucene's old "coord" factor), and ts_rank orders within that.
        coverage = " + ".join(["(document @@ to_tsquery('simple', %s))::int"] * len(group_queries))
        sql = (
            "SELECT id FROM search_searchentry "
            "WHERE document @@ to_tsquery('simple', %s) AND audience = ANY(%s) "
            f"ORDER BY ({coverage}) DESC, ts_rank(%s::float4[], document, to_tsquery('simple', %s), 1) DESC, id "
            "LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [tsquery, audiences, *group_queries, WEIGHTS, tsquery, limit])
            return [row[0] for row in cursor.fetchall()]
