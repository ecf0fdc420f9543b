"""The registry of content providers: each app tells search how its content becomes SearchDocuments.

`search` never imports the apps above it; they register a provider in their AppConfig.ready().
"""

from collections.abc import Iterator
from typing import Protocol

from search.types import SearchDocument


class DocumentProvider(Protocol):
    name: str

    def documents(self) -> Iterator[SearchDocument]:
        """Every item that may appear in search (published; members-only ones marked by audience)."""

    def document_for(self, obj) -> SearchDocument | None:
        """The document for one of this provider's objects, or None (not its type, or not searchable)."""


_providers: dict[str, DocumentProvider] = {}


def register(provider: DocumentProvider) -> None:
    _providers[provider.name] = provider


def all_documents() -> Iterator[SearchDocument]:
    for provider in _providers.values():
        yield from provider.documents()


def document_for(obj) -> SearchDocument | None:
    for provider in _providers.values():
        document = provider.document_for(obj)
        if document is not None:
            return document
    return None
