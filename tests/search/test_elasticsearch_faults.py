"""Elasticsearch configured but unreachable: the site answers from the database and no update is lost.

The cluster address is a real closed port on this machine (connections are refused at once), not a
fake server: what is tested is what operators rely on when the cluster is down.
"""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from search import service
from search.models import SearchEntry, Synonym
from search.tasks import sync_elasticsearch, sync_elasticsearch_synonyms
from search.types import SearchRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def cluster_down(settings):
    settings.PGB_SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # discard port: nothing listens, refused at once
    settings.ELASTICSEARCH_TIMEOUT = 1.0


def queued(task) -> list[DBTaskResult]:
    return list(
        DBTaskResult.objects.filter(
            queue_name="search", status=TaskResultStatus.READY, task_path=task.module_path
        ).order_by("enqueued_at")
    )


def test_search_answers_from_the_database_and_says_it_is_degraded(imported, cluster_down, client):
    results = service.search(SearchRequest(text="budget"))
    assert results.degraded is True and results.backend == "database" and results.total > 0
    page = client.get("/zoeken/", {"q": "budget"})
    assert page.status_code == 200
    assert "eenvoudigere vorm" in page.content.decode()  # the degraded-mode notice
    api = client.get("/api/v1/search", {"q": "budget"}).json()
    assert api["degraded"] is True and api["total"] == results.total
    assert client.get("/api/v1/suggest", {"q": "budg"}).status_code == 200


def test_healthz_reports_search_degraded_while_the_site_stays_up(cluster_down, client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["search"]["status"] == "degraded" and body["search"]["backend"] == "elasticsearch"


def test_index_updates_are_queued_in_the_same_transaction_as_the_change(imported, cluster_down):
    entry = SearchEntry.objects.first()
    document = entry.to_document()
    DBTaskResult.objects.all().delete()
    with pytest.raises(RuntimeError), transaction.atomic():
        service.get_backend().upsert([document])
        raise RuntimeError("the change is rolled back")
    assert queued(sync_elasticsearch) == []  # no update queued for a change that did not happen
    service.remove([document.id])
    tasks = queued(sync_elasticsearch)
    assert len(tasks) == 1 and tasks[0].args_kwargs["args"] == [[document.id]]
    assert service.backlog() == 1


def test_an_update_that_cannot_reach_the_cluster_stays_in_the_queue(imported, cluster_down):
    DBTaskResult.objects.all().delete()
    doc_id = SearchEntry.objects.values_list("doc_id", flat=True).first()
    assert sync_elasticsearch.call([doc_id]) == 0  # what the worker runs: it fails and re-queues itself
    retry = queued(sync_elasticsearch)
    assert len(retry) == 1 and retry[0].args_kwargs["args"] == [[doc_id]]
    assert retry[0].run_after is not None  # not retried in a tight loop
    out = StringIO()
    call_command("search", "status", stdout=out)
    assert "backlog: 1 index updates waiting" in out.getvalue()
    assert "degraded" in out.getvalue()


def test_synonym_edits_are_queued_for_the_cluster(cluster_down):
    DBTaskResult.objects.all().delete()
    Synonym.objects.create(rule="pvb, persoonsvolgend budget")
    assert len(queued(sync_elasticsearch_synonyms)) == 1
    assert sync_elasticsearch_synonyms.call() == 0  # down: queued again
    assert len(queued(sync_elasticsearch_synonyms)) == 2


def test_synonym_edits_queue_nothing_on_the_database_backend():
    DBTaskResult.objects.all().delete()
    Synonym.objects.create(rule="pvb, persoonsvolgend budget")
    assert queued(sync_elasticsearch_synonyms) == []


def test_reindex_with_the_cluster_down_says_so_and_keeps_the_database_index(imported, cluster_down):
    before = SearchEntry.objects.count()
    with pytest.raises(CommandError, match="Elasticsearch at http://127.0.0.1:9 could not be rebuilt"):
        call_command("search", "reindex", stdout=StringIO())
    assert SearchEntry.objects.count() == before > 0


def api_error(status: int):
    from elastic_transport import ApiResponseMeta, HttpHeaders, NodeConfig
    from elasticsearch import ApiError

    meta = ApiResponseMeta(
        status=status,
        http_version="1.1",
        headers=HttpHeaders(),
        duration=0.0,
        node=NodeConfig("http", "es", 9200),
    )
    return ApiError("refused", meta=meta, body={"error": "refused"})


def test_refused_updates_fail_after_a_few_tries_an_unreachable_cluster_is_waited_for():
    from elasticsearch import ConnectionError as Unreachable

    from search.backends.elasticsearch import ElasticsearchError
    from search.tasks import MAX_ATTEMPTS, next_attempt

    refused = api_error(400)
    assert next_attempt(refused, 1) == 2 and next_attempt(refused, MAX_ATTEMPTS) is None
    assert next_attempt(ElasticsearchError("mapping conflict", permanent=True), MAX_ATTEMPTS) is None
    for transient in (
        api_error(429),
        api_error(503),
        Unreachable("down"),
        ElasticsearchError("no index yet"),
    ):
        assert next_attempt(transient, 99) == 99  # retried for as long as it takes, attempts not used up


def test_updates_wait_while_the_cluster_is_rebuilt(imported, cluster_down):
    import datetime

    from django.utils import timezone

    from search.models import SearchIndexState

    DBTaskResult.objects.all().delete()
    doc_id = SearchEntry.objects.values_list("doc_id", flat=True).first()
    SearchIndexState.mark_rebuild(running=True)
    assert sync_elasticsearch.call([doc_id]) == 0
    waiting = queued(sync_elasticsearch)
    assert len(waiting) == 1 and waiting[0].run_after <= timezone.now() + datetime.timedelta(seconds=6)
    SearchIndexState.mark_rebuild(running=False)
    assert not SearchIndexState.rebuild_running()
