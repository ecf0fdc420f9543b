"""What the Elasticsearch backend sends, as pure functions returning dicts: documents and bulk actions,
and the bodies of search, suggest and related requests. Tests read these without a cluster."""

from collections.abc import Iterable

from elasticsearch.dsl import A, Q, Search

from search.analysis import split_compound, words
from search.backends.database.query import query_concepts
from search.synonyms import SynonymMap
from search.types import FILTER_FIELDS, Audience, SearchDocument, SearchRequest

# A filter parameter and the field it filters on.
FIELD = {
    "type": "type",
    "theme": "themes",
    "law": "laws",
    "municipality": "municipality",
    "province": "province",
    "year": "year",
}
FACET_SIZE = {"municipality": 400}  # all 342 gemeenten, with room to grow
DEFAULT_FACET_SIZE = 100
TEXT_FIELDS = ["title^10", "title.parts^5", "summary^4", "summary.parts^2", "body", "body.parts^0.5"]
# The unified highlighter refuses text beyond the index's max_analyzed_offset (1,000,000 characters:
# a long PDF plus captions) with an error; asked to stop before it, it highlights the start instead.
MAX_ANALYZED_OFFSET = 999_999
HIGHLIGHT = {
    "pre_tags": ["<mark>"],
    "post_tags": ["</mark>"],
    "encoder": "html",
    "type": "unified",
    "max_analyzed_offset": MAX_ANALYZED_OFFSET,
}
SNIPPET_CHARS = 200
RECENCY_BOOST = 0.15  # as the database backend: a new item scores up to 15 % higher
HIDDEN_SOURCE = ["passages", "body", "spell"]  # highlights read them; hits need not carry them


def source(document: SearchDocument) -> dict:
    return {
        "doc_id": document.id,
        "type": document.type,
        "title": document.title,
        "summary": document.summary,
        "body": document.full_text,
        "passages": document.passages(),
        "url": document.url,
        "published": document.published.isoformat(),
        "rank_boost": document.rank_boost,
        "year": document.published.year,
        "visibility": str(document.visibility),
        "laws": list(document.laws),
        "themes": list(document.themes),
        "municipality": sorted({code for code, _name, _province in document.municipalities}),
        "province": sorted({province for _code, _name, province in document.municipalities if province}),
        "municipality_details": [
            {"code": code, "name": name, "province": province}
            for code, name, province in document.municipalities
        ],
    }


def bulk_actions(documents: Iterable[SearchDocument], aliases: dict[str, str]):
    """Index each document in the index of its visibility and delete it from the others (its
    visibility may have changed; deleting what is absent is a harmless 404)."""
    for document in documents:
        home = aliases[str(document.visibility)]
        yield {"_op_type": "index", "_index": home, "_id": document.id, "_source": source(document)}
        for alias in aliases.values():
            if alias != home:
                yield {"_op_type": "delete", "_index": alias, "_id": document.id}


def delete_actions(doc_ids: Iterable[str], indexes: Iterable[str]):
    indexes = list(indexes)
    for doc_id in doc_ids:
        for index in indexes:
            yield {"_op_type": "delete", "_index": index, "_id": doc_id}


def _filter(field: str, values: tuple[str, ...]):
    if field == "year":
        return Q("terms", year=[int(v) for v in values])
    return Q("terms", **{FIELD[field]: list(values)})


def _visible(audience: Audience):
    """Belt and braces: the indexes searched hold only what the audience may see, and so does this filter."""
    return Q("terms", visibility=list(audience.key))


def text_query(text: str, *, fuzzy: bool = False):
    """The words as typed (synonyms, phrases, and compounds in the text through the `parts` subfields),
    or, for each compound the visitor typed, all of its parts: "budgetplan" finds "budget voor het plan"
    but not every "plan", as in the database backend."""
    options = {"fuzziness": "AUTO", "prefix_length": 1} if fuzzy else {}

    def match(typed: str):
        return Q("multi_match", query=typed, fields=TEXT_FIELDS, type="most_fields", operator="or", **options)

    compounds = [parts for word in words(text) if (parts := split_compound(word))]
    if not compounds:
        return match(text)
    every_part = [Q("bool", must=[match(part) for part in parts]) for parts in compounds]
    return Q("bool", should=[match(text), *every_part], minimum_should_match=1)


CONCEPT = "concept-{}"  # the name of concept i's query: a hit's matched_queries say which it matches
# Text scores are squeezed below 1 (s / (s + TEXT_SCALE)) so that each matched concept, worth 1,
# counts for more than any text score: an item matching every concept ranks above any that misses one.
TEXT_SCALE = 10.0


def concept_query(text: str, number: int, *, fuzzy: bool = False):
    """What one concept of the query (a typed word, or a phrase of the synonym list) matches, named."""
    options = {"fuzziness": "AUTO", "prefix_length": 1} if fuzzy else {}
    return Q(
        "multi_match",
        query=text,
        fields=TEXT_FIELDS,
        type="most_fields",
        operator="and",
        _name=CONCEPT.format(number),
        **options,
    )


def _passage(text: str):
    """The best caption cue or PDF page, for a hit's second or page (it adds nothing to the score: the
    concept tiers must stay whole numbers apart)."""
    return Q(
        "nested",
        path="passages",
        query=Q("match", **{"passages.text": {"query": text}}),
        score_mode="none",
        inner_hits={
            "size": 1,  # the best passage: its kind, start (cue) or page (PDF) and highlight
            "highlight": {
                **HIGHLIGHT,
                "fields": {"passages.text": {"fragment_size": SNIPPET_CHARS, "number_of_fragments": 1}},
            },
        },
    )


def _ranked(request: SearchRequest, text: str, fuzzy: bool, concepts: list[str]):
    matched = text_query(text, fuzzy=fuzzy)
    if request.sort == "newest":
        organic = Q("constant_score", filter=matched, boost=1)
    else:
        organic = Q(
            "function_score",
            query=matched,
            functions=[
                {"weight": 1},
                {
                    "exp": {"published": {"origin": "now", "scale": "365d", "decay": 0.5}},
                    "weight": RECENCY_BOOST,
                },
            ],
            score_mode="sum",
            boost_mode="multiply",
        )
        # The item's own boost multiplies the whole (as the database backend's Snapshot.factor does).
        organic = Q(
            "function_score",
            query=organic,
            functions=[{"field_value_factor": {"field": "rank_boost", "missing": 1.0}}],
            boost_mode="multiply",
        )
        # One point per concept matched, the text score below one: the tiers of the database backend.
        organic = Q(
            "bool",
            must=[
                Q(
                    "script_score",
                    query=organic,
                    script={
                        "source": "_score / (_score + params.scale)",
                        "params": {"scale": TEXT_SCALE},
                    },
                )
            ],
            should=[
                Q("constant_score", filter=concept_query(concept, number, fuzzy=fuzzy), boost=1.0)
                for number, concept in enumerate(concepts)
            ],
        )
    pinned = list(request.promoted)
    return Q("pinned", ids=pinned, organic=organic) if pinned else organic


def concepts_of(text: str, synonyms: SynonymMap | None = None) -> list[str]:
    """The concepts of a query as typed: its words, a phrase of the synonym list as one (the database
    backend's `query_concepts`, without its index lookups for compounds written apart)."""
    return [concept.text for concept in query_concepts(text, synonyms or SynonymMap([]))]


def build_search(request: SearchRequest, *, fuzzy: bool = False, concepts: list[str] | None = None) -> dict:
    """The body of the search for `request`: matching and ranking in `query`, selections in
    `post_filter`, and one filtered aggregation per facet that applies every selection but its own.

    With text, the aggregation `concepts` counts the matches of each concept (none: the concept is
    "unmatched") and `complete` the results that match every concept; `concepts` defaults to
    `concepts_of(text)` (the backend passes them with the synonym list's phrases).
    """
    search = Search().extra(track_total_hits=True)
    text = request.text.strip()
    if concepts is None:
        concepts = concepts_of(text) if text else []
    if text:
        # The passage clause sits beside the ranked one, not inside it: a `pinned` query would drop
        # its inner hits, and a promoted query's video and PDF hits would lose their second and page.
        search = search.query(
            Q(
                "bool",
                must=[_ranked(request, text, fuzzy, concepts)],
                should=[_passage(text)],
                filter=[_visible(request.audience)],
            )
        )
        # Pinned items score above every organic one; with "newest" all organic items score alike.
        search = search.sort({"_score": "desc"}, {"published": "desc"}, {"doc_id": "desc"})
        search = (
            search.highlight_options(**HIGHLIGHT)
            .highlight("summary", number_of_fragments=0)
            .highlight("body", fragment_size=SNIPPET_CHARS, number_of_fragments=1)
        )
        search = search.suggest(
            "spelling",
            text,
            phrase={
                "field": "spell",
                "size": 1,
                "max_errors": 2,
                "direct_generator": [{"field": "spell", "suggest_mode": "missing", "min_word_length": 3}],
            },
        )
    else:
        search = search.query(Q("bool", filter=[_visible(request.audience)]))
        search = search.sort({"published": "desc"}, {"doc_id": "desc"})

    selections = [(field, request.selected(field)) for field in FILTER_FIELDS if request.selected(field)]
    if selections:
        search = search.post_filter(Q("bool", filter=[_filter(f, v) for f, v in selections]))
    if request.facets:
        for field in FILTER_FIELDS:
            others = [_filter(f, v) for f, v in selections if f != field]
            bucket = A("filter", filter=Q("bool", filter=others))
            bucket.bucket(
                "values", "terms", field=FIELD[field], size=FACET_SIZE.get(field, DEFAULT_FACET_SIZE)
            )
            search.aggs.bucket(field, bucket)
    if concepts:
        named = [concept_query(concept, number, fuzzy=fuzzy) for number, concept in enumerate(concepts)]
        search.aggs.bucket(
            "concepts", "filters", filters={CONCEPT.format(n): query for n, query in enumerate(named)}
        )
        search.aggs.bucket(
            "complete", "filter", filter=Q("bool", filter=[*named, *(_filter(f, v) for f, v in selections)])
        )
    search = search.source(excludes=HIDDEN_SOURCE)
    return search[request.offset : request.offset + request.page_size].to_dict()


def build_suggest(prefix: str, *, audience: Audience, limit: int) -> dict:
    """Titles as the visitor types: search_as_you_type with the last word a prefix."""
    match = Q(
        "multi_match",
        query=prefix,
        type="bool_prefix",
        operator="and",
        fields=["title.suggest", "title.suggest._2gram", "title.suggest._3gram"],
    )
    return (
        Search()
        .query(Q("bool", must=[match], filter=[_visible(audience)]))
        .sort({"_score": "desc"}, {"published": "desc"})
        .source(["title", "url", "type"])[:limit]
        .to_dict()
    )


def build_related(doc_id: str, *, audience: Audience, indexes: list[str], limit: int) -> dict:
    """Items like this one: more_like_this over its text, looked up only in the audience's indexes (a
    document it may not see lends no terms), never the item itself."""
    like = Q(
        "more_like_this",
        fields=["title", "summary", "body"],
        like=[{"_index": index, "_id": doc_id} for index in indexes],
        min_term_freq=1,
        min_doc_freq=1,
        max_query_terms=30,
        # The default (30 % of up to 30 terms) leaves a short item without related items; as the
        # database backend, any shared word counts, the best shared words rank first.
        minimum_should_match="1",
    )
    return (
        Search()
        .query(Q("bool", must=[like], filter=[_visible(audience)], must_not=[Q("ids", values=[doc_id])]))
        .source(excludes=HIDDEN_SOURCE)[:limit]
        .to_dict()
    )


def bulk_params(*, refresh: bool) -> dict:
    """Parameters of every bulk request: with `refresh`, return once the writes are searchable."""
    return {"refresh": "wait_for"} if refresh else {}
