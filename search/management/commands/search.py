"""`pgb search status`: the search backend's state and what would be indexed."""

from collections import Counter

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from search import service


class Command(BaseCommand):
    help = "Search operations. Subcommands: status, reindex."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("status", help="Show the backend's health and the searchable documents per type.")
        sub.add_parser("reindex", help="Rebuild the search index from the database.")

    def handle(self, *, action: str, **options):
        if action == "reindex":
            try:
                count = service.rebuild()
            except Exception as exc:  # the cluster down or refusing: say so, the database index is rebuilt
                if not service.uses_elasticsearch():
                    raise
                raise CommandError(
                    f"The database index was rebuilt, but Elasticsearch at {settings.ELASTICSEARCH_URL} "
                    f"could not be rebuilt ({exc.__class__.__name__}: {exc}). The old index stays in use."
                ) from exc
            self.stdout.write(f"{count} documents indexed.")
            return
        health = service.health()
        self.stdout.write(
            f"backend: {health.backend} ({health.status}{', ' + health.detail if health.detail else ''})"
        )
        from search.models import SearchEntry

        counts = Counter((doc.type, doc.audience) for doc in service.all_documents())
        indexed = Counter(SearchEntry.objects.values_list("type", "audience"))
        self.stdout.write(f"{'type':<10} {'audience':<8} {'content':>8} {'indexed':>8}")
        for item_type, audience in sorted(set(counts) | set(indexed)):
            key = (item_type, audience)
            self.stdout.write(f"{item_type:<10} {audience:<8} {counts[key]:>8} {indexed[key]:>8}")
        self.stdout.write(
            f"{sum(counts.values())} searchable documents, {sum(indexed.values())} in the index."
        )
        if service.uses_elasticsearch():
            self.stdout.write(f"backlog: {service.backlog()} index updates waiting for Elasticsearch")
        if sum(counts.values()) != sum(indexed.values()):
            self.stdout.write("The index is out of step with the content: run `pgb search reindex`.")
