"""The search service: the only module of `search` that other apps import.

The database backend always holds the index (it is the fallback and lives in the same transaction
as the content). With PGB_SEARCH_BACKEND=elasticsearch, searches go to Elasticsearch and index
updates reach it through a durable queue (search.tasks); when the cluster is down or slow the
service answers from the database and says so (`degraded`).
"""

import contextvars
import logging
from collections.abc import Iterable
from contextlib import contextmanager

from django.conf import settings
from django.db import transaction

from search.labels import clear_cache as clear_labels
from search.labels import register as register_labels
from search.providers import all_documents, document_for, register
from search.types import BackendHealth, Hit, SearchQuery, SearchResults

__all__ = [
    "all_documents",
    "backend_name",
    "backlog",
    "clear_labels",
    "health",
    "index_objects",
    "rebuild",
    "register",
    "register_labels",
    "related",
    "remove",
    "search",
    "suggest",
    "updates_deferred",
    "defer_updates",
    "synonym_map",
]

logger = logging.getLogger(__name__)


def backend_name() -> str:
    return settings.PGB_SEARCH_BACKEND


def uses_elasticsearch() -> bool:
    return backend_name() == "elasticsearch"


def database_backend():
    from search.backends.database import for_connection

    return for_connection()


def elasticsearch_backend():
    from search.backends.elasticsearch import ElasticsearchBackend

    return ElasticsearchBackend(
        settings.ELASTICSEARCH_URL,
        index_prefix=settings.ELASTICSEARCH_INDEX,
        timeout=settings.ELASTICSEARCH_TIMEOUT,
        replicas=settings.ELASTICSEARCH_REPLICAS,
    )


# --- Keeping the index fresh --------------------------------------------------------------------

_deferred = contextvars.ContextVar("pgb_search_updates_deferred", default=False)


@contextmanager
def defer_updates():
    """While a bulk writer (the importer) indexes what it wrote itself, change signals skip indexing."""
    token = _deferred.set(True)
    try:
        yield
    finally:
        _deferred.reset(token)


def updates_deferred() -> bool:
    """True inside `defer_updates()`: signal handlers leave the index to the bulk writer."""
    return _deferred.get()


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
    with transaction.atomic():
        backend = database_backend()
        if documents:
            backend.upsert(documents)
        if gone:
            backend.delete(gone)
        _queue([d.id for d in documents] + gone)


def remove(external_ids: Iterable[str]) -> None:
    """Take these items out of the index (unpublished, deleted)."""
    external_ids = list(external_ids)
    with transaction.atomic():
        database_backend().delete(external_ids)
        _queue(external_ids)


def _queue(doc_ids: list[str]) -> None:
    """Queue the Elasticsearch update in the current transaction, so it commits with the change."""
    if doc_ids and uses_elasticsearch():
        from search.tasks import sync_elasticsearch

        for start in range(0, len(doc_ids), 500):
            sync_elasticsearch.enqueue(doc_ids[start : start + 500])


def rebuild(progress=None) -> int:
    """Rebuild the index from the database (the source of truth); returns the number indexed.

    With Elasticsearch a new index is built and the alias swapped, so searches never see it empty.
    """
    count = database_backend().rebuild(all_documents())
    if uses_elasticsearch():
        from search.models import SearchEntry

        cluster = elasticsearch_backend()
        cluster.sync_synonyms(active_rules())  # creates or replaces the set the new index's analyzer reads
        entries = SearchEntry.objects.order_by("pk").iterator(chunk_size=500)
        cluster.rebuild(entry.to_document() for entry in entries)
    return count


def _parsed_rules() -> list[tuple[str, object]]:
    """(text, parsed rule) of the synonym rules in force; malformed ones are left out."""
    from search.models import Synonym
    from search.synonyms import RuleError, parse_rule

    rules = []
    for text in Synonym.objects.filter(active=True).order_by("pk").values_list("rule", flat=True):
        try:
            rule = parse_rule(text)
        except RuleError:
            continue  # the admin refuses malformed rules; one slipped in by hand is ignored, not fatal
        if rule:
            rules.append((text, rule))
    return rules


def active_rules() -> list[str]:
    """The synonym rules in force, as editors wrote them (malformed ones left out)."""
    return [text for text, _rule in _parsed_rules()]


def synonyms_changed() -> None:
    """An editor changed the synonym list: the database backend reads it per query; Elasticsearch's
    synonyms set is replaced through the queue, in the same transaction as the change."""
    if uses_elasticsearch():
        from search.tasks import sync_elasticsearch_synonyms

        sync_elasticsearch_synonyms.enqueue()


def backlog() -> int:
    """Index updates waiting for Elasticsearch (0 on the database backend)."""
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(queue_name="search", status=TaskResultStatus.READY).count()


# --- Asking -------------------------------------------------------------------------------------


def search(query: SearchQuery) -> SearchResults:
    """Results for `query`, from Elasticsearch when configured and reachable, else from the database."""
    synonyms = synonym_map()
    pinned = promoted_ids(query.text)
    results = None
    if uses_elasticsearch():
        try:
            results = elasticsearch_backend().search(query, synonyms=synonyms, pinned_ids=pinned)
        except Exception as exc:  # down, slow or refusing: answer from the database instead
            logger.warning("Elasticsearch search failed (%s); answering from the database", exc)
    if results is None:
        results = database_backend().search(query, synonyms=synonyms, pinned_ids=pinned)
        results.degraded = uses_elasticsearch()
    if query.log and query.page == 1:
        from search.querylog import record

        record(query.text, results.total)
    return results


def suggest(prefix: str, *, include_members: bool = False, limit: int = 8) -> list[dict]:
    """Titles for the search box while the visitor types."""
    audiences = SearchQuery(include_members=include_members).audiences
    if uses_elasticsearch():
        try:
            return elasticsearch_backend().suggest(prefix, audiences=audiences, limit=limit)
        except Exception as exc:
            logger.warning("Elasticsearch suggest failed (%s); answering from the database", exc)
    return database_backend().suggest(prefix, audiences=audiences, limit=limit)


def related(doc_id: str, *, include_members: bool = False, limit: int = 4) -> list[Hit]:
    """Items like this one, for "Vergelijkbare voorbeelden" on content pages."""
    audiences = SearchQuery(include_members=include_members).audiences
    if uses_elasticsearch():
        try:
            return elasticsearch_backend().related(doc_id, audiences=audiences, limit=limit)
        except Exception as exc:
            logger.warning("Elasticsearch related failed (%s); answering from the database", exc)
    return database_backend().related(doc_id, audiences=audiences, limit=limit)


def promoted_ids(text: str) -> list[str]:
    """External ids of the pages editors promoted for exactly this query, in their order."""
    from search.models import Promotion
    from search.synonyms import normalise

    key = normalise(text)
    if not key:
        return []
    ids = []
    for promotion in Promotion.objects.filter(query=key).select_related("page"):
        external_id = getattr(promotion.page.specific, "external_id", "")
        if external_id and promotion.page.live:
            ids.append(external_id)
    return ids


def synonym_map():
    """The active synonym rules as a SynonymMap, read fresh so an editor's change applies at once."""
    from search.synonyms import SynonymMap

    return SynonymMap([rule for _text, rule in _parsed_rules()])


def health() -> BackendHealth:
    """The state of search: "ok"; "degraded" when Elasticsearch is down but the database answers; "error"."""
    database = database_backend().health()
    if not uses_elasticsearch() or database.status != "ok":
        return database
    try:
        cluster = elasticsearch_backend().health()
    except Exception as exc:  # misconfigured or not installed: reported, never raised
        cluster = BackendHealth(backend="elasticsearch", status="error", detail=exc.__class__.__name__)
    if cluster.status == "ok":
        return cluster
    return BackendHealth(
        backend="elasticsearch", status="degraded", detail=f"answering from the database: {cluster.detail}"
    )
