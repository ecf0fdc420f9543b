"""`pgb import FILE.jsonl`: create or update knowledge items from the exchange format."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from cms.exchange.importer import import_file
from cms.exchange.reader import count_lines


class Command(BaseCommand):
    help = "Import knowledge items (cases, videos, articles, questions, documents) from a JSON Lines file."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The .jsonl file; attachment paths are relative to it.")
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="Import the valid lines and report the invalid ones instead of importing nothing.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Validate and report, but write nothing.")

    def handle(self, *, path: Path, skip_invalid: bool, dry_run: bool, verbosity: int, **options):
        if not path.is_file():
            raise CommandError(f"{path}: no such file.")
        total = count_lines(path)
        with tqdm(total=total, unit="item", file=sys.stderr, disable=None if verbosity else True) as bar:
            report = import_file(path, dry_run=dry_run, skip_invalid=skip_invalid, progress=bar.update)
        for error in report.errors:
            self.stderr.write(str(error))
        if report.errors and not skip_invalid:
            raise CommandError(f"{len(report.errors)} errors in {path}; nothing imported.")
        self.stdout.write(report.summary())
