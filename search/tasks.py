"""The durable queue between the database (the source of truth) and Elasticsearch.

A change writes its task row in the same transaction as the change itself (django-tasks' database
backend), so no update is lost when Elasticsearch or the worker is down. A task that cannot reach
the cluster puts itself back in the queue for later; one the cluster refuses outright (a request it
will never accept) is tried a few times and then fails, visible in `pgb search status`. While the
cluster is being rebuilt, tasks wait, so their updates land in the new index, not the old one.
"""

import logging
from datetime import timedelta

from django.utils import timezone
from django_tasks import task
from elasticsearch import ApiError

from search.models import SearchIndexState

logger = logging.getLogger(__name__)
RETRY_AFTER = timedelta(seconds=30)
WAIT_FOR_REBUILD = timedelta(seconds=5)
MAX_ATTEMPTS = 5  # for refusals; an unreachable cluster is waited for however long it takes
BATCH = 500


def queue_updates(doc_ids: list[str]) -> None:
    """Queue the Elasticsearch update of these items in the current transaction."""
    for start in range(0, len(doc_ids), BATCH):
        sync_elasticsearch.enqueue(doc_ids[start : start + BATCH])


def queue_synonyms() -> None:
    sync_elasticsearch_synonyms.enqueue()


def is_permanent(error: Exception) -> bool:
    """Trying again will not help: the cluster answered and refused the request itself (a 4xx other
    than a timeout or "too many requests"), as opposed to being down, slow or not built yet."""
    if getattr(error, "permanent", False):
        return True
    if isinstance(error, ApiError):
        return 400 <= error.meta.status < 500 and error.meta.status not in (408, 429)
    return False


def next_attempt(error: Exception, attempt: int) -> int | None:
    """The attempt number to re-queue with, or None when the task should fail for good."""
    if not is_permanent(error):
        return attempt  # down or busy: wait, however long, without using up attempts
    return attempt + 1 if attempt < MAX_ATTEMPTS else None


def _cluster():
    """The Elasticsearch backend the configured fallback wraps (this queue exists only for it)."""
    from search import service

    return service.get_backend().primary


def _again(task_function, error: Exception, attempt: int, *args) -> int:
    """Re-queue after a failure, or raise (the task fails, `pgb search status` counts it)."""
    following = next_attempt(error, attempt)
    if following is None:
        logger.error("Elasticsearch refused %s %d times (%s); giving up", task_function.name, attempt, error)
        raise error
    logger.warning("Elasticsearch %s failed (%s); retrying later", task_function.name, error)
    task_function.using(run_after=timezone.now() + RETRY_AFTER).enqueue(*args, attempt=following)
    return 0


@task(backend="search", queue_name="search")
def sync_elasticsearch(doc_ids: list[str], attempt: int = 1) -> int:
    """Make Elasticsearch match the database index for these items: index the present, delete the gone."""
    from search.models import SearchEntry

    if SearchIndexState.rebuild_running():
        sync_elasticsearch.using(run_after=timezone.now() + WAIT_FOR_REBUILD).enqueue(
            doc_ids, attempt=attempt
        )
        return 0
    entries = list(SearchEntry.objects.filter(doc_id__in=doc_ids))
    present = {entry.doc_id for entry in entries}
    gone = [doc_id for doc_id in doc_ids if doc_id not in present]
    try:
        cluster = _cluster()
        if entries:
            cluster.upsert([entry.to_document() for entry in entries])
        if gone:
            cluster.delete(gone)
    except Exception as error:  # noqa: BLE001 - every failure is sorted by next_attempt
        return _again(sync_elasticsearch, error, attempt, doc_ids)
    return len(doc_ids)


@task(backend="search", queue_name="search")
def sync_elasticsearch_synonyms(attempt: int = 1) -> int:
    """Replace Elasticsearch's synonyms set with the active rules; its search analyzers reload at once."""
    from search.models import active_synonym_rules

    rules = [text for text, _rule in active_synonym_rules()]
    try:
        _cluster().sync_synonyms(rules)
    except Exception as error:  # noqa: BLE001
        return _again(sync_elasticsearch_synonyms, error, attempt)
    return len(rules)
