"""`pgb gemeenten domains FILE.csv`: load the municipal e-mail domains that verify officials."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from cms import domains, services
from cms.models import Municipality


class Command(BaseCommand):
    help = "Manage gemeenten. `domains FILE.csv` loads their e-mail domains (columns code,domain)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        load = sub.add_parser(
            "domains",
            help="Set the e-mail domains of the gemeenten in FILE.csv (code,domain; one row per domain).",
        )
        load.add_argument("path", type=Path, help="A UTF-8 CSV file with the header code,domain.")
        load.add_argument(
            "--add",
            action="store_true",
            help="Add to each gemeente's domains instead of replacing them with the file's.",
        )
        load.add_argument("--dry-run", action="store_true", help="Check the file, but write nothing.")

    def handle(self, *, action: str, path: Path, add: bool, dry_run: bool, **options):
        known = set(Municipality.objects.values_list("code", flat=True))
        parsed = domains.read(path, known)
        for error in parsed.errors:
            self.stderr.write(error)
        if parsed.errors:
            errors = len(parsed.errors)
            raise CommandError(f"{errors} error{'s' if errors != 1 else ''} in {path}; no domains changed.")
        count = sum(len(listed) for listed in parsed.domains.values())
        if dry_run:
            self.stdout.write(
                f"{count} domains for {len(parsed.domains)} gemeenten: valid (dry run, nothing written)."
            )
            return
        try:
            changed = services.municipality_domains_set(domains=parsed.domains, add=add)
        except ValidationError as error:
            raise CommandError(f"{'; '.join(error.messages)}; no domains changed.") from error
        self.stdout.write(
            f"{count} domains for {len(parsed.domains)} gemeenten: {changed} gemeenten changed."
        )
