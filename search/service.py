"""The search service: with `search.types`, the only module of `search` that other apps import.

Apps register how their content becomes documents (`register`) and how their facet values read
(`register_labels`); they tell the service what changed (`index_objects`, `remove`); pages and the
API ask (`search`, `suggest`, `related`), always for an audience (accounts.selectors.audience_for).
Which engine answers is configured once (`get_backend`); nobody else asks.
"""

import contextvars
import logging
import time
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import replace

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.db import transaction
from django.dispatch import Signal

from search import analysis, labels, params
from search.backends.base import SearchBackend
from search.metrics import SEARCH_SECONDS
from search.providers import all_documents, document_for, register
from search.types import PUBLIC, Audience, BackendHealth, Hit, SearchRequest, SearchResults, Suggestion

__all__ = [
    "MAX_QUERY_LENGTH",
    "InvalidParameter",
    "all_documents",
    "analyze",
    "backlog",
    "failed_updates",
    "clear_labels",
    "facet_group",
    "facet_groups",
    "forget_statistics",
    "defer_updates",
    "get_backend",
    "health",
    "index_objects",
    "parameter_name",
    "parse_request",
    "rebuild",
    "register",
    "register_labels",
    "related",
    "remove",
    "search",
    "suggest",
    "synonyms_changed",
    "tidy_index",
    "updates_deferred",
]

logger = logging.getLogger(__name__)
# Reading a search from request parameters, for every page that offers one (search page, browse
# pages, feeds): one set of limits and messages (search.params).
parse_request = params.parse
InvalidParameter = params.InvalidParameter
parameter_name = params.parameter_name
facet_group = params.facet_group
facet_groups = params.facet_groups
MAX_QUERY_LENGTH = params.MAX_QUERY_LENGTH
register_labels = labels.register
clear_labels = labels.clear_cache
BACKEND_SETTINGS = {
    "PGB_SEARCH_BACKEND",
    "ELASTICSEARCH_URL",
    "ELASTICSEARCH_INDEX",
    "ELASTICSEARCH_TIMEOUT",
    "ELASTICSEARCH_ADMIN_TIMEOUT",
    "ELASTICSEARCH_REPLICAS",
    "ELASTICSEARCH_CA_CERTS",
    "ELASTICSEARCH_API_KEY",
}

# --- The backend ----------------------------------------------------------------------------------

_backend: SearchBackend | None = None


def get_backend() -> SearchBackend:
    """The configured backend, built once per process from settings (as Django loads cache backends).

    `database`: the database's own full-text search. `elasticsearch`: the cluster, with the database
    standing in when it fails and updates reaching it through the durable queue (search.tasks).
    """
    global _backend
    if _backend is None:
        _backend = _build_backend(settings.PGB_SEARCH_BACKEND)
    return _backend


def _build_backend(name: str) -> SearchBackend:
    from search.backends.database import DatabaseBackend

    if name == "database":
        return DatabaseBackend()
    if name == "elasticsearch":
        from search import tasks
        from search.backends.elasticsearch import ElasticsearchBackend
        from search.backends.fallback import FallbackBackend

        primary = ElasticsearchBackend(
            settings.ELASTICSEARCH_URL,
            prefix=settings.ELASTICSEARCH_INDEX,
            timeout=settings.ELASTICSEARCH_TIMEOUT,
            admin_timeout=settings.ELASTICSEARCH_ADMIN_TIMEOUT,
            replicas=settings.ELASTICSEARCH_REPLICAS,
            ca_certs=settings.ELASTICSEARCH_CA_CERTS,
            api_key=settings.ELASTICSEARCH_API_KEY,
        )
        return FallbackBackend(
            primary, DatabaseBackend(), queue=tasks.queue_updates, queue_synonyms=tasks.queue_synonyms
        )
    raise ImproperlyConfigured(f"PGB_SEARCH_BACKEND must be 'database' or 'elasticsearch', not {name!r}.")


def _forget_backend(*, setting, **kwargs) -> None:
    global _backend
    if setting in BACKEND_SETTINGS:
        _backend = None


setting_changed.connect(_forget_backend, dispatch_uid="pgb-search-backend-settings")

# --- Keeping the index fresh ----------------------------------------------------------------------

# Sent after index_objects() and remove(): content a visitor may find has changed (also where the writer
# used a queryset update, which sends no model signal). The page cache starts a new generation on it.
index_updated = Signal()

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


def index_objects(objects: Iterable) -> None:
    """Bring the index up to date for these objects: searchable ones are (re)indexed, others removed.

    Callers pass what they changed (a published page, an edited question); nothing else is touched.
    The index is written in the caller's transaction.
    """
    documents, gone = [], []
    for obj in objects:
        document = document_for(obj)
        if document is not None:
            documents.append(document)
        elif getattr(obj, "external_id", ""):
            gone.append(obj.external_id)
    with transaction.atomic():
        if documents:
            get_backend().upsert(documents)
        if gone:
            get_backend().delete(gone)
    index_updated.send(sender=None)


def remove(external_ids: Iterable[str]) -> None:
    """Take these items out of the index (unpublished, deleted)."""
    with transaction.atomic():
        get_backend().delete(list(external_ids))
    index_updated.send(sender=None)


def rebuild(progress: Callable[[int], object] | None = None) -> int:
    """Rebuild the index from the content (the source of truth); returns the number indexed."""
    return get_backend().rebuild(all_documents(), progress=progress)


def tidy_index() -> None:
    """A bulk writer (the importer) is done: let the engine make its index quick to read again."""
    get_backend().tidy()


def synonyms_changed() -> None:
    """An editor changed the synonym list (called in the transaction of the change)."""
    get_backend().synonyms_changed()


def backlog() -> int:
    """Index updates waiting in the durable queue for a secondary engine (0 when there is none)."""
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(queue_name="search", status=TaskResultStatus.READY).count()


def failed_updates() -> int:
    """Index updates the secondary engine refused again and again (see the worker's log for why)."""
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(queue_name="search", status=TaskResultStatus.FAILED).count()


# --- Asking ---------------------------------------------------------------------------------------


def search(request: SearchRequest) -> SearchResults:
    """Results for `request`, for its audience, with editors' promotions first and labelled facets."""
    start = time.perf_counter()
    request = replace(request, promoted=tuple(promoted_ids(request.text)))
    found = get_backend().search(request)
    SEARCH_SECONDS.labels(found.backend or "unknown").observe(time.perf_counter() - start)
    if request.log and request.page == 1:
        from search.querylog import record

        record(request.text, found.total)
    return SearchResults(
        request=request,
        total=found.total,
        hits=found.hits,
        facets={
            field: labels.facet_values(field, counts, request.selected(field))
            for field, counts in found.facet_counts.items()
        },
        backend=found.backend,
        degraded=found.degraded,
        suggestion=found.suggestion,
        complete=found.total if found.complete is None else min(found.complete, found.total),
        concepts=found.concepts,
        unmatched=found.unmatched,
    )


def suggest(prefix: str, *, audience: Audience = PUBLIC, limit: int = 8) -> list[Suggestion]:
    """Titles for the search box while the visitor types."""
    return get_backend().suggest(prefix, audience=audience, limit=limit)


def related(doc_id: str, *, audience: Audience = PUBLIC, limit: int = 4) -> list[Hit]:
    """Items like this one, for "Vergelijkbare voorbeelden" on content pages."""
    return get_backend().related(doc_id, audience=audience, limit=limit)


def promoted_ids(text: str) -> list[str]:
    """External ids of the live pages editors promoted for exactly this query, in their order."""
    from search.models import Promotion
    from search.synonyms import normalise

    key = normalise(text)
    if not key or not Promotion.exists_for(key):
        return []
    ids = []
    for promotion in Promotion.objects.filter(query=key).select_related("page"):
        external_id = getattr(promotion.page.specific, "external_id", "")
        if external_id and promotion.page.live:
            ids.append(external_id)
    return ids


def health(*, audience: Audience = PUBLIC) -> BackendHealth:
    """The state of search ("ok", "degraded", "error"); counts are of what `audience` may see."""
    return get_backend().health(audience=audience)


def forget_statistics() -> None:
    """Empty this process's memo of index statistics, as after an index change (for benchmarks that
    measure a search nobody asked before)."""
    from search.backends.database.backend import forget_statistics as forget

    forget()


def analyze(text: str) -> list[str]:
    """The terms search indexes for `text` (folded stems and compound parts), e.g. for a raw-engine baseline."""
    return analysis.analyze(text)
