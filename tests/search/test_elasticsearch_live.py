"""The Elasticsearch backend against a real cluster; runs only when ELASTICSEARCH_URL is set.

Elasticsearch cannot be installed on the development machines, so here these tests are skipped (the
contract suite in test_contract.py also runs on the cluster when the variable is set). Run them with
e.g. `ELASTICSEARCH_URL=http://127.0.0.1:9200 make test-sqlite`.
"""

import os
import uuid

import pytest

from search.types import PUBLIC, SearchRequest
from tests.search.factories import doc

ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
pytestmark = pytest.mark.skipif(not ELASTICSEARCH_URL, reason="ELASTICSEARCH_URL is not set")


@pytest.fixture
def cluster():
    from search.backends.elasticsearch import ElasticsearchBackend

    backend = ElasticsearchBackend(
        ELASTICSEARCH_URL,
        prefix=f"pgb-live-{uuid.uuid4().hex[:8]}",
        timeout=10,
        replicas=0,
        refresh=True,
    )
    yield backend
    backend.drop()


def analyze(cluster, analyzer: str, text: str) -> list[str]:
    response = cluster.client.indices.analyze(index=cluster.aliases["public"], analyzer=analyzer, text=text)
    return [token["token"] for token in response["tokens"]]


def test_the_dutch_chain_stems_folds_and_keeps_the_overrides(cluster):
    cluster.ensure_index()
    assert analyze(cluster, "pgb_dutch", "Cliëntondersteuning") == analyze(
        cluster, "pgb_dutch", "clientondersteuning"
    )
    assert analyze(cluster, "pgb_dutch", "gezinnen") == ["gezin"]
    assert analyze(cluster, "pgb_dutch", "budgethouders") == analyze(cluster, "pgb_dutch", "budgethouder")
    assert set(analyze(cluster, "pgb_compound", "gezinspgb")) >= {"gezin", "pgb"}


def test_reindex_swaps_the_aliases_to_new_indexes_without_a_gap(cluster):
    public = cluster.aliases["public"]
    cluster.upsert([doc("case-a", "Budgetplan in vijf vragen")])
    first = set(cluster.client.indices.get_alias(name=public))
    assert cluster.rebuild([doc("case-a", "Budgetplan in vijf vragen"), doc("case-b", "Gezinspgb")]) == 2
    second = set(cluster.client.indices.get_alias(name=public))
    assert len(second) == 1 and not first & second
    assert not cluster.client.indices.exists(index=list(first)[0])
    assert cluster.search(SearchRequest(text="gezinspgb")).total == 1


def test_a_members_only_document_lives_in_the_members_index_only(cluster):
    from accounts.selectors import STAFF

    cluster.upsert([doc("question-a", "Wlzopvang intern", type="question", visibility="members")])
    assert cluster.search(SearchRequest(text="wlzopvang")).total == 0
    assert cluster.search(SearchRequest(text="wlzopvang", audience=STAFF)).total == 1
    assert cluster.suggest("wlzop", audience=STAFF) and not cluster.suggest("wlzop", audience=PUBLIC)
    cluster.upsert([doc("question-a", "Wlzopvang openbaar", type="question")])  # made public: moves
    assert cluster.search(SearchRequest(text="wlzopvang")).total == 1
    assert cluster.search(SearchRequest(text="wlzopvang", audience=STAFF)).total == 1


def test_synonym_edits_apply_without_reindexing(cluster):
    cluster.upsert([doc("case-zin", "Keuze tussen zorg in natura en pgb")])
    assert cluster.search(SearchRequest(text="ZIN")).total == 0
    cluster.sync_synonyms(["zin, zorg in natura"])
    assert [hit.id for hit in cluster.search(SearchRequest(text="ZIN")).hits] == ["case-zin"]


def test_health_reports_the_cluster_and_the_alias(cluster):
    assert cluster.health(audience=PUBLIC).status == "error"  # no index behind the aliases yet
    cluster.upsert([doc("case-a", "Budgetplan")])
    health = cluster.health(audience=PUBLIC)
    assert health.status == "ok" and "1 items" in health.detail
