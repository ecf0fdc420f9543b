"""`pgb bench search`: query latency and index throughput of the database search backend at scale.

A child process per engine migrates a fresh database, indexes a synthetic Dutch corpus straight
through the search backend (the content apps are measured by `pgb bench import`), then runs a fixed
query mix through the search service exactly as the search page does (synonyms, promotions, facets
for all six filters, highlights, labels) and, on the same data, the raw engine's top-10 query (FTS5
bm25, or PostgreSQL's ts_rank over the GIN index) for the same words OR-ed. It prints p50/p95 of both,
and how long rebuilding the in-memory filter snapshot takes (paid by the first search after a write).

Beside that, the *plain reference* of issue 10, on the same items and query words: a raw SQLite FTS5
table over title, summary and body (answers included) with tokenizer `unicode61 remove_diacritics 2`,
every query word double-quoted (so AND-ed), `bm25(t, 10.0, 5.0, 1.0)`, `ORDER BY … LIMIT 10`, in
process; against it ours as an API client gets it: `GET /api/v1/search` with `page_size=10` and a law
filter on every third query, through Django's test client in process with default settings.
"""

import csv
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.child import run_child
from benchmarks.corpus import DATA, generate_items

# (text, filters, sort): single words, inflections, compounds, abbreviations, synonyms, a typo,
# filters and browsing, as the query log shows officials search.
QUERY_MIX = [
    ("budgethouder", (), "relevance"),
    ("zorgovereenkomst", (), "relevance"),
    ("zorg overeenkomst", (), "relevance"),
    ("pgb", (), "relevance"),
    ("svb trekkingsrecht", (), "relevance"),
    ("keukentafelgesprek", (), "relevance"),
    ("clientondersteuning", (), "relevance"),
    ("mantelzorger betalen", (), "relevance"),
    ("tarief informele zorg", (), "relevance"),
    ("gezins-pgb", (), "relevance"),
    ("beschermd wonen dagbesteding", (), "relevance"),
    ("budgethoudrs", (), "relevance"),
    ("pgb", (("law", ("jeugdwet",)),), "relevance"),
    ("fraude terugvordering", (("type", ("case", "question")),), "relevance"),
    ("verantwoording", (("year", ("2024", "2025")),), "newest"),
    ("", (("theme", ("trekkingsrecht",)),), "newest"),
    ("", (), "newest"),
    ("beleidsregels verordening", (("province", ("Utrecht", "Gelderland")),), "relevance"),
]
ROUNDS = 5  # each query is run this often after one warm-up run


def documents(n: int):
    """SearchDocuments for `n` synthetic items, shaped as the content providers shape them."""
    import datetime

    from search.types import CaptionCue, SearchDocument, Visibility

    with (DATA / "gemeenten.csv").open(encoding="utf-8") as handle:
        places = {row["code"]: (row["code"], row["name"], row["province"]) for row in csv.DictReader(handle)}
    for item in generate_items(n, seed=7):
        cues = ()
        if item.get("captions"):
            blocks = item["captions"].split("\n\n")[1:]
            cues = tuple(
                CaptionCue(start=float(i * 4), text=block.split("\n", 1)[1])
                for i, block in enumerate(blocks)
                if "\n" in block
            )
        answers = " ".join(answer["body"] for answer in item.get("answers", []))
        yield SearchDocument(
            id=item["id"],
            type=item["type"],
            title=item["title"],
            summary=item.get("summary", ""),
            body=(item["body"] + " " + answers).strip(),
            url=f"/{item['type']}/{item['id']}/",
            published=datetime.date.fromisoformat(item["published"]),
            visibility=Visibility.MEMBERS if item.get("visibility") == "members" else Visibility.PUBLIC,
            municipalities=tuple(places[code] for code in item["municipalities"]),
            laws=tuple(item["laws"]),
            themes=tuple(item["themes"]),
            cues=cues,
        )


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def raw_query(engine: str, text: str):
    """The raw engine's own top-10 for `text`'s words OR-ed (stemmed as we index): the baseline."""
    from django.db import connection

    from search import service

    stems = list(dict.fromkeys(service.analyze(text)))
    if not stems:
        return lambda: None
    if engine == "sqlite":  # the public FTS5 table: what an anonymous search reads
        expression = " OR ".join(f'"{s}"' for s in stems)
        sql = (
            "SELECT rowid FROM search_entry_fts WHERE search_entry_fts MATCH %s "
            "ORDER BY bm25(search_entry_fts, 10.0, 4.0, 1.0) LIMIT 10"
        )
    else:
        expression = " | ".join(f"'{s}'" for s in stems)
        sql = (
            "SELECT id FROM search_searchentry WHERE document @@ to_tsquery('simple', %s) "
            "AND visibility = 'public' "
            "ORDER BY ts_rank(document, to_tsquery('simple', %s)) DESC LIMIT 10"
        )

    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, [expression] * sql.count("%s"))
            cursor.fetchall()

    return run


def plain_reference(documents_):
    """The plain FTS5 reference over `documents_` in an in-memory SQLite: a function text -> run()."""
    import sqlite3

    plain = sqlite3.connect(":memory:")
    plain.execute(
        "CREATE VIRTUAL TABLE t USING fts5(title, summary, body, tokenize='unicode61 remove_diacritics 2')"
    )
    plain.executemany(
        "INSERT INTO t (title, summary, body) VALUES (?, ?, ?)",
        ((d.title, d.summary, d.body) for d in documents_),
    )
    plain.commit()

    def query(text: str):
        expression = " ".join('"' + word.replace('"', "") + '"' for word in text.split())
        sql = "SELECT rowid FROM t WHERE t MATCH ? ORDER BY bm25(t, 10.0, 5.0, 1.0) LIMIT 10"
        return lambda: plain.execute(sql, [expression]).fetchall()

    return query


def api_query(client, text: str, number: int, *, cold: bool = False):
    """Ours as an API client asks: page_size 10, a law filter on every third query. `cold`: the
    backend's memo of index statistics (which stems exist, each concept's matches) is emptied first,
    as for a query nobody asked since the index last changed."""
    from search.service import forget_statistics

    params = {"q": text, "page_size": 10}
    if number % 3 == 2:
        params["law"] = "wmo"

    def run():
        if cold:
            forget_statistics()
        response = client.get(
            "/api/v1/search", params, HTTP_HOST="localhost", secure=True
        )  # as served: HTTPS
        if response.status_code != 200:
            raise RuntimeError(
                f"GET /api/v1/search {params}: {response.status_code} {response.content[:200]}"
            )

    return run


def timed(run, rounds: int) -> list[float]:
    run()  # warm-up: caches and the engine's pages
    result = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        result.append((time.perf_counter() - start) * 1000)
    return result


def child(n: int) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from search import service
    from search.types import SearchRequest

    call_command("migrate", verbosity=0)
    engine = "postgres" if connection.vendor == "postgresql" else "sqlite"
    backend = service.get_backend()
    batch, indexed, start = [], 0, time.perf_counter()
    for document in documents(n):
        batch.append(document)
        if len(batch) == 1000:
            backend.upsert(batch)
            indexed, batch = indexed + len(batch), []
    backend.upsert(batch)
    indexed += len(batch)
    service.tidy_index()  # as the importer and `pgb search rebuild` leave it
    index_seconds = time.perf_counter() - start
    if engine == "postgres":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchentry")
            cursor.execute("ANALYZE search_searchfacet")

    # What the first search after an index write pays (the in-memory filter snapshot is rebuilt),
    # next to the same search once warm.
    first_query = SearchRequest(text="budgetplan")
    start = time.perf_counter()
    service.search(first_query)
    first_ms = (time.perf_counter() - start) * 1000
    warm_ms = min(timed(lambda: service.search(first_query), 3))

    ours, raw, totals = [], [], []
    for text, filters, sort in QUERY_MIX:
        query = SearchRequest(text=text, filters=filters, sort=sort)
        totals.append(service.search(query).total)
        ours += timed(lambda q=query: service.search(q), ROUNDS)
        if text:
            raw += timed(raw_query(engine, text), ROUNDS)

    from django.test import Client

    reference = plain_reference(documents(n))
    client = Client()
    api, cold, plain = [], [], []
    for number, text in enumerate(text for text, _filters, _sort in QUERY_MIX if text):
        api += timed(api_query(client, text, number), ROUNDS)
        cold += timed(api_query(client, text, number, cold=True), ROUNDS)
        plain += timed(reference(text), ROUNDS)
    print(
        json.dumps(
            {
                "engine": engine,
                "items": indexed,
                "index_seconds": index_seconds,
                "ours": [percentile(ours, 0.5), percentile(ours, 0.95)],
                "raw": [percentile(raw, 0.5), percentile(raw, 0.95)],
                "api": [percentile(api, 0.5), percentile(api, 0.95)],
                "cold": [percentile(cold, 0.5), percentile(cold, 0.95)],
                "plain": [percentile(plain, 0.5), percentile(plain, 0.95)],
                "mean_total": statistics.mean(totals),
                "first_ms": first_ms,
                "warm_ms": warm_ms,
            }
        )
    )


def measure(engine: str, n: int, workdir: Path) -> dict:
    return run_child(
        "benchmarks.search_bench",
        [str(n)],
        engine=engine,
        workdir=workdir,
        label=f"search-{n}",
        env={"PGB_SEARCH_BACKEND": "database"},
    )


def run(*, items: list[int], databases: list[str], write) -> None:
    with tempfile.TemporaryDirectory(prefix="pgb-bench-search-") as tmp:
        write(
            f"Search benchmark: {len(QUERY_MIX)} queries x {ROUNDS} rounds (facets and highlights on), "
            "next to the raw engine's top-10 for the same words"
        )
        write(
            f"{'database':<10} {'items':>7} {'index items/s':>14} {'ours p50 ms':>12} {'ours p95 ms':>12} "
            f"{'raw p50 ms':>11} {'raw p95 ms':>11} {'p95 ratio':>10} {'first after write ms':>21}"
        )
        results = []
        for engine in databases:
            for n in items:
                r = measure(engine, n, Path(tmp))
                ratio = r["ours"][1] / r["raw"][1] if r["raw"][1] else float("inf")
                write(
                    f"{engine:<10} {r['items']:>7} {r['items'] / r['index_seconds']:>14.0f} "
                    f"{r['ours'][0]:>12.1f} {r['ours'][1]:>12.1f} {r['raw'][0]:>11.1f} {r['raw'][1]:>11.1f} "
                    f"{ratio:>9.1f}x {r['first_ms']:>12.0f} (warm {r['warm_ms']:.0f})"
                )
                results.append((engine, r))
        write("")
        write(
            "Plain reference (issue 10): GET /api/v1/search (page_size 10, a law filter on every third query) "
            "through the test client, against raw FTS5 over title/summary/body, words AND-ed, bm25(10, 5, 1)"
        )
        write(
            "(cold: the backend's memo of index statistics emptied before each search, as for a query "
            "nobody asked since the index last changed)"
        )
        write(
            f"{'database':<10} {'items':>7} {'search':>6} {'api p50 ms':>11} {'api p95 ms':>11} "
            f"{'plain p50 ms':>13} {'plain p95 ms':>13} {'p50 ratio':>10} {'target':>8}"
        )
        for engine, r in results:
            for label, key in (("warm", "api"), ("cold", "cold")):
                ratio = r[key][0] / r["plain"][0] if r["plain"][0] else float("inf")
                write(
                    f"{engine:<10} {r['items']:>7} {label:>6} {r[key][0]:>11.1f} {r[key][1]:>11.1f} "
                    f"{r['plain'][0]:>13.2f} {r['plain'][1]:>13.2f} {ratio:>9.1f}x {'≤ 3×':>8}"
                )


if __name__ == "__main__":
    child(int(sys.argv[1]))
