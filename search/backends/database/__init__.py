"""The database search backend: analysed terms in SearchEntry rows, ranked by the engine's full-text index.

`for_connection()` picks the SQLite (FTS5) or PostgreSQL (tsvector) implementation for the database in use.
"""

from collections.abc import Iterable

from django.db import connection, transaction

from search.analysis import analyze
from search.analysis import query_groups as analysis_groups
from search.models import SearchEntry
from search.synonyms import SynonymMap
from search.types import SearchDocument


def entry_fields(document: SearchDocument) -> dict:
    """The SearchEntry columns for a document: filter values and analysed terms per field weight."""
    body_parts = [
        document.body,
        *(cue.text for cue in document.cues),
        *(page.text for page in document.pages),
    ]
    return {
        "type": document.type,
        "title": document.title[:255],
        "summary": document.summary,
        "url": document.url,
        "published": document.published,
        "audience": str(document.audience),
        "municipalities": [code for code, _name, _province in document.municipalities],
        "laws": list(document.laws),
        "themes": list(document.themes),
        "title_terms": " ".join(analyze(document.title)),
        "summary_terms": " ".join(analyze(document.summary)),
        "body_terms": " ".join(analyze(" ".join(body_parts))),
    }


def query_groups(query: str, synonyms: SynonymMap) -> list[list[tuple[str, ...]]]:
    """What a query searches for: per word or synonym, alternatives of stems that must co-occur.

    Groups are OR-ed (ranking rewards items that match more of them); a synonym of a word or of a
    known phrase adds its own groups.
    """
    folded = " ".join(query.lower().split())
    texts = [query]
    for word in folded.split():
        texts.extend(synonyms.expand(word) - {word})
    for phrase in synonyms.phrases():
        if phrase in folded:
            texts.extend(synonyms.expand(phrase) - {phrase})
    groups: list[list[tuple[str, ...]]] = []
    for text in texts:
        for group in analysis_groups(text):
            if group not in groups:
                groups.append(group)
    return groups


class DatabaseBackend:
    """Shared upsert/delete/rebuild; subclasses keep the engine's index in step and rank."""

    name = "database"

    def upsert(self, documents: Iterable[SearchDocument]) -> None:
        with transaction.atomic():
            for document in documents:
                entry, _created = SearchEntry.objects.update_or_create(
                    doc_id=document.id, defaults=entry_fields(document)
                )
                self._index(entry)

    def delete(self, ids: Iterable[str]) -> None:
        with transaction.atomic():
            for entry in SearchEntry.objects.filter(doc_id__in=list(ids)):
                self._unindex(entry)
                entry.delete()

    def rebuild(self, documents: Iterable[SearchDocument]) -> int:
        count = 0
        with transaction.atomic():
            for entry in SearchEntry.objects.all():
                self._unindex(entry)
            SearchEntry.objects.all().delete()
            for document in documents:
                self.upsert([document])
                count += 1
        return count

    def _index(self, entry: SearchEntry) -> None:
        """Engine-specific: bring the full-text index up to date for `entry`."""

    def _unindex(self, entry: SearchEntry) -> None:
        """Engine-specific: remove `entry` from the full-text index."""


def for_connection() -> DatabaseBackend:
    if connection.vendor == "postgresql":
        from search.backends.database.postgres import PostgresBackend

        return PostgresBackend()
    from search.backends.database.sqlite import SQLiteBackend

    return SQLiteBackend()
