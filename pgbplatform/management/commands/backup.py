"""`pgb backup [--output FILE]`: the database and every uploaded file in one checksummed archive."""

import datetime
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from pgbplatform.backup import BackupError, backup


class Command(BaseCommand):
    help = "Write a backup archive: database dump, uploaded files and a manifest of their SHA-256 checksums."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            help="The archive to write (default: PGB_VAR_DIR/backups/pgb-<UTC time>.tar.gz).",
        )

    def handle(self, *, output: Path | None, **options):
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M%S")
        output = output or Path(settings.VAR_DIR) / "backups" / f"pgb-{stamp}.tar.gz"
        start = time.perf_counter()
        try:
            summary = backup(output)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Backup written to {summary.path}: database and {summary.files} files, "
            f"{summary.size / 1e6:.1f} MB in {time.perf_counter() - start:.2f} s."
        )
