"""PostgreSQL: a weighted tsvector column (title A, summary B, body C) with a GIN index, ranked by ts_rank."""

from collections.abc import Iterable

from django.db import connection

from search.backends.database import DatabaseBackend, Groups

# ts_rank weights for D, C, B, A: body 0.1 … title 1.0, mirroring the SQLite bm25 weights.
WEIGHTS = "{0.05, 0.1, 0.4, 1.0}"


def tsquery(groups: Groups) -> tuple[str, list[str]]:
    """The whole query and one tsquery per group (terms are folded stems of [a-z0-9], safe to quote)."""
    group_queries = [
        " | ".join("(" + " & ".join(f"'{s}'" for s in alternative) + ")" for alternative in group)
        for group in groups
    ]
    return " | ".join(f"({q})" for q in group_queries), group_queries


class PostgresBackend(DatabaseBackend):
    # The generated tsvector column follows the row, so no extra index maintenance is needed.
    age_years_sql = "((CURRENT_DATE - e.published) / 365.25)"

    def match_cte(self, groups: Groups) -> tuple[str, list]:
        whole, group_queries = tsquery(groups)
        # ts_rank has no inverse document frequency, so items that match more of the query's words
        # come first (Lucene's old "coord" factor), and ts_rank (squashed below 1) orders within that.
        coverage = " + ".join(["(document @@ to_tsquery('simple', %s))::int"] * len(group_queries))
        rank = f"ts_rank('{WEIGHTS}'::float4[], document, to_tsquery('simple', %s), 1)"
        return (
            f"WITH m AS MATERIALIZED (SELECT id, ({coverage}) + {rank} / (1 + {rank}) AS score "
            "FROM search_searchentry WHERE document @@ to_tsquery('simple', %s))",
            [*group_queries, whole, whole, whole],
        )

    def known_stems(self, stems: Iterable[str]) -> set[str]:
        known = set()
        with connection.cursor() as cursor:
            for s in stems:
                cursor.execute(
                    "SELECT EXISTS (SELECT 1 FROM search_searchentry WHERE document @@ to_tsquery('simple', %s))",
                    [f"'{s}'"],
                )
                if cursor.fetchone()[0]:
                    known.add(s)
        return known

    def prefix_cte(self, complete: list[str], prefix: str) -> tuple[str, list]:
        from search.analysis import stem

        starts = " | ".join(f"'{p}':*A" for p in dict.fromkeys([prefix, stem(prefix)]))
        expression = " & ".join([*(f"'{s}':A" for s in complete), f"({starts})"])
        rank = f"ts_rank('{WEIGHTS}'::float4[], document, to_tsquery('simple', %s))"
        return (
            f"WITH m AS MATERIALIZED (SELECT id, {rank} AS score "
            "FROM search_searchentry WHERE document @@ to_tsquery('simple', %s))",
            [expression, expression],
        )
