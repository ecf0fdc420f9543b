"""`pgb export FILE.jsonl`: write every knowledge item in the exchange format."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms.exchange.exporter import export_file


class Command(BaseCommand):
    help = "Export every knowledge item to a JSON Lines file, with attachments in files/ next to it."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The .jsonl file to write (replaced if it exists).")

    def handle(self, *, path: Path, **options):
        if not path.parent.is_dir():
            raise CommandError(f"{path.parent}: no such directory.")
        count = export_file(path)
        self.stdout.write(f"{count} items exported to {path}.")
