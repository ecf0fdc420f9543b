"""`pgb demo`: load the project's own demo content (cms/fixtures/demo.jsonl)."""

from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand

from cms.models import KnowledgePage

DEMO_FILE = Path(__file__).resolve().parents[2] / "fixtures" / "demo.jsonl"


class Command(BaseCommand):
    help = "Load the demo content: fictional Dutch cases, videos, articles, documents and forum questions."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already holds knowledge items.",
        )

    def handle(self, *, if_empty: bool, verbosity: int, **options):
        if if_empty and KnowledgePage.objects.exists():
            self.stdout.write("Demo content not loaded: the database already has content.")
            return
        call_command("import", str(DEMO_FILE), verbosity=verbosity, stdout=self.stdout, stderr=self.stderr)
