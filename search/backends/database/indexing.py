"""Writing the database index: SearchEntry rows with analysed terms, facet rows, the engine's index."""

from collections.abc import Callable, Iterable

from django.db import transaction
from django.utils import timezone

from search.analysis import analyze
from search.backends.database import snapshot
from search.backends.database.engine import Engine
from search.models import SearchEntry, SearchFacet
from search.types import SearchDocument

BATCH = 200

ENTRY_FIELDS = [
    "type",
    "title",
    "summary",
    "url",
    "published",
    "year",
    "visibility",
    "municipalities",
    "laws",
    "themes",
    "passages",
    "title_terms",
    "summary_terms",
    "body_terms",
    "boost",
    "updated_at",
]


def entry_fields(document: SearchDocument) -> dict:
    """The SearchEntry columns for a document: filter values, passages and analysed terms per field weight."""
    return {
        "type": document.type,
        "title": document.title[:255],
        "summary": document.summary,
        "url": document.url,
        "published": document.published,
        "year": document.published.year,
        "visibility": str(document.visibility),
        "municipalities": [list(m) for m in document.municipalities],
        "laws": list(document.laws),
        "themes": list(document.themes),
        "passages": document.passages(),
        "title_terms": " ".join(analyze(document.title)),
        "summary_terms": " ".join(analyze(document.summary)),
        "body_terms": " ".join(analyze(document.full_text)),
        "boost": document.rank_boost,
    }


def facet_rows(entry: SearchEntry) -> list[SearchFacet]:
    values = {
        "theme": set(entry.themes),
        "law": set(entry.laws),
        "municipality": {code for code, _name, _province in entry.municipalities},
        "province": {province for _code, _name, province in entry.municipalities},
    }
    return [
        SearchFacet(entry=entry, field=field, value=v) for field, vs in values.items() for v in sorted(vs)
    ]


def upsert(engine: Engine, documents: Iterable[SearchDocument]) -> None:
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
            now = timezone.now()
            for entry in changed:
                entry.updated_at = now
            SearchEntry.objects.bulk_update(changed, ENTRY_FIELDS)
            SearchFacet.objects.filter(entry__in=changed).delete()
        SearchFacet.objects.bulk_create([row for entry in new + changed for row in facet_rows(entry)])
        engine.index(new + changed)
        snapshot.touch()


def delete(engine: Engine, ids: Iterable[str]) -> None:
    with transaction.atomic():
        entries = list(SearchEntry.objects.filter(doc_id__in=list(ids)))
        engine.unindex(entries)
        SearchEntry.objects.filter(pk__in=[e.pk for e in entries]).delete()
        snapshot.touch()


def rebuild(
    engine: Engine, documents: Iterable[SearchDocument], progress: Callable[[int], object] | None = None
) -> int:
    """Replace every entry with `documents`, in one transaction: searches never see a half-built index."""
    count, batch = 0, []
    with transaction.atomic():
        engine.unindex(list(SearchEntry.objects.all()))
        SearchEntry.objects.all().delete()
        snapshot.touch()
        for document in documents:
            batch.append(document)
            if len(batch) >= BATCH:
                upsert(engine, batch)
                count, batch = count + len(batch), []
                if progress:
                    progress(BATCH)
        upsert(engine, batch)
        if progress and batch:
            progress(len(batch))
    return count + len(batch)
