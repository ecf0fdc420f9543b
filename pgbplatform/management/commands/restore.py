"""`pgb restore FILE [--yes]`: replace the database and the uploaded files with a backup's."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pgbplatform.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `pgb backup`: every checksum is checked first; then the database and "
        "the uploaded files are replaced by the backup's. Stop the site and its workers first."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument("--yes", action="store_true", help="Do not ask before replacing everything.")

    def handle(self, *, archive: Path, yes: bool, **options):
        if not archive.is_file():
            raise CommandError(f"{archive}: no such file.")
        if not yes and input(f"Replace the database and all uploaded files with {archive}? [y/N] ") != "y":
            raise CommandError("Nothing restored.")
        start = time.perf_counter()
        try:
            summary = restore(archive)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Restored {summary.path}: database and {summary.files} files in {time.perf_counter() - start:.2f} s. "
            "Restart the site and its workers; with Elasticsearch, run `pgb search reindex`."
        )
