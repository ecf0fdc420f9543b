"""The Elasticsearch backend against a real cluster; runs only when ELASTICSEARCH_URL is set.

Elasticsearch cannot be installed on the development machines, so here these tests are skipped (the
contract suite in test_contract.py also runs on the cluster when the variable is set). Run them with
e.g. `ELASTICSEARCH_URL=http://127.0.0.1:9200 make test-sqlite`.
"""

import os
import uuid

import pytest

from search.types import SearchRequest
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
    response = cluster.client.indices.analyze(index=cluster.alias, analyzer=analyzer, text=text)
    return [token["token"] for token in response["tokens"]]


def test_the_dutch_chain_stems_folds_and_keeps_the_overrides(cluster):
    cluster.ensure_index()
    assert analyze(cluster, "pgb_dutch", "Cliëntondersteuning") == analyze(
        cluster, "pgb_dutch", "clientondersteuning"
    )
    assert analyze(cluster, "pgb_dutch", "gezinnen") == ["gezin"]
    assert analyze(cluster, "pgb_dutch", "budgethouders") == analyze(cluster, "pgb_dutch", "budgethouder")
    assert set(analyze(cluster, "pgb_compound", "gezinspgb")) >= {"gezin", "pgb"}


def test_reindex_swaps_the_alias_to_a_new_index_without_a_gap(cluster):
    cluster.upsert([doc("case-a", "Budgetplan in vijf vragen")])
    first = set(cluster.client.indices.get_alias(name=cluster.alias))
    assert cluster.rebuild([doc("case-a", "Budgetplan in vijf vragen"), doc("case-b", "Gezinspgb")]) == 2
    second = set(cluster.client.indices.get_alias(name=cluster.alias))
    assert len(second) == 1 and not first & second
    assert not cluster.client.indices.exists(index=list(first)[0])
    assert cluster.search(SearchRequest(text="gezinspgb")).total == 1


def test_synonym_edits_apply_without_reindexing(cluster):
    cluster.upsert([doc("case-zin", "Keuze tussen zorg in natura en pgb")])
    assert cluster.search(SearchRequest(text="ZIN")).total == 0
    cluster.sync_synonyms(["zin, zorg in natura"])
    assert [hit.id for hit in cluster.search(SearchRequest(text="ZIN")).hits] == ["case-zin"]


def test_health_reports_the_cluster_and_the_alias(cluster):
    assert cluster.health().status == "error"  # no index behind the alias yet
    cluster.upsert([doc("case-a", "Budgetplan")])
    health = cluster.health()
    assert health.status == "ok" and "1 items" in health.detail
