"""`pgb bench …`: benchmark commands that print figures (speed and memory targets live here, not in tests)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from benchmarks import import_bench, load_bench, relevance, search_bench


class Command(BaseCommand):
    help = "Run a benchmark and print its figures. Subcommands: import, load, relevance, search."

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

        load = sub.add_parser(
            "load", help="Requests/s and p95 per route against gunicorn on PostgreSQL, next to a static file."
        )
        load.add_argument("--items", type=int, default=10_000, help="Synthetic items in the search index.")
        load.add_argument("--seconds", type=int, default=10, help="How long each route is loaded (1-120).")
        load.add_argument("--clients", type=int, default=16, help="Concurrent connections (1-256).")

    def handle(self, *, benchmark: str, **options):
        if benchmark == "load":
            if (
                options["items"] < 0
                or not 1 <= options["seconds"] <= 120
                or not 1 <= options["clients"] <= 256
            ):
                raise CommandError("--items must be at least 0, --seconds 1-120 and --clients 1-256.")
            try:
                load_bench.run(
                    items=options["items"],
                    seconds=options["seconds"],
                    clients=options["clients"],
                    write=self.stdout.write,
                )
            except (RuntimeError, OSError) as exc:
                raise CommandError(str(exc)) from exc
            return
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
