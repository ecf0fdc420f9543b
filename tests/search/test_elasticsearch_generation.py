"""The Elasticsearch backend's searches, tested through what it sends and how it reads the answer:
search, suggest and related requests, concepts and tiers, responses.

No cluster runs on this machine (and none is faked): these tests read the JSON the backend would
send. tests/search/test_elasticsearch_live.py and the contract suite run it against a real cluster
when ELASTICSEARCH_URL is set; the index itself is in test_elasticsearch_index.py.
"""

import datetime

from accounts.selectors import ANONYMOUS, MEMBERS
from search.backends.elasticsearch.mapping import aliases, index_definition
from search.backends.elasticsearch.queries import (
    FACET_SIZE,
    build_related,
    build_search,
    build_suggest,
    bulk_actions,
    concepts_of,
)
from search.backends.elasticsearch.responses import parse_hit, parse_response
from search.synonyms import SynonymMap, parse_rule
from search.types import FILTER_FIELDS, SearchRequest
from tests.search.elasticsearch_samples import DOCUMENT, VIDEO


def request(query: SearchRequest, **options) -> dict:
    return build_search(query, **options)


def test_anonymous_searches_only_see_public_items_members_also_members_only():
    public = request(SearchRequest(text="fraude"))
    assert {"terms": {"visibility": ["public"]}} in public["query"]["bool"]["filter"]
    members = request(SearchRequest(text="fraude", audience=MEMBERS))
    assert {"terms": {"visibility": ["members", "public"]}} in members["query"]["bool"]["filter"]
    browse = request(SearchRequest())
    assert browse["query"] == {"bool": {"filter": [{"terms": {"visibility": ["public"]}}]}}


def test_selections_go_to_post_filter_and_each_facet_drops_only_its_own():
    body = request(
        SearchRequest(
            text="pgb", filters=(("type", ("case", "video")), ("law", ("wmo",)), ("year", ("2024",)))
        )
    )
    assert body["post_filter"] == {
        "bool": {
            "filter": [
                {"terms": {"type": ["case", "video"]}},
                {"terms": {"laws": ["wmo"]}},
                {"terms": {"year": [2024]}},
            ]
        }
    }
    assert set(body["aggs"]) == {*FILTER_FIELDS, "concepts", "complete"}
    assert body["aggs"]["type"]["filter"]["bool"]["filter"] == [
        {"terms": {"laws": ["wmo"]}},
        {"terms": {"year": [2024]}},
    ]
    assert body["aggs"]["theme"]["filter"]["bool"]["filter"] == body["post_filter"]["bool"]["filter"]
    assert body["aggs"]["municipality"]["aggs"]["values"]["terms"] == {"field": "municipality", "size": 400}
    assert FACET_SIZE["municipality"] >= 400
    assert set(request(SearchRequest(text="pgb", facets=False))["aggs"]) == {"concepts", "complete"}
    assert "aggs" not in request(SearchRequest(facets=False))


def tiered(body) -> dict:
    """The organic query: a point per concept matched (should) plus the text score squeezed below one."""
    return body["query"]["bool"]["must"][0]["bool"]


def ranked(body) -> dict:
    """The inner function_score (text match × recency) under the item's own boost."""
    outer = tiered(body)["must"][0]["script_score"]["query"]["function_score"]
    assert outer["functions"] == [{"field_value_factor": {"field": "rank_boost", "missing": 1.0}}]
    assert outer["boost_mode"] == "multiply"
    return outer["query"]["function_score"]


def test_text_ranks_by_weighted_fields_with_a_mild_recency_boost():
    body = request(SearchRequest(text="trekkingsrecht svb"))
    score = ranked(body)
    match = score["query"]["multi_match"]
    assert match["query"] == "trekkingsrecht svb" and match["type"] == "most_fields"
    weights = dict(f.split("^") if "^" in f else (f, "1") for f in match["fields"])
    assert float(weights["title"]) > float(weights["summary"]) > float(weights["body"])
    assert "title.parts" in weights and "body.parts" in weights
    decay = score["functions"][1]
    assert "published" in decay["exp"] and 0 < decay["weight"] <= 0.2
    assert score["boost_mode"] == "multiply"
    assert "fuzziness" not in match
    fuzzy = request(SearchRequest(text="trekingsrecht"), fuzzy=True)
    assert ranked(fuzzy)["query"]["multi_match"]["fuzziness"] == "AUTO"


def multi_matches(clause) -> list[dict]:
    """Every multi_match inside a query clause, depth first."""
    if isinstance(clause, dict):
        found = [clause["multi_match"]] if "multi_match" in clause else []
        return found + [m for value in clause.values() for m in multi_matches(value)]
    if isinstance(clause, list):
        return [m for value in clause for m in multi_matches(value)]
    return []


def test_a_typed_compound_needs_all_of_its_parts_not_any_one():
    # Split at search time the parts would stand at one position, as synonyms: "budgetplan" would
    # find every "plan". The query builder requires them all instead, as the database backend does.
    matched = ranked(request(SearchRequest(text="budgetplan")))["query"]
    typed, every_part = matched["bool"]["should"]
    assert typed["multi_match"]["query"] == "budgetplan" and matched["bool"]["minimum_should_match"] == 1
    assert [m["query"] for m in multi_matches(every_part["bool"]["must"])] == ["budget", "plan"]
    fuzzy = request(SearchRequest(text="budgetplan"), fuzzy=True)
    assert all(m["fuzziness"] == "AUTO" for m in multi_matches(fuzzy["query"]))
    # and the parts subfields do not split the query's words themselves
    definition = index_definition("pgb-public-1", "pgb-synonyms")
    for field in ("title", "summary", "body"):
        parts = definition["mappings"]["properties"][field]["fields"]["parts"]
        assert parts["analyzer"] == "pgb_compound" and parts["search_analyzer"] == "pgb_dutch_search"


def test_highlights_are_html_safe_marks_and_passages_give_second_and_page():
    body = request(SearchRequest(text="declaraties"))
    assert body["highlight"]["pre_tags"] == ["<mark>"] and body["highlight"]["encoder"] == "html"
    assert body["highlight"]["type"] == "unified"
    # A body over the index's max_analyzed_offset (a long PDF) is highlighted up to it, not refused.
    assert 0 < body["highlight"]["max_analyzed_offset"] < 1_000_000
    nested = body["query"]["bool"]["should"][0]["nested"]
    assert nested["path"] == "passages"
    assert nested["inner_hits"]["highlight"]["encoder"] == "html"
    assert 0 < nested["inner_hits"]["highlight"]["max_analyzed_offset"] < 1_000_000
    assert nested["inner_hits"]["size"] == 1  # the best passage, with its start (cue) or page (PDF)
    assert body["suggest"]["spelling"]["phrase"]["field"] == "spell"


def test_a_promoted_query_keeps_the_passages_of_its_hits():
    body = request(SearchRequest(text="declaraties", promoted=("video-a",)))
    outer = body["query"]["bool"]
    assert (
        "pinned" in outer["must"][0]
    )  # pinned drops inner hits of what it wraps: the passages sit beside it
    assert outer["should"][0]["nested"]["inner_hits"]["size"] == 1


def test_sort_pages_and_promotions():
    body = request(SearchRequest(text="budgetplan", page=3, page_size=20, promoted=("video-a",)))
    assert body["from"] == 40 and body["size"] == 20 and body["track_total_hits"] is True
    assert body["_source"] == {"excludes": ["passages", "body", "spell"]}  # highlights still read them
    pinned = body["query"]["bool"]["must"][0]["pinned"]
    assert pinned["ids"] == ["video-a"] and "script_score" in pinned["organic"]["bool"]["must"][0]
    newest = request(SearchRequest(text="budgetplan", sort="newest"))
    assert "constant_score" in newest["query"]["bool"]["must"][0]
    assert newest["sort"][:2] == [{"_score": "desc"}, {"published": "desc"}]
    assert request(SearchRequest())["sort"][0] == {"published": "desc"}


def test_suggest_and_related_requests():
    suggest = build_suggest("zo werkt het trekk", audience=ANONYMOUS, limit=5)
    match = suggest["query"]["bool"]["must"][0]["multi_match"]
    assert match["type"] == "bool_prefix" and "title.suggest._2gram" in match["fields"]
    assert (
        suggest["query"]["bool"]["filter"] == [{"terms": {"visibility": ["public"]}}] and suggest["size"] == 5
    )
    related = build_related("case-a", audience=ANONYMOUS, indexes=["pgb-public"], limit=4)
    mlt = related["query"]["bool"]["must"][0]["more_like_this"]
    assert mlt["like"] == [{"_index": "pgb-public", "_id": "case-a"}]  # a hidden document lends no terms
    assert mlt["minimum_should_match"] == "1"  # the default 30 % leaves short items without related ones
    assert related["query"]["bool"]["must_not"] == [{"ids": {"values": ["case-a"]}}]
    assert related["query"]["bool"]["filter"] == [{"terms": {"visibility": ["public"]}}]


def test_a_video_hit_takes_second_and_highlight_from_its_best_caption():
    source = next(bulk_actions([VIDEO], aliases("pgb")))["_source"]
    hit = parse_hit(
        {
            "_source": {k: v for k, v in source.items() if k not in ("passages", "body", "spell")},
            "highlight": {"body": ["Inleiding <mark>declaraties</mark>"]},
            "inner_hits": {
                "passages": {
                    "hits": {
                        "hits": [
                            {
                                "_source": {"kind": "cue", "start": 62.5},
                                "highlight": {"passages.text": ["ziet u uw <mark>declaraties</mark>."]},
                            }
                        ]
                    }
                }
            },
        }
    )
    assert hit.timestamp == 62.5 and hit.page is None
    assert hit.highlight == "ziet u uw <mark>declaraties</mark>."
    assert hit.municipalities == (("GM0344", "Utrecht"), ("GM0193", "Zwolle"))
    assert hit.published == datetime.date(2025, 1, 10)


def test_a_hit_inside_an_attached_pdf_names_the_page_and_links_the_pdf_there_whatever_its_type():
    source = next(bulk_actions([DOCUMENT], aliases("pgb")))["_source"]
    source = {k: v for k, v in source.items() if k not in ("passages", "body", "spell")} | {"type": "case"}
    page = {"kind": "page", "page": 3, "title": "Beleidsregels", "url": "/documents/7/b.pdf"}
    hit = parse_hit(
        {
            "_source": source,
            "inner_hits": {
                "passages": {
                    "hits": {
                        "hits": [{"_source": page, "highlight": {"passages.text": ["<mark>tarief</mark>"]}}]
                    }
                }
            },
        }
    )
    assert hit.type == "case" and hit.page == 3 and hit.timestamp is None
    assert hit.page_title == "Beleidsregels" and hit.page_url == "/documents/7/b.pdf#page=3"


def test_each_concept_is_a_named_point_so_complete_matches_rank_first_and_are_counted():
    request_ = SearchRequest(text="pgb weigeren", filters=(("law", ("wmo",)),))
    body = request(request_)
    organic = tiered(body)
    concepts = [clause["constant_score"]["filter"]["multi_match"] for clause in organic["should"]]
    assert [(c["query"], c["_name"], c["operator"]) for c in concepts] == [
        ("pgb", "concept-0", "and"),
        ("weigeren", "concept-1", "and"),
    ]
    assert all(clause["constant_score"]["boost"] == 1.0 for clause in organic["should"])
    # The text score is squeezed below one point: no text score outweighs a concept.
    squeeze = organic["must"][0]["script_score"]["script"]
    assert squeeze["source"] == "_score / (_score + params.scale)" and squeeze["params"]["scale"] > 0
    # The passage query finds the second or page but adds nothing that could break the tiers.
    assert body["query"]["bool"]["should"][0]["nested"]["score_mode"] == "none"
    assert set(body["aggs"]["concepts"]["filters"]["filters"]) == {"concept-0", "concept-1"}
    complete = body["aggs"]["complete"]["filter"]["bool"]["filter"]
    assert [c["multi_match"]["_name"] for c in complete[:2]] == ["concept-0", "concept-1"]
    assert complete[2:] == [{"terms": {"laws": ["wmo"]}}]  # counted within the selection, as total


def test_a_phrase_of_the_synonym_list_is_one_concept_named_as_typed():
    synonyms = SynonymMap([parse_rule("zin, zorg in natura")])
    assert concepts_of("Zorg in natura of PGB?", synonyms) == ["Zorg in natura", "PGB"]
    assert concepts_of("de het een") == []


def test_the_response_says_how_many_are_complete_what_matched_nothing_and_what_each_hit_lacks():
    source = {"doc_id": "case-a", "type": "case", "title": "A", "url": "/a/", "published": "2024-01-01"}
    response = {
        "hits": {
            "total": {"value": 2},
            "hits": [
                {"_source": source, "matched_queries": ["concept-0"]},
                {"_source": {**source, "doc_id": "case-b"}, "matched_queries": ["concept-0", "concept-1"]},
            ],
        },
        "aggregations": {
            "concepts": {
                "buckets": {
                    "concept-0": {"doc_count": 2},
                    "concept-1": {"doc_count": 1},
                    "concept-2": {"doc_count": 0},
                }
            },
            "complete": {"doc_count": 0},
        },
    }
    results = parse_response(
        response, SearchRequest(text="pgb budgetplan xylofoon"), ["pgb", "budgetplan", "xylofoon"]
    )
    assert results.complete == 0 and results.unmatched == ("xylofoon",)
    assert [hit.missing for hit in results.hits] == [("budgetplan", "xylofoon"), ("xylofoon",)]
    browse = parse_response({"hits": {"total": {"value": 5}, "hits": []}}, SearchRequest(), [])
    assert browse.complete == 5 and browse.unmatched == ()
