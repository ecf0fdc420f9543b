"""Deferred index updates during an import: one bulk pass per chunk instead of work per saved row.

Wagtail updates its admin search index (modelsearch) and its reference index after every save, and
publishing writes a revision. For thousands of imported pages that per-row work dominates the import,
so the importer suspends the indexes and brings revisions, both indexes and our search index up to date
for everything it wrote, a chunk at a time.
"""

from collections import defaultdict
from contextlib import contextmanager

from django.db.models import prefetch_related_objects
from django.db.models.signals import post_save
from modelsearch import index as search_index
from modelsearch.backends import get_search_backends
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from cms.bulk import record_references, record_revisions, relations_in_memory
from cms.models import KnowledgePage
from cms.search import known_view_restrictions
from search import service as search_service

CHUNK = 200


class IndexBacklog:
    """The objects written during an import, grouped by model."""

    def __init__(self):
        self.objects: dict[type, dict[int, object]] = defaultdict(dict)
        self.size = 0

    def add(self, obj) -> None:
        """Remember `obj`; every CHUNK objects the backlog is written out, so memory stays flat."""
        self.objects[type(obj)][obj.pk] = obj
        self.size += 1
        if self.size >= CHUNK:
            self.flush()

    def flush(self) -> None:
        for model, objects in self.objects.items():
            items = list(objects.values())
            if search_index.class_is_indexed(model):
                for backend in get_search_backends(with_auto_update=True):
                    for start in range(0, len(items), CHUNK):
                        backend.add_bulk(model, items[start : start + CHUNK])
            # What revisions, references and search documents read, in a few queries for the whole chunk.
            lookups = getattr(model, "bulk_prefetch", ())
            prefetch_related_objects(
                [obj for obj in items if not relations_in_memory(obj, lookups)], *lookups
            )
            pages = [obj for obj in items if isinstance(obj, KnowledgePage)]
            record_revisions(pages)
            if ReferenceIndex.model_is_indexable(model):
                record_references(items)
            with known_view_restrictions():
                search_service.index_objects(items)  # pages send no publish signal when imported
        self.objects.clear()
        self.size = 0


@contextmanager
def deferred_indexing():
    """Suspend per-save search and reference indexing; yields an IndexBacklog flushed on success."""
    models = [m for m in search_index.get_indexed_models() if getattr(m, "search_auto_update", True)]
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    backlog = IndexBacklog()
    try:
        with disable_reference_index_auto_update(), search_service.defer_updates():
            yield backlog
    finally:
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)
    backlog.flush()
    search_service.tidy_index()
