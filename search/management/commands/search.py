"""`pgb search status|reindex`: the search backend's state, and rebuilding the index from the content."""

import sys
from collections import Counter

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from search import service
from search.backends.base import BackendUnavailable
from search.models import SearchEntry
from search.types import Audience, Visibility

# Operators see everything: the counts compare the whole content with the whole index.
EVERYTHING = Audience(name="operator", visibilities=frozenset(Visibility.values))


class Command(BaseCommand):
    help = "Search operations. Subcommands: status, reindex."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("status", help="Show the backend's health and the searchable documents per type.")
        sub.add_parser("reindex", help="Rebuild the search index from the content (the source of truth).")

    def handle(self, *, action: str, verbosity: int, **options):
        if action == "reindex":
            with tqdm(unit="item", file=sys.stderr, disable=None if verbosity else True) as bar:
                try:
                    count = service.rebuild(progress=bar.update)
                except BackendUnavailable as exc:
                    raise CommandError(str(exc)) from exc
            self.stdout.write(f"{count} documents indexed.")
            return
        health = service.health(audience=EVERYTHING)
        self.stdout.write(
            f"backend: {health.backend} ({health.status}{', ' + health.detail if health.detail else ''})"
        )
        counts = Counter((doc.type, str(doc.visibility)) for doc in service.all_documents())
        indexed = Counter(SearchEntry.objects.values_list("type", "visibility"))
        self.stdout.write(f"{'type':<10} {'visible to':<10} {'content':>8} {'indexed':>8}")
        for item_type, visibility in sorted(set(counts) | set(indexed)):
            key = (item_type, visibility)
            self.stdout.write(f"{item_type:<10} {visibility:<10} {counts[key]:>8} {indexed[key]:>8}")
        self.stdout.write(f"backlog: {service.backlog()} index updates waiting for a secondary engine")
        failed = service.failed_updates()
        if failed:
            self.stdout.write(f"failed: {failed} index updates were refused for good (see the worker's log)")
        summary = f"{sum(counts.values())} searchable documents, {sum(indexed.values())} in the index"
        if counts != indexed:
            summary += ": out of step with the content, run `pgb search reindex`"
        self.stdout.write(summary + ".")
