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


ENTRY_FIELDS = [
    "type",
    "title",
    "summary",
    "url",
    "published",
    "audience",
    "municipalities",
    "laws",
    "themes",
    "title_terms",
    "summary_terms",
    "body_terms",
]


class DatabaseBackend:
    """Shared upsert/delete/rebuild; subclasses keep the engine's index in step and rank."""

    name = "database"

    def upsert(self, documents: Iterable[SearchDocument]) -> None:
        """Insert or update entries for `documents` in a few statements per batch, not per document."""
        documents = list(documents)
        if not documents:
            return
        with transaction.atomic():
            existing = {e.doc_id: e for e in SearchEntry.objects.filter(doc_id__in=[d.id for d in documents])}
            new, changed = [], []
            for document in documents:
                fields = entry_fields(document)
                entry = existing.get(document.id)
                if entry is None:
                    new.append(SearchEntry(doc_id=document.id, **fields))
                else:
                    for name, value in fields.items():
                        setattr(entry, name, value)
                    changed.append(entry)
            SearchEntry.objects.bulk_create(new)  # primary keys come back (SQLite >= 3.35, PostgreSQL)
            if changed:
                SearchEntry.objects.bulk_update(changed, ENTRY_FIELDS)
            self._index(new + changed)

    def delete(self, ids: Iterable[str]) -> None:
        with transaction.atomic():
            entries = list(SearchEntry.objects.filter(doc_id__in=list(ids)))
            self._unindex(entries)
            SearchEntry.objects.filter(pk__in=[e.pk for e in entries]).delete()

    def rebuild(self, documents: Iterable[SearchDocument]) -> int:
        count, batch = 0, []
        with transaction.atomic():
            self._unindex(list(SearchEntry.objects.all()))
            SearchEntry.objects.all().delete()
            for document in documents:
                batch.append(document)
                if len(batch) >= 200:
                    self.upsert(batch)
                    count, batch = count + len(batch), []
            self.upsert(batch)
        return count + len(batch)

    def _index(self, entries: list[SearchEntry]) -> None:
        """Engine-specific: bring the full-text index up to date for `entries`."""

    def _unindex(self, entries: list[SearchEntry]) -> None:
        """Engine-specific: remove `entries` from the full-text index."""


def for_connection() -> DatabaseBackend:
    if connection.vendor == "postgresql":
        from search.backends.database.postgres import PostgresBackend

        return PostgresBackend()
    from search.backends.database.sqlite import SQLiteBackend

    return SQLiteBackend()
