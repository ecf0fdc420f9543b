"""The durable queue between the database (the source of truth) and Elasticsearch.

A change writes its task row in the same transaction as the change itself (django-tasks' database
backend), so no update is lost when Elasticsearch or the worker is down; a task that cannot reach
the cluster puts itself back in the queue for later instead of failing.
"""

import logging
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)
RETRY_AFTER = timedelta(seconds=30)
BATCH = 500


def queue_updates(doc_ids: list[str]) -> None:
    """Queue the Elasticsearch update of these items in the current transaction."""
    for start in range(0, len(doc_ids), BATCH):
        sync_elasticsearch.enqueue(doc_ids[start : start + BATCH])


def queue_synonyms() -> None:
    sync_elasticsearch_synonyms.enqueue()


def _cluster():
    """The Elasticsearch backend the configured fallback wraps (this queue exists only for it)."""
    from search import service

    return service.get_backend().primary


@task(backend="search", queue_name="search")
def sync_elasticsearch(doc_ids: list[str]) -> int:
    """Make Elasticsearch match the database index for these items: index the present, delete the gone."""
    from search.models import SearchEntry

    entries = list(SearchEntry.objects.filter(doc_id__in=doc_ids))
    present = {entry.doc_id for entry in entries}
    gone = [doc_id for doc_id in doc_ids if doc_id not in present]
    try:
        cluster = _cluster()
        if entries:
            cluster.upsert([entry.to_document() for entry in entries])
        if gone:
            cluster.delete(gone)
    except Exception as exc:  # unreachable or refusing: try again later, keep the queue intact
        logger.warning("Elasticsearch update of %d items failed (%s); retrying later", len(doc_ids), exc)
        sync_elasticsearch.using(run_after=timezone.now() + RETRY_AFTER).enqueue(doc_ids)
        return 0
    return len(doc_ids)


@task(backend="search", queue_name="search")
def sync_elasticsearch_synonyms() -> int:
    """Replace Elasticsearch's synonyms set with the active rules; its search analyzers reload at once."""
    from search.models import active_synonym_rules

    rules = [text for text, _rule in active_synonym_rules()]
    try:
        _cluster().sync_synonyms(rules)
    except Exception as exc:
        logger.warning("Elasticsearch synonyms update failed (%s); retrying later", exc)
        sync_elasticsearch_synonyms.using(run_after=timezone.now() + RETRY_AFTER).enqueue()
        return 0
    return len(rules)
