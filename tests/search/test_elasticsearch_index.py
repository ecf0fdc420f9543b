"""The Elasticsearch index, tested through what the backend sends: the analysis chain, the mapping,
bulk actions, clients and timeouts.

No cluster runs on this machine (and none is faked): these tests read the JSON the backend would
send. tests/search/test_elasticsearch_live.py and the contract suite run it against a real cluster
when ELASTICSEARCH_URL is set; the requests a search sends are in test_elasticsearch_generation.py.
"""

from dataclasses import replace

import pytest

from accounts.selectors import ANONYMOUS, MEMBERS
from search.analysis import COMPOUND_PARTS, STEM_OVERRIDES, fold
from search.backends.elasticsearch.mapping import aliases, aliases_for, index_definition, synonym_rules
from search.backends.elasticsearch.queries import (
    bulk_actions,
    bulk_params,
    delete_actions,
)
from tests.search.elasticsearch_samples import DOCUMENT, VIDEO


@pytest.fixture(scope="module")
def definition():
    return index_definition("pgb-public-20261201", "pgb-synonyms", replicas=0)


def analyzer(definition, name):
    analysis = definition["settings"]["analysis"]
    return analysis["analyzer"][name], analysis["filter"]


def test_the_dutch_chain_folds_removes_stop_words_and_stems_with_overrides(definition):
    chain, filters = analyzer(definition, "pgb_dutch")
    assert chain["tokenizer"] == "standard"
    assert chain["filter"][:2] == ["lowercase", "asciifolding"]
    kinds = [filters[name]["type"] for name in chain["filter"][2:]]
    assert kinds == ["stop", "stemmer_override", "stemmer"]  # overrides must come before the stemmer
    stop, override, stemmer = (filters[name] for name in chain["filter"][2:])
    assert stop["stopwords"] == "_dutch_"
    assert stemmer["language"] == "dutch"  # not the deprecated dutch_kp
    assert "gezinnen => gezin" in override["rules"] and "gemeenten => gemeent" in override["rules"]
    assert len(override["rules"]) == len([w for w in STEM_OVERRIDES if "'" not in w])


def test_synonyms_apply_at_search_time_from_an_updateable_set(definition):
    chain, filters = analyzer(definition, "pgb_dutch_search")
    synonym = filters[chain["filter"][2]]
    assert synonym == {
        "type": "synonym_graph",
        "synonyms_set": "pgb-synonyms",
        "updateable": True,
        "lenient": True,
    }
    index_chain, _ = analyzer(definition, "pgb_dutch")
    assert "pgb_synonyms" not in index_chain["filter"]  # an edit needs no reindex
    assert synonym_rules(["pgb, persoonsgebonden budget", " ", "zin => zorg in natura"]) == [
        {"id": "rule-1", "synonyms": "pgb, persoonsgebonden budget"},
        {"id": "rule-3", "synonyms": "zin => zorg in natura"},
    ]


def test_text_fields_have_a_compound_splitting_subfield(definition):
    properties = definition["mappings"]["properties"]
    for field in ("title", "summary", "body"):
        assert properties[field]["analyzer"] == "pgb_dutch"
        assert properties[field]["search_analyzer"] == "pgb_dutch_search"
        assert properties[field]["fields"]["parts"]["analyzer"] == "pgb_compound"
    chain, filters = analyzer(definition, "pgb_compound")
    decompounder = next(
        filters[f] for f in chain["filter"] if filters.get(f, {}).get("type") == "dictionary_decompounder"
    )
    assert set(decompounder["word_list"]) == {fold(p) for p in COMPOUND_PARTS}
    assert {"gezins", "pgb", "zorg", "overeenkomst"} <= set(decompounder["word_list"])


def test_the_mapping_serves_suggestions_filters_and_passages(definition):
    properties = definition["mappings"]["properties"]
    assert properties["title"]["fields"]["suggest"]["type"] == "search_as_you_type"
    for field in ("type", "themes", "laws", "municipality", "province", "visibility", "doc_id"):
        assert properties[field]["type"] == "keyword"
    assert properties["year"]["type"] == "integer" and properties["published"]["type"] == "date"
    assert properties["rank_boost"]["type"] == "float"
    passages = properties["passages"]
    assert passages["type"] == "nested"
    assert (
        passages["properties"]["start"]["type"] == "float"
        and passages["properties"]["page"]["type"] == "integer"
    )
    assert properties["municipality_details"] == {"type": "object", "enabled": False}
    assert definition["settings"]["number_of_replicas"] == 0


def test_bulk_actions_carry_every_searchable_text_and_every_filter_value():
    action = next(bulk_actions([VIDEO], aliases("pgb")))
    assert (
        action["_op_type"] == "index"
        and action["_index"] == "pgb-public"
        and action["_id"] == "video-trekkingsrecht"
    )
    source = action["_source"]
    assert "declaraties" in source["body"]  # caption text ranks like body text
    assert {"kind": "cue", "start": 62.5, "text": "In het PGB Portaal ziet u uw declaraties."} in source[
        "passages"
    ]
    assert source["municipality"] == ["GM0193", "GM0344"]
    assert source["province"] == ["Overijssel", "Utrecht"]
    assert source["year"] == 2025 and source["published"] == "2025-01-10" and source["visibility"] == "public"
    assert source["rank_boost"] == 1.0
    assert next(bulk_actions([replace(VIDEO, boost=1.3)], aliases("pgb")))["_source"]["rank_boost"] == 1.3
    document = next(bulk_actions([DOCUMENT], aliases("pgb")))["_source"]
    assert document["visibility"] == "members"
    assert {
        "kind": "page",
        "page": 3,
        "title": "Beleidsregels",
        "url": "/documents/7/b.pdf",
        "text": "Het informele tarief is 25 euro per uur.",
    } in (document["passages"])
    assert list(delete_actions(["a", "b"], ["pgb-public", "pgb-members"])) == [
        {"_op_type": "delete", "_index": "pgb-public", "_id": "a"},
        {"_op_type": "delete", "_index": "pgb-members", "_id": "a"},
        {"_op_type": "delete", "_index": "pgb-public", "_id": "b"},
        {"_op_type": "delete", "_index": "pgb-members", "_id": "b"},
    ]


def test_each_document_lives_in_the_index_of_its_visibility_only():
    actions = list(bulk_actions([DOCUMENT], aliases("pgb")))
    assert [(a["_op_type"], a["_index"]) for a in actions] == [
        ("index", "pgb-members"),
        ("delete", "pgb-public"),
    ]
    assert aliases_for("pgb", ANONYMOUS) == ["pgb-public"]  # what an anonymous search reads
    assert aliases_for("pgb", MEMBERS) == ["pgb-members", "pgb-public"]


def test_bulk_writes_wait_until_searchable_only_when_asked():
    assert bulk_params(refresh=True) == {"refresh": "wait_for"}
    assert bulk_params(refresh=False) == {}


def test_searches_and_index_work_have_their_own_timeouts_and_secured_clusters_are_reached():
    import certifi

    from search.backends.elasticsearch import ElasticsearchBackend

    backend = ElasticsearchBackend(
        "https://search.example.nl:9200",
        timeout=2,
        admin_timeout=300,
        ca_certs=certifi.where(),
        api_key="c2VjcmV0",
    )
    assert backend.client._request_timeout == 2  # what a visitor waits for
    assert backend.admin._request_timeout == 300  # creating indexes, bulks, synonyms, alias swaps
    assert backend.client._headers["authorization"] == "ApiKey c2VjcmV0"
    node = backend.client.transport.node_pool.get()
    assert node.config.ca_certs == certifi.where()


def test_a_cluster_is_reached_through_each_of_its_nodes():
    from search.backends.elasticsearch import ElasticsearchBackend

    backend = ElasticsearchBackend("http://es1.example.nl:9200, http://es2.example.nl:9200", timeout=2)
    hosts = sorted(node.config.host for node in backend.client.transport.node_pool.all())
    assert hosts == ["es1.example.nl", "es2.example.nl"]


def test_the_cluster_stems_with_snowballs_original_dutch_and_our_overrides_a_documented_difference():
    # Elasticsearch 8's `dutch` stemmer is Snowball's original Dutch (snowballstemmer's
    # "dutch_porter"); the database backend stems with Snowball's current Dutch and keeps inner "ge"s.
    # The override list is the same in both; beyond it the backends may conflate words differently.
    import snowballstemmer

    from search.analysis import stem

    original = snowballstemmer.stemmer("dutch_porter")
    definition = index_definition("pgb-public-1", "pgb-synonyms")
    chain, filters = analyzer(definition, "pgb_dutch")
    rules = dict(rule.split(" => ") for rule in filters[chain["filter"][3]]["rules"])
    assert filters[chain["filter"][4]]["language"] == "dutch"

    def cluster_stem(word: str) -> str:
        return rules.get(word) or original.stemWord(word)

    for word in ("gezinnen", "gemeenten", "mantelzorgers", "budgetten"):  # the overrides agree
        assert cluster_stem(word) == stem(word)
    for a, b in (
        ("budgethouders", "budgethouder"),
        ("beoordelen", "beoordeling"),
        ("begeleiding", "begeleiden"),
    ):
        assert stem(a) == stem(b) and cluster_stem(a) == cluster_stem(b)  # both join these
    # Documented differences (README, Search): the database backend joins "aanpak"/"aanpakt" and the
    # cluster does not; the cluster joins "antwoord"/"antwoorden" and the database backend does not.
    assert stem("aanpakt") == stem("aanpak") and cluster_stem("aanpakt") != cluster_stem("aanpak")
    assert cluster_stem("antwoorden") == cluster_stem("antwoord") and stem("antwoorden") != stem("antwoord")
