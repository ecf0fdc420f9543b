"""The Elasticsearch index: the Dutch analysis chain, the mapping, and the names of indexes and sets.

There is one index per visibility (`<prefix>-public`, `<prefix>-members`), each behind an alias of
that name. A search reads only the indexes its audience may see, so term statistics, suggestions and
"Bedoelde u" come from visible documents alone. One synonyms set (`<prefix>-synonyms`) serves all.
"""

from elasticsearch.dsl import (
    Date,
    Document,
    Float,
    Index,
    InnerDoc,
    Integer,
    Keyword,
    Nested,
    Object,
    SearchAsYouType,
    Text,
    analyzer,
    token_filter,
)

from search.analysis import COMPOUND_PARTS, STEM_OVERRIDES, fold
from search.types import Audience, Visibility

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


def alias_for(prefix: str, visibility: str) -> str:
    """The alias (and index name prefix) of the index holding documents of `visibility`."""
    return f"{prefix}-{visibility}"


def aliases(prefix: str) -> dict[str, str]:
    """{visibility: alias} for every visibility."""
    return {visibility: alias_for(prefix, visibility) for visibility in Visibility.values}


def aliases_for(prefix: str, audience: Audience) -> list[str]:
    """The aliases a search for `audience` reads: those of the visibilities it may see."""
    return [alias_for(prefix, visibility) for visibility in audience.key]


def synonyms_set_id(prefix: str) -> str:
    return f"{prefix}-synonyms"


def analyzers(synonyms_set: str) -> dict:
    """The analyzers of the index; search-time ones read the synonyms set `synonyms_set`."""
    synonyms = token_filter(
        SYNONYM_FILTER_NAME,
        "synonym_graph",
        synonyms_set=synonyms_set,
        updateable=True,  # reloaded when the set changes: search analyzers only
        lenient=True,
    )
    return {
        "dutch": analyzer("pgb_dutch", tokenizer="standard", filter=FOLDING + STEMMING),
        "dutch_search": analyzer(
            "pgb_dutch_search", tokenizer="standard", filter=FOLDING + [synonyms] + STEMMING
        ),
        # Compounds are split when indexed only: a query's own compounds are expanded by the query
        # builder into one required clause per part (queries.text_query). Split at search time, the
        # parts would stand at one position, as synonyms, and "budgetplan" would find any "plan".
        "compound": analyzer(
            "pgb_compound", tokenizer="standard", filter=FOLDING + [decompounder] + STEMMING
        ),
        "folding": analyzer("pgb_folding", tokenizer="standard", filter=FOLDING),
    }


def _text(a: dict, *, suggest: bool = False) -> Text:
    """A Dutch text field with a compound-splitting subfield (gezinspgb finds 'pgb voor het gezin')."""
    fields = {"parts": Text(analyzer=a["compound"], search_analyzer=a["dutch_search"])}
    if suggest:
        fields["suggest"] = SearchAsYouType(analyzer=a["folding"])
    return Text(analyzer=a["dutch"], search_analyzer=a["dutch_search"], copy_to="spell", fields=fields)


def document_class(synonyms_set: str) -> type[Document]:
    a = analyzers(synonyms_set)

    class Passage(InnerDoc):
        kind = Keyword()  # body | cue | page
        text = Text(analyzer=a["dutch"], search_analyzer=a["dutch_search"])
        start = Float()  # cue: second in the video
        page = Integer()  # page: PDF page number
        title = Keyword(index=False)  # page: the PDF's name
        url = Keyword(index=False)  # page: the PDF's address

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
        rank_boost = Float()  # SearchDocument.boost
        year = Integer()
        visibility = Keyword()
        laws = Keyword()
        themes = Keyword()
        municipality = Keyword()  # CBS codes
        province = Keyword()
        municipality_details = Object(enabled=False)  # [{code, name, province}] for display

    return PgbItem


def index_definition(name: str, synonyms_set: str, *, replicas: int = 1) -> dict:
    """The body that creates the concrete index `name`: settings with the analysis chain, mappings."""
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=replicas, max_ngram_diff=2)
    index.document(document_class(synonyms_set))
    return index.to_dict()


def synonym_rules(rules) -> list[dict]:
    """The synonyms set body for rule texts: one rule object each, ids stable by position."""
    return [
        {"id": f"rule-{number}", "synonyms": rule}
        for number, rule in enumerate(rules, start=1)
        if rule.strip()
    ]
