"""`pgb bench …`: benchmark commands that print figures (speed and memory targets live here, not in tests)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from benchmarks import import_bench, relevance, search_bench


class Command(BaseCommand):
    help = "Run a benchmark and print its figures. Subcommands: import, relevance, search."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="benchmark", required=True)
        imp = sub.add_parser("import", help="Import throughput (items/s) and peak memory on fresh databases.")
        imp.add_argument("--items", type=int, default=2000, help="Corpus size (a 500-item run is added).")
        imp.add_argument(
            "--database",
            choices=["sqlite", "postgres", "both"],
            default="both",
            help="Which database engine(s) to measure.",
        )

        rel = sub.add_parser(
            "relevance", help="nDCG@10, MRR and recall@100 on judged queries, next to Wagtail."
        )
        rel.add_argument(
            "--corpus", type=Path, required=True, help="A corpus in the exchange format (JSONL)."
        )
        rel.add_argument("--queries", type=Path, required=True, help="Judged queries (JSONL).")
        rel.add_argument("--database", choices=["sqlite", "postgres", "both"], default="sqlite")

        sea = sub.add_parser(
            "search", help="p50/p95 of a query mix with facets and highlights, next to the raw engine."
        )
        sea.add_argument(
            "--items", type=int, action="append", help="Corpus size; repeat for several (default 10000)."
        )
        sea.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")

    def handle(self, *, benchmark: str, **options):
        if benchmark == "search":
            items = options["items"] or [10_000]
            if any(n < 1 for n in items):
                raise CommandError("--items must be at least 1.")
            databases = ["sqlite", "postgres"] if options["database"] == "both" else [options["database"]]
            try:
                search_bench.run(items=items, databases=databases, write=self.stdout.write)
            except RuntimeError as exc:
                raise CommandError(str(exc)) from exc
            return
        if benchmark == "relevance":
            for name in ("corpus", "queries"):
                if not options[name].is_file():
                    raise CommandError(f"--{name}: {options[name]} is not a file.")
            databases = ["sqlite", "postgres"] if options["database"] == "both" else [options["database"]]
            try:
                relevance.run(
                    corpus=options["corpus"].resolve(),
                    queries=options["queries"].resolve(),
                    databases=databases,
                    write=self.stdout.write,
                )
            except RuntimeError as exc:
                raise CommandError(str(exc)) from exc
            return
        if benchmark == "import":
            if options["items"] < 1:
                raise CommandError("--items must be at least 1.")
            databases = ["sqlite", "postgres"] if options["database"] == "both" else [options["database"]]
            try:
                import_bench.run(items=options["items"], databases=databases, write=self.stdout.write)
            except RuntimeError as exc:
                raise CommandError(str(exc)) from exc
