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


@pytest.fixture
def built(cluster):
    """The cluster with (empty) indexes behind its aliases, as after a first `pgb search reindex`."""
    cluster.rebuild([])
    return cluster


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


def test_reindex_swaps_the_aliases_to_new_indexes_without_a_gap(built):
    cluster = built
    public = cluster.aliases["public"]
    cluster.upsert([doc("case-a", "Budgetplan in vijf vragen")])
    first = set(cluster.client.indices.get_alias(name=public))
    assert cluster.rebuild([doc("case-a", "Budgetplan in vijf vragen"), doc("case-b", "Gezinspgb")]) == 2
    second = set(cluster.client.indices.get_alias(name=public))
    assert len(second) == 1 and not first & second
    assert not cluster.client.indices.exists(index=list(first)[0])
    assert cluster.search(SearchRequest(text="gezinspgb")).total == 1


def test_a_members_only_document_lives_in_the_members_index_only(built):
    cluster = built
    from accounts.selectors import MEMBERS

    cluster.upsert([doc("question-a", "Wlzopvang intern", type="question", visibility="members")])
    assert cluster.search(SearchRequest(text="wlzopvang")).total == 0
    assert cluster.search(SearchRequest(text="wlzopvang", audience=MEMBERS)).total == 1
    assert cluster.suggest("wlzop", audience=MEMBERS) and not cluster.suggest("wlzop", audience=PUBLIC)
    cluster.upsert([doc("question-a", "Wlzopvang openbaar", type="question")])  # made public: moves
    assert cluster.search(SearchRequest(text="wlzopvang")).total == 1
    assert cluster.search(SearchRequest(text="wlzopvang", audience=MEMBERS)).total == 1


def test_synonym_edits_apply_without_reindexing(built):
    cluster = built
    cluster.upsert([doc("case-zin", "Keuze tussen zorg in natura en pgb")])
    assert cluster.search(SearchRequest(text="ZIN")).total == 0
    cluster.sync_synonyms(["zin, zorg in natura"])
    assert [hit.id for hit in cluster.search(SearchRequest(text="ZIN")).hits] == ["case-zin"]


def test_health_reports_the_cluster_and_the_aliases(cluster):
    assert cluster.health(audience=PUBLIC).status == "error"  # no index behind the aliases yet
    cluster.rebuild([doc("case-a", "Budgetplan")])
    health = cluster.health(audience=PUBLIC)
    assert health.status == "ok" and "1 items" in health.detail


def test_a_promoted_query_keeps_the_second_of_a_video_hit(built):
    cluster = built
    from search.types import CaptionCue

    video = doc(
        "video-a", "Uitleg", type="video", cues=(CaptionCue(start=62.5, text="Controleer de declaraties."),)
    )
    cluster.upsert([video, doc("case-b", "Budgetplan")])
    hits = cluster.search(SearchRequest(text="declaraties", promoted=("case-b",))).hits
    assert [hit.id for hit in hits] == ["case-b", "video-a"] and hits[1].timestamp == 62.5


def test_short_items_get_related_items(built):
    cluster = built
    cluster.upsert(
        [doc("case-a", "Budgetplan"), doc("case-b", "Budgetplan beoordelen"), doc("case-c", "Tarieven")]
    )
    assert [hit.id for hit in cluster.related("case-a", audience=PUBLIC)] == ["case-b"]


def test_a_body_over_a_million_characters_is_still_highlighted(built):
    cluster = built
    long_body = ("Het budgetplan wordt getoetst. " * 40_000)[:1_200_000]
    cluster.upsert([doc("document-long", "Lange beleidsregels", long_body, type="document")])
    hit = cluster.search(SearchRequest(text="budgetplan")).hits[0]
    assert hit.id == "document-long" and "<mark>" in hit.highlight


def test_the_shared_corpus_reindexes_within_the_admin_timeout(cluster, shared_corpus, db):
    from io import StringIO

    from django.core.management import call_command

    from search import service

    call_command("import", str(shared_corpus / "pgb-corpus.jsonl"), verbosity=0, stdout=StringIO())
    documents = list(service.all_documents())
    assert cluster.rebuild(documents) == len(documents) == 70
    assert cluster.health(audience=PUBLIC).status == "ok"


def test_a_failed_rebuild_leaves_no_index_behind(built):
    cluster = built
    cluster.upsert([doc("case-a", "Budgetplan")])
    before = set(cluster.client.indices.get_alias(name=cluster.aliases["public"]))

    def fail(_count):
        raise RuntimeError("forced failure halfway")

    with pytest.raises(RuntimeError):
        cluster.rebuild([doc("case-a", "Budgetplan"), doc("case-b", "Tarief")], progress=fail)
    assert cluster.stray_indexes() == []
    assert set(cluster.client.indices.get_alias(name=cluster.aliases["public"])) == before
    assert cluster.search(SearchRequest(text="budgetplan")).total == 1


def test_updates_before_the_first_rebuild_wait_instead_of_making_a_partial_index(cluster):
    from search.backends.elasticsearch import ElasticsearchError

    with pytest.raises(ElasticsearchError, match="run `pgb search reindex`"):
        cluster.upsert([doc("case-a", "Budgetplan")])
    assert "run `pgb search reindex`" in cluster.health(audience=PUBLIC).detail
