"""The interface every search backend implements; `search.service` only ever talks to this."""

from collections.abc import Callable, Iterable
from typing import Protocol

from search.types import (
    Audience,
    BackendHealth,
    BackendResults,
    Hit,
    SearchDocument,
    SearchRequest,
    Suggestion,
)


class SearchBackend(Protocol):
    """A search engine behind the service. Every read takes the audience and shows nothing else:
    no hit, count, suggestion, correction or related item may depend on what the audience cannot see."""

    name: str

    def search(self, request: SearchRequest) -> BackendResults:
        """The requested page of results for `request.audience`, with facet counts by value."""

    def suggest(self, prefix: str, *, audience: Audience, limit: int = 8) -> list[Suggestion]:
        """Titles that start the way the visitor is typing."""

    def related(self, doc_id: str, *, audience: Audience, limit: int = 4) -> list[Hit]:
        """Items like `doc_id` (never itself); nothing when the audience may not see `doc_id`."""

    def upsert(self, documents: Iterable[SearchDocument]) -> None:
        """Add or replace these documents (in the caller's transaction, where the engine has one)."""

    def delete(self, ids: Iterable[str]) -> None:
        """Remove these documents; ids that are not indexed are ignored."""

    def rebuild(
        self, documents: Iterable[SearchDocument], *, progress: Callable[[int], object] | None = None
    ) -> int:
        """Replace the whole index with `documents`; returns how many were indexed."""

    def synonyms_changed(self) -> None:
        """Editors changed the synonym rules: bring the engine up to date."""

    def tidy(self) -> None:
        """After a bulk write (an import, a rebuild): leave the index as quick to read as the engine can."""

    def health(self, *, audience: Audience) -> BackendHealth:
        """The engine's state; counts in it are of what `audience` may see."""


class BackendUnavailable(RuntimeError):
    """The engine cannot be reached or refused a request; the message says which (English, for operators)."""
