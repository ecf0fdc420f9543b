"""The search service: the only module of `search` that other apps import."""

from django.conf import settings
from django.db import connection

from search.providers import all_documents, document_for, register
from search.types import BackendHealth

__all__ = [
    "all_documents",
    "backend_name",
    "health",
    "index_objects",
    "rebuild",
    "register",
    "remove",
    "search",
    "synonym_map",
]


def _backend():
    from search.backends.database import for_connection

    return for_connection()


def index_objects(objects) -> None:
    """Bring the index up to date for these objects: searchable ones are (re)indexed, others removed.

    Callers pass what they changed (a published page, an edited question); nothing else is touched.
    """
    documents, gone = [], []
    for obj in objects:
        document = document_for(obj)
        if document is not None:
            documents.append(document)
        elif getattr(obj, "external_id", ""):
            gone.append(obj.external_id)
    backend = _backend()
    if documents:
        backend.upsert(documents)
    if gone:
        backend.delete(gone)


def remove(external_ids) -> None:
    """Take these items out of the index (unpublished, deleted)."""
    _backend().delete(external_ids)


def rebuild() -> int:
    """Rebuild the search index from the database (the source of truth); returns the number indexed."""
    return _backend().rebuild(all_documents())


def search(query: str, *, include_members: bool = False, limit: int = 10) -> list:
    """SearchEntry rows for `query`, best first; members-only items only when `include_members`."""
    from search.models import SearchEntry
    from search.types import Audience

    audiences = [Audience.PUBLIC] + ([Audience.MEMBERS] if include_members else [])
    ids = _backend().ranked_ids(
        query, audiences=[str(a) for a in audiences], synonyms=synonym_map(), limit=limit
    )
    entries = SearchEntry.objects.in_bulk(ids)
    return [entries[pk] for pk in ids if pk in entries]


def synonym_map():
    """The active synonym rules as a SynonymMap, read fresh so an editor's change applies at once."""
    from search.models import Synonym
    from search.synonyms import RuleError, SynonymMap, parse_rule

    rules = []
    for text in Synonym.objects.filter(active=True).values_list("rule", flat=True):
        try:
            rule = parse_rule(text)
        except RuleError:
            continue  # the admin refuses malformed rules; one slipped in by hand is ignored, not fatal
        if rule:
            rules.append(rule)
    return SynonymMap(rules)


def backend_name() -> str:
    return settings.PGB_SEARCH_BACKEND


def health() -> BackendHealth:
    """The state of the configured search backend.

    The database backend is healthy when the database answers; the Elasticsearch backend
    (a later issue) reports the cluster's state and falls back to the database when it is down.
    """
    name = backend_name()
    if name != "database":
        return BackendHealth(backend=name, status="error", detail="unknown search backend")
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # the database being down is reported, not raised
        return BackendHealth(backend=name, status="error", detail=exc.__class__.__name__)
    return BackendHealth(backend=name, status="ok", detail=connection.vendor)
