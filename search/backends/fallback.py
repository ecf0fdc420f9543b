"""A primary backend (Elasticsearch) that the database stands in for when it fails.

The database always holds the index: it is written in the transaction of the change and is the
source for rebuilding. Updates reach the primary through a durable queue committed with the change
(`queue`), so nothing is lost while the primary is down; reads go to the primary and fall back to the
database, saying so (`degraded`).
"""

import logging
from collections.abc import Callable, Iterable
from dataclasses import replace

from search.backends.base import BackendUnavailable, SearchBackend
from search.backends.database import DatabaseBackend
from search.models import SearchIndexState
from search.types import (
    Audience,
    BackendHealth,
    BackendResults,
    Hit,
    SearchDocument,
    SearchRequest,
    Suggestion,
)

logger = logging.getLogger(__name__)


class FallbackBackend:
    def __init__(
        self,
        primary: SearchBackend,
        fallback: DatabaseBackend,
        *,
        queue: Callable[[list[str]], None],
        queue_synonyms: Callable[[], None],
    ):
        self.primary = primary
        self.fallback = fallback
        self.name = primary.name
        self._queue = queue
        self._queue_synonyms = queue_synonyms

    def _ask(self, what: str, call: Callable):
        """`call(primary)`, or `call(fallback)` when the primary fails; returns (answer, degraded)."""
        try:
            return call(self.primary), False
        except Exception as exc:  # down, slow or refusing: answer from the database instead
            logger.warning("%s search %s failed (%s); answering from the database", self.name, what, exc)
            return call(self.fallback), True

    def search(self, request: SearchRequest) -> BackendResults:
        results, degraded = self._ask("search", lambda backend: backend.search(request))
        return replace(results, degraded=True) if degraded else results

    def suggest(self, prefix: str, *, audience: Audience, limit: int = 8) -> list[Suggestion]:
        return self._ask("suggest", lambda backend: backend.suggest(prefix, audience=audience, limit=limit))[
            0
        ]

    def related(self, doc_id: str, *, audience: Audience, limit: int = 4) -> list[Hit]:
        return self._ask("related", lambda backend: backend.related(doc_id, audience=audience, limit=limit))[
            0
        ]

    def upsert(self, documents: Iterable[SearchDocument]) -> None:
        documents = list(documents)
        self.fallback.upsert(documents)
        self._queue([d.id for d in documents])

    def delete(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        self.fallback.delete(ids)
        self._queue(ids)

    def tidy(self) -> None:
        self.fallback.tidy()  # the cluster merges its segments itself

    def rebuild(self, documents: Iterable[SearchDocument], *, progress=None) -> int:
        """The database first (the source of truth), then the primary from what the database holds."""
        SearchIndexState.mark_rebuild(running=True)  # queued updates wait, then go to the new index
        try:
            count = self.fallback.rebuild(documents, progress=progress)
            try:
                self.primary.rebuild(self.fallback.stored_documents())
            except Exception as exc:  # the cluster down or refusing: the database index stands on its own
                raise BackendUnavailable(
                    f"The database index was rebuilt, but {getattr(self.primary, 'label', self.name)} could "
                    f"not be rebuilt ({exc.__class__.__name__}: {exc}). The old index stays in use."
                ) from exc
        finally:
            SearchIndexState.mark_rebuild(running=False)
        return count

    def synonyms_changed(self) -> None:
        self._queue_synonyms()

    def health(self, *, audience: Audience) -> BackendHealth:
        """ "ok"; "degraded" when the primary is down but the database answers; "error"."""
        database = self.fallback.health(audience=audience)
        if database.status != "ok":
            return database
        primary = self.primary.health(audience=audience)
        if primary.status == "ok":
            return primary
        return BackendHealth(
            backend=self.name, status="degraded", detail=f"answering from the database: {primary.detail}"
        )
