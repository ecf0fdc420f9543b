"""The Elasticsearch backend: for when one machine is outgrown.

Everything the cluster is asked is built by pure functions that tests inspect without a cluster:
`index_definition` (analysis chain and mapping), `bulk_actions`/`delete_actions`, `build_search`,
`build_suggest` and `build_related`. `ElasticsearchBackend` sends them and turns answers into the
same `SearchResults` the database backend returns.

One index lives behind an alias (ELASTICSEARCH_INDEX); `rebuild` fills a new index and swaps the
alias in one atomic request, so searches never see a half-built index. Synonyms live in a synonyms
set that the search analyzer reads (`updateable`), so an editor's change needs no reindex.
"""

import datetime
from collections.abc import Iterable

from django.utils.html import escape
from elasticsearch import Elasticsearch, NotFoundError, helpers
from elasticsearch.dsl import (
    A,
    Date,
    Document,
    Float,
    Index,
    InnerDoc,
    Integer,
    Keyword,
    Nested,
    Object,
    Q,
    Search,
    SearchAsYouType,
    Text,
    analyzer,
    token_filter,
)

from search.analysis import COMPOUND_PARTS, STEM_OVERRIDES, fold
from search.labels import facet_values
from search.synonyms import SynonymMap
from search.types import (
    FILTER_FIELDS,
    BackendHealth,
    FacetValue,
    Hit,
    SearchDocument,
    SearchQuery,
    SearchResults,
)

# --- Analysis -----------------------------------------------------------------------------------

dutch_stop = token_filter("pgb_dutch_stop", "stop", stopwords="_dutch_")
dutch_override = token_filter(
    "pgb_dutch_override",
    "stemmer_override",
    rules=[f"{word} => {stem}" for word, stem in sorted(STEM_OVERRIDES.items()) if "'" not in word],
)
dutch_stemmer = token_filter("pgb_dutch_stemmer", "stemmer", language="dutch")  # not the deprecated dutch_kp
decompounder = token_filter(
    "pgb_decompounder",
    "dictionary_decompounder",
    word_list=sorted({fold(part) for part in COMPOUND_PARTS}),
    min_subword_size=3,
    only_longest_match=False,
)
SYNONYM_FILTER_NAME = "pgb_synonyms"

FOLDING = ["lowercase", "asciifolding"]
STEMMING = [dutch_stop, dutch_override, dutch_stemmer]


def synonyms_set_id(alias: str) -> str:
    return f"{alias}-synonyms"


def analyzers(alias: str) -> dict:
    """The analyzers of the index; search-time ones read the synonyms set of `alias`."""
    synonyms = token_filter(
        SYNONYM_FILTER_NAME,
        "synonym_graph",
        synonyms_set=synonyms_set_id(alias),
        updateable=True,  # reloaded when the set changes: search analyzers only
        lenient=True,
    )
    return {
        "dutch": analyzer("pgb_dutch", tokenizer="standard", filter=FOLDING + STEMMING),
        "dutch_search": analyzer(
            "pgb_dutch_search", tokenizer="standard", filter=FOLDING + [synonyms] + STEMMING
        ),
        "compound": analyzer(
            "pgb_compound", tokenizer="standard", filter=FOLDING + [decompounder] + STEMMING
        ),
        "compound_search": analyzer(
            "pgb_compound_search", tokenizer="standard", filter=FOLDING + [synonyms, decompounder] + STEMMING
        ),
        "folding": analyzer("pgb_folding", tokenizer="standard", filter=FOLDING),
    }


def _text(a: dict, *, suggest: bool = False) -> Text:
    """A Dutch text field with a compound-splitting subfield (gezinspgb finds 'pgb voor het gezin')."""
    fields = {"parts": Text(analyzer=a["compound"], search_analyzer=a["compound_search"])}
    if suggest:
        fields["suggest"] = SearchAsYouType(analyzer=a["folding"])
    return Text(analyzer=a["dutch"], search_analyzer=a["dutch_search"], copy_to="spell", fields=fields)


def document_class(alias: str) -> type[Document]:
    a = analyzers(alias)

    class Passage(InnerDoc):
        kind = Keyword()  # body | cue | page
        text = Text(analyzer=a["dutch"], search_analyzer=a["dutch_search"])
        start = Float()  # cue: second in the video
        page = Integer()  # page: PDF page number
        title = Keyword(index=False)

    class PgbItem(Document):
        doc_id = Keyword()
        type = Keyword()
        title = _text(a, suggest=True)
        summary = _text(a)
        body = _text(a)  # body text, every caption and every PDF page: ranks like the database backend
        spell = Text(analyzer=a["folding"])  # the unstemmed words, for the "Bedoelde u" suggester
        passages = Nested(Passage)
        url = Keyword(index=False)
        published = Date()
        year = Integer()
        audience = Keyword()
        laws = Keyword()
        themes = Keyword()
        municipality = Keyword()  # CBS codes
        province = Keyword()
        municipality_details = Object(enabled=False)  # [{code, name, province}] for display

    return PgbItem


def index_definition(name: str, alias: str, *, replicas: int = 1) -> dict:
    """The body that creates the concrete index `name`: settings with the analysis chain, mappings."""
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=replicas, max_ngram_diff=2)
    index.document(document_class(alias))
    return index.to_dict()


# --- Documents ----------------------------------------------------------------------------------

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
        "year": document.published.year,
        "audience": str(document.audience),
        "laws": list(document.laws),
        "themes": list(document.themes),
        "municipality": sorted({code for code, _name, _province in document.municipalities}),
        "province": sorted({province for _code, _name, province in document.municipalities if province}),
        "municipality_details": [
            {"code": code, "name": name, "province": province}
            for code, name, province in document.municipalities
        ],
    }


def bulk_actions(documents: Iterable[SearchDocument], index: str):
    for document in documents:
        yield {"_op_type": "index", "_index": index, "_id": document.id, "_source": source(document)}


def delete_actions(doc_ids: Iterable[str], index: str):
    for doc_id in doc_ids:
        yield {"_op_type": "delete", "_index": index, "_id": doc_id}


# --- Queries ------------------------------------------------------------------------------------

TEXT_FIELDS = ["title^10", "title.parts^5", "summary^4", "summary.parts^2", "body", "body.parts^0.5"]
HIGHLIGHT = {"pre_tags": ["<mark>"], "post_tags": ["</mark>"], "encoder": "html", "type": "unified"}
SNIPPET_CHARS = 200
RECENCY_BOOST = 0.15  # as the database backend: a new item scores up to 15 % higher


def _filter(field: str, values: tuple[str, ...]):
    if field == "year":
        return Q("terms", year=[int(v) for v in values])
    return Q("terms", **{FIELD[field]: list(values)})


def text_query(text: str, *, fuzzy: bool = False):
    options = {"fuzziness": "AUTO", "prefix_length": 1} if fuzzy else {}
    return Q("multi_match", query=text, fields=TEXT_FIELDS, type="most_fields", operator="or", **options)


def build_search(
    query: SearchQuery, *, index: str, pinned_ids=(), fuzzy: bool = False, client=None
) -> Search:
    """The search request for `query`: matching and ranking in `query`, selections in `post_filter`,
    and one filtered aggregation per facet that applies every selection but its own."""
    search = Search(using=client, index=index).extra(track_total_hits=True)
    audience = Q("terms", audience=query.audiences)
    text = query.text.strip()
    if text:
        passage = Q(
            "nested",
            path="passages",
            query=Q("match", **{"passages.text": {"query": text}}),
            score_mode="max",
            boost=0.1,
            inner_hits={
                "size": 1,  # the best passage: its kind, start (cue) or page (PDF) and highlight
                "highlight": {
                    **HIGHLIGHT,
                    "fields": {"passages.text": {"fragment_size": SNIPPET_CHARS, "number_of_fragments": 1}},
                },
            },
        )
        matched = Q("bool", must=[text_query(text, fuzzy=fuzzy)], should=[passage])
        if query.sort == "newest":
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
        pinned = list(pinned_ids)
        ranked = Q("pinned", ids=pinned, organic=organic) if pinned else organic
        search = search.query(Q("bool", must=[ranked], filter=[audience]))
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
        search = search.query(Q("bool", filter=[audience])).sort({"published": "desc"}, {"doc_id": "desc"})

    selections = [(field, query.selected(field)) for field in FILTER_FIELDS if query.selected(field)]
    if selections:
        search = search.post_filter(Q("bool", filter=[_filter(f, v) for f, v in selections]))
    if query.facets:
        for field in FILTER_FIELDS:
            others = [_filter(f, v) for f, v in selections if f != field]
            bucket = A("filter", filter=Q("bool", filter=others))
            bucket.bucket(
                "values", "terms", field=FIELD[field], size=FACET_SIZE.get(field, DEFAULT_FACET_SIZE)
            )
            search.aggs.bucket(field, bucket)
    search = search.source(excludes=["passages", "body", "spell"])
    return search[query.offset : query.offset + query.page_size]


def build_suggest(prefix: str, *, index: str, audiences: list[str], limit: int, client=None) -> Search:
    """Titles as the visitor types: search_as_you_type with the last word a prefix."""
    return (
        Search(using=client, index=index)
        .query(
            Q(
                "bool",
                must=[
                    Q(
                        "multi_match",
                        query=prefix,
                        type="bool_prefix",
                        operator="and",
                        fields=["title.suggest", "title.suggest._2gram", "title.suggest._3gram"],
                    )
                ],
                filter=[Q("terms", audience=audiences)],
            )
        )
        .sort({"_score": "desc"}, {"published": "desc"})
        .source(["title", "url", "type"])[:limit]
    )


def build_related(doc_id: str, *, index: str, audiences: list[str], limit: int, client=None) -> Search:
    """Items like this one: more_like_this over its text, never the item itself or what the visitor may not see."""
    return (
        Search(using=client, index=index)
        .query(
            Q(
                "bool",
                must=[
                    Q(
                        "more_like_this",
                        fields=["title", "summary", "body"],
                        like=[{"_index": index, "_id": doc_id}],
                        min_term_freq=1,
                        min_doc_freq=1,
                        max_query_terms=30,
                    )
                ],
                filter=[Q("terms", audience=audiences)],
                must_not=[Q("ids", values=[doc_id])],
            )
        )
        .source(excludes=["passages", "body", "spell"])[:limit]
    )


# --- Answers ------------------------------------------------------------------------------------


def parse_hit(raw: dict, pinned_ids=()) -> Hit:
    """A Hit from one hit of a search response (`_source`, `highlight`, `inner_hits`)."""
    doc = raw["_source"]
    highlight = raw.get("highlight", {})
    passage = None
    inner = raw.get("inner_hits", {}).get("passages", {}).get("hits", {}).get("hits", [])
    if inner:
        passage = inner[0]
    snippet = ""
    timestamp = page = None
    if passage and doc["type"] in ("video", "document"):
        kind = passage["_source"].get("kind")
        snippet = (passage.get("highlight", {}).get("passages.text") or [""])[0]
        if kind == "cue" and doc["type"] == "video":
            timestamp = passage["_source"].get("start")
        if kind == "page" and doc["type"] == "document":
            page = passage["_source"].get("page")
    if not snippet:
        snippet = (highlight.get("body") or highlight.get("summary") or [""])[0]
    if not snippet:
        summary = doc.get("summary", "")
        snippet = escape(
            summary if len(summary) <= SNIPPET_CHARS else summary[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"
        )
    return Hit(
        id=doc["doc_id"],
        type=doc["type"],
        title=doc["title"],
        url=doc["url"],
        summary=doc.get("summary", ""),
        highlight=snippet,
        published=datetime.date.fromisoformat(doc["published"][:10]),
        municipalities=tuple((m["code"], m["name"]) for m in doc.get("municipality_details", [])),
        laws=tuple(doc.get("laws", [])),
        themes=tuple(doc.get("themes", [])),
        timestamp=timestamp,
        page=page,
        promoted=doc["doc_id"] in pinned_ids,
    )


def parse_facets(aggregations: dict, query: SearchQuery) -> dict[str, list[FacetValue]]:
    facets = {}
    for field in FILTER_FIELDS:
        buckets = aggregations.get(field, {}).get("values", {}).get("buckets", [])
        counts = {str(b["key"]): b["doc_count"] for b in buckets}
        facets[field] = facet_values(field, counts, query.selected(field))
    return facets


def parse_suggestion(suggest: dict, text: str) -> str | None:
    for entry in suggest.get("spelling", []):
        for option in entry.get("options", []):
            if fold(option["text"]) != fold(" ".join(text.split())):
                return option["text"]
    return None


def parse_response(
    response: dict, query: SearchQuery, pinned_ids=(), backend: str = "elasticsearch"
) -> SearchResults:
    hits = response.get("hits", {})
    total = hits.get("total", {})
    return SearchResults(
        query=query,
        total=total["value"] if isinstance(total, dict) else int(total or 0),
        hits=[parse_hit(raw, pinned_ids) for raw in hits.get("hits", [])],
        facets=parse_facets(response.get("aggregations", {}), query) if query.facets else {},
        backend=backend,
        suggestion=parse_suggestion(response.get("suggest", {}), query.text) if query.text.strip() else None,
    )


# --- The backend --------------------------------------------------------------------------------


class ElasticsearchError(RuntimeError):
    """The cluster refused an update; the message says what (in English, for operators)."""


class ElasticsearchBackend:
    name = "elasticsearch"

    def __init__(
        self,
        url: str,
        *,
        index_prefix: str = "pgb",
        timeout: float = 2.0,
        replicas: int = 1,
        refresh: bool = False,
    ):
        """`refresh` makes every update visible before it returns (tests); production leaves it to the cluster."""
        if not url:
            raise ElasticsearchError("ELASTICSEARCH_URL is not set")
        self.alias = index_prefix
        self.replicas = replicas
        self.refresh = refresh
        self.client = Elasticsearch(url, request_timeout=timeout, max_retries=0, retry_on_timeout=False)

    # --- Index management -------------------------------------------------------------------------

    def new_index_name(self) -> str:
        return f"{self.alias}-{datetime.datetime.now(datetime.UTC):%Y%m%d%H%M%S%f}"

    def create_index(self, name: str) -> None:
        body = index_definition(name, self.alias, replicas=self.replicas)
        self.client.indices.create(index=name, settings=body["settings"], mappings=body["mappings"])

    def ensure_index(self) -> None:
        """Create the first index behind the alias (and the synonyms set it reads) if there is none."""
        if self.client.indices.exists_alias(name=self.alias):
            return
        self.ensure_synonyms()
        name = self.new_index_name()
        self.create_index(name)
        self.client.indices.put_alias(index=name, name=self.alias)

    def ensure_synonyms(self) -> None:
        try:
            self.client.synonyms.get_synonym(id=synonyms_set_id(self.alias), size=1)
        except NotFoundError:
            self.client.synonyms.put_synonym(id=synonyms_set_id(self.alias), synonyms_set=[])

    def sync_synonyms(self, rules: Iterable[str]) -> None:
        """Replace the synonyms set with these rules (Solr format); search analyzers reload at once."""
        self.client.synonyms.put_synonym(id=synonyms_set_id(self.alias), synonyms_set=synonym_rules(rules))

    def drop(self) -> None:
        """Remove every index behind the alias and the synonyms set (tests, decommissioning)."""
        if self.client.indices.exists_alias(name=self.alias):
            for index in self.client.indices.get_alias(name=self.alias):
                self.client.indices.delete(index=index)
        try:
            self.client.synonyms.delete_synonym(id=synonyms_set_id(self.alias))
        except NotFoundError:
            pass

    def rebuild(self, documents: Iterable[SearchDocument]) -> int:
        """Fill a new index and swap the alias to it atomically; the old index is then removed."""
        self.ensure_synonyms()
        name = self.new_index_name()
        self.create_index(name)
        count = self._bulk(bulk_actions(documents, name))
        self.client.indices.refresh(index=name)
        old = (
            list(self.client.indices.get_alias(name=self.alias).keys())
            if self.client.indices.exists_alias(name=self.alias)
            else []
        )
        actions = [{"remove": {"index": index, "alias": self.alias}} for index in old]
        actions.append({"add": {"index": name, "alias": self.alias}})
        self.client.indices.update_aliases(actions=actions)
        for index in old:
            self.client.indices.delete(index=index)
        return count

    # --- Updates ----------------------------------------------------------------------------------

    def upsert(self, documents: Iterable[SearchDocument]) -> int:
        self.ensure_index()
        return self._bulk(bulk_actions(documents, self.alias))

    def delete(self, doc_ids: Iterable[str]) -> int:
        self.ensure_index()
        return self._bulk(delete_actions(doc_ids, self.alias))

    def _bulk(self, actions) -> int:
        done, errors = helpers.bulk(
            self.client, actions, chunk_size=500, raise_on_error=False, stats_only=False
        )
        real = [
            e for e in errors if next(iter(e.values())).get("status") != 404
        ]  # deleting the absent is fine
        if real:
            raise ElasticsearchError(f"{len(real)} bulk actions failed, first: {real[0]}")
        return done

    # --- Asking -----------------------------------------------------------------------------------

    def search(
        self, query: SearchQuery, *, synonyms: SynonymMap | None = None, pinned_ids=()
    ) -> SearchResults:
        """Results for `query`. Synonyms are applied by the cluster's synonyms set, not passed per query."""
        pinned = list(pinned_ids)
        response = (
            build_search(query, index=self.alias, pinned_ids=pinned, client=self.client).execute().to_dict()
        )
        results = parse_response(response, query, pinned)
        if results.total == 0 and query.text.strip():
            # Nothing matches exactly: try again allowing a typo or two per word.
            fuzzy = build_search(query, index=self.alias, pinned_ids=pinned, fuzzy=True, client=self.client)
            retry = parse_response(fuzzy.execute().to_dict(), query, pinned)
            retry.suggestion = retry.suggestion or results.suggestion
            return retry
        return results

    def suggest(self, prefix: str, *, audiences: list[str], limit: int = 8) -> list[dict]:
        if len(prefix.strip()) < 2:
            return []
        response = build_suggest(
            prefix, index=self.alias, audiences=audiences, limit=limit, client=self.client
        )
        return [
            {"title": hit["_source"]["title"], "url": hit["_source"]["url"], "type": hit["_source"]["type"]}
            for hit in response.execute().to_dict()["hits"]["hits"]
        ]

    def related(self, doc_id: str, *, audiences: list[str], limit: int = 4) -> list[Hit]:
        response = build_related(
            doc_id, index=self.alias, audiences=audiences, limit=limit, client=self.client
        )
        return [parse_hit(raw) for raw in response.execute().to_dict()["hits"]["hits"]]

    def health(self) -> BackendHealth:
        try:
            cluster = self.client.cluster.health(timeout="2s")
            exists = self.client.indices.exists_alias(name=self.alias)
        except Exception as exc:  # unreachable, refusing or slow: reported, never raised
            return BackendHealth(backend=self.name, status="error", detail=exc.__class__.__name__)
        if cluster["status"] == "red":
            return BackendHealth(backend=self.name, status="error", detail="cluster status red")
        if not exists:
            return BackendHealth(
                backend=self.name, status="error", detail=f"no index behind alias {self.alias}"
            )
        count = self.client.count(index=self.alias)["count"]
        return BackendHealth(
            backend=self.name, status="ok", detail=f"cluster {cluster['status']}, {count} items"
        )


def synonym_rules(rules: Iterable[str]) -> list[dict]:
    """The synonyms set body for rule texts: one rule object each, ids stable by position."""
    return [
        {"id": f"rule-{number}", "synonyms": rule}
        for number, rule in enumerate(rules, start=1)
        if rule.strip()
    ]
