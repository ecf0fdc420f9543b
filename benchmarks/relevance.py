"""`pgb bench relevance`: how well search ranks the judged queries, next to Wagtail's stock page search.

Imports the corpus into a fresh database (a child process, like the import benchmark), runs every
judged query through our search and through Wagtail's own `Page.objects.search()`, and prints
nDCG@10, MRR and recall@100 overall, per query phenomenon (the `tests` field) and the weakest queries.
The CI gate (tests/search/test_relevance.py) uses `evaluate()` on the same files.
"""

import json
import math
import sys
import tempfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

Ranker = Callable[[dict], list[str]]  # judged query -> ranked external ids


def load_queries(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def ndcg(ranked: list[str], judgments: dict[str, int], k: int = 10) -> float:
    gains = [2 ** judgments.get(doc, 0) - 1 for doc in ranked[:k]]
    dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains))
    ideal = sorted((2**g - 1 for g in judgments.values()), reverse=True)[:k]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def reciprocal_rank(ranked: list[str], judgments: dict[str, int]) -> float:
    for i, doc in enumerate(ranked):
        if judgments.get(doc, 0) > 0:
            return 1 / (i + 1)
    return 0.0


def recall(ranked: list[str], judgments: dict[str, int], k: int = 100) -> float:
    relevant = {doc for doc, grade in judgments.items() if grade > 0}
    return len(relevant & set(ranked[:k])) / len(relevant) if relevant else 0.0


@dataclass
class Scores:
    ndcg: list[float] = field(default_factory=list)
    mrr: list[float] = field(default_factory=list)
    recall: list[float] = field(default_factory=list)

    def add(self, ranked: list[str], judgments: dict[str, int]) -> None:
        self.ndcg.append(ndcg(ranked, judgments))
        self.mrr.append(reciprocal_rank(ranked, judgments))
        self.recall.append(recall(ranked, judgments))

    def means(self) -> tuple[float, float, float]:
        n = len(self.ndcg) or 1
        return sum(self.ndcg) / n, sum(self.mrr) / n, sum(self.recall) / n


@dataclass
class Report:
    overall: Scores
    phenomena: dict[str, Scores]
    per_query: list[tuple[str, str, float]]  # (id, query, nDCG@10)


def evaluate(queries: list[dict], ranker: Ranker) -> Report:
    overall, phenomena, per_query = Scores(), defaultdict(Scores), []
    for query in queries:
        ranked = ranker(query)
        overall.add(ranked, query["judgments"])
        phenomena[query.get("tests", "other")].add(ranked, query["judgments"])
        per_query.append((query["id"], query["query"], ndcg(ranked, query["judgments"])))
    return Report(overall=overall, phenomena=dict(phenomena), per_query=per_query)


def filters_of(query: dict) -> tuple:
    result = []
    for name, value in (query.get("filters") or {}).items():
        values = value if isinstance(value, list) else [value]
        result.append((name, tuple(str(v) for v in values)))
    return tuple(result)


def our_ranker(query: dict) -> list[str]:
    from search import service
    from search.types import SearchRequest

    results = service.search(
        SearchRequest(text=query["query"], filters=filters_of(query), page_size=100, facets=False)
    )
    return [hit.id for hit in results.hits]


def wagtail_ranker(query: dict) -> list[str]:
    """Wagtail's stock search over live pages, with the query's filters applied to what it returns."""
    from wagtail.models import Page

    from cms.models import KnowledgePage

    ids = [page.pk for page in KnowledgePage.objects.live().search(query["query"])[:200]]
    pages = {p.pk: p for p in Page.objects.filter(pk__in=ids).specific()}
    wanted = dict(filters_of(query))
    ranked = []
    for pk in ids:
        page = pages.get(pk)
        if page is None or not _passes(page, wanted):
            continue
        ranked.append(page.external_id)
    return ranked[:100]


def _passes(page, wanted: dict) -> bool:
    checks = {
        "type": lambda: {page.content_type_key},
        "theme": lambda: {t.slug for t in page.themes.all()},
        "law": lambda: {law.slug for law in page.laws.all()},
        "municipality": lambda: {m.code for m in page.municipalities.all()},
        "province": lambda: {m.province for m in page.municipalities.all()},
        "year": lambda: {str(page.published_date.year)},
    }
    return all(checks[name]() & set(values) for name, values in wanted.items())


def child(corpus: str, queries: str) -> None:
    """Runs inside the child: migrate, import the corpus, evaluate both rankers, print JSON."""
    import django

    django.setup()
    from django.core.management import call_command

    from cms.exchange.importer import import_file

    call_command("migrate", verbosity=0)
    report = import_file(Path(corpus))
    if report.errors:
        raise SystemExit(f"the corpus has {len(report.errors)} invalid items")
    judged = load_queries(Path(queries))
    output = {}
    for name, ranker in (("ours", our_ranker), ("wagtail", wagtail_ranker)):
        result = evaluate(judged, ranker)
        output[name] = {
            "overall": result.overall.means(),
            "phenomena": {k: v.means() for k, v in result.phenomena.items()},
            "per_query": result.per_query,
        }
    print(json.dumps(output))


def run(*, corpus: Path, queries: Path, databases: list[str], write) -> None:
    from benchmarks.child import run_child

    for engine in databases:
        with tempfile.TemporaryDirectory(prefix="pgb-relevance-") as tmp:
            data = run_child(
                "benchmarks.relevance",
                [str(corpus), str(queries)],
                engine=engine,
                workdir=Path(tmp),
                label="relevance",
            )
            print_report(engine, data, write)


def print_report(engine: str, data: dict, write) -> None:
    ours, wagtail = data["ours"], data["wagtail"]
    write(f"\nRelevance on {engine} ({len(ours['per_query'])} judged queries)")
    write(
        f"{'':<22} {'nDCG@10':>8} {'MRR':>6} {'R@100':>6}   {'wagtail nDCG@10':>15} {'MRR':>6} {'R@100':>6}"
    )
    rows = [("overall", ours["overall"], wagtail["overall"])]
    rows += [
        (name, ours["phenomena"][name], wagtail["phenomena"][name]) for name in sorted(ours["phenomena"])
    ]
    for name, (n, m, r), (wn, wm, wr) in rows:
        write(f"{name:<22} {n:>8.3f} {m:>6.3f} {r:>6.3f}   {wn:>15.3f} {wm:>6.3f} {wr:>6.3f}")
    write("Weakest queries (ours, nDCG@10):")
    for query_id, text, score in sorted(ours["per_query"], key=lambda row: row[2])[:5]:
        write(f"  {score:.3f}  {query_id}  {text}")


if __name__ == "__main__":
    child(sys.argv[1], sys.argv[2])
