"""`pgb search status`: the search backend's state and what would be indexed."""

from collections import Counter

from django.core.management.base import BaseCommand

from search import service


class Command(BaseCommand):
    help = "Search operations. Subcommands: status, reindex."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("status", help="Show the backend's health and the searchable documents per type.")
        sub.add_parser("reindex", help="Rebuild the search index from the database.")

    def handle(self, *, action: str, **options):
        if action == "reindex":
            count = service.rebuild()
            self.stdout.write(f"{count} documents indexed.")
            return
        health = service.health()
        self.stdout.write(
            f"backend: {health.backend} ({health.status}{', ' + health.detail if health.detail else ''})"
        )
        counts = Counter((doc.type, doc.audience) for doc in service.all_documents())
        for (item_type, audience), count in sorted(counts.items()):
            self.stdout.write(f"{item_type:<10} {audience:<8} {count:>6}")
        self.stdout.write(f"{sum(counts.values())} searchable documents.")
