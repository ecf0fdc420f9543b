"""`pgb bench …`: benchmark commands that print figures (speed and memory targets live here, not in tests)."""

from django.core.management.base import BaseCommand, CommandError

from benchmarks import import_bench


class Command(BaseCommand):
    help = "Run a benchmark and print its figures. Subcommands: import."

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

    def handle(self, *, benchmark: str, **options):
        if benchmark == "import":
            if options["items"] < 1:
                raise CommandError("--items must be at least 1.")
            databases = ["sqlite", "postgres"] if options["database"] == "both" else [options["database"]]
            try:
                import_bench.run(items=options["items"], databases=databases, write=self.stdout.write)
            except RuntimeError as exc:
                raise CommandError(str(exc)) from exc
