"""The search contract every backend keeps: result shape, filters, facets, permissions, highlights.

It runs on the database backend on SQLite and on PostgreSQL (the suite runs on both), and on a live
Elasticsearch cluster when ELASTICSEARCH_URL is set; documents are put straight into the backend, so
what is tested is the backend, not the content apps.
"""

import dataclasses
import datetime
import os
import uuid

import pytest

from accounts.selectors import ANONYMOUS, MEMBERS
from search.backends.database import DatabaseBackend
from search.models import Synonym
from search.types import FILTER_FIELDS, AttachmentPage, CaptionCue, SearchDocument, SearchRequest, Visibility

pytestmark = pytest.mark.django_db

UTRECHT = ("GM0344", "Utrecht", "Utrecht")
ZWOLLE = ("GM0193", "Zwolle", "Overijssel")
EDE = ("GM0228", "Ede", "Gelderland")
PDF = "/documents/7/beleidsregels-ede.pdf"

DOCUMENTS = [
    SearchDocument(
        id="case-budgetplan-utrecht",
        type="case",
        title="Budgetplan in vijf vragen",
        summary="Utrecht vraagt budgethouders hun budgetplan in vijf vragen te beschrijven.",
        body="Het budgetplan beschrijft de zorg, de zorgverlener en het tarief.",
        url="/goede-voorbeelden/budgetplan-utrecht/",
        published=datetime.date(2024, 5, 1),
        municipalities=(UTRECHT,),
        laws=("wmo",),
        themes=("budgetplan",),
    ),
    SearchDocument(
        id="case-gezinspgb-zwolle",
        type="case",
        title="Eén gezinspgb voor ouders en kinderen",
        summary="Zwolle bundelt budgetten in één plan.",
        body="Met een gezinspgb hoeft een gezin maar één keer zijn verhaal te doen.",
        url="/goede-voorbeelden/gezinspgb-zwolle/",
        published=datetime.date(2023, 2, 1),
        municipalities=(ZWOLLE,),
        laws=("jeugdwet", "wmo"),
        themes=("integraal-pgb",),
    ),
    SearchDocument(
        id="video-trekkingsrecht",
        type="video",
        title="Zo werkt het trekkingsrecht",
        summary="Uitleg over de SVB.",
        body="",
        url="/video/trekkingsrecht/",
        published=datetime.date(2025, 1, 10),
        laws=("wmo", "jeugdwet", "wlz"),
        themes=("trekkingsrecht",),
        cues=(
            CaptionCue(start=1.0, text="Welkom bij deze uitleg."),
            CaptionCue(start=62.5, text="In het PGB Portaal ziet u het overzicht van uw declaraties."),
        ),
    ),
    SearchDocument(
        id="document-beleidsregels-ede",
        type="document",
        title="Beleidsregels pgb Ede 2024",
        summary="De beleidsregels voor het pgb.",
        body="",
        url="/documenten/beleidsregels-ede/",
        published=datetime.date(2024, 1, 1),
        municipalities=(EDE,),
        laws=("wmo",),
        themes=("tarieven",),
        pages=(
            AttachmentPage(title="Beleidsregels", page=1, text="Artikel 1 Begrippen.", url=PDF),
            AttachmentPage(
                title="Beleidsregels", page=3, text="Het informele tarief is 25 euro per uur.", url=PDF
            ),
        ),
    ),
    SearchDocument(
        id="question-fraude-members",
        type="question",
        title="Hoe delen jullie fraudesignalen over het budgetplan?",
        summary="",
        body="Welke afspraken hebben jullie met de SVB over fraudesignalen?",
        url="/forum/2-fraude/",
        published=datetime.date(2025, 3, 1),
        visibility=Visibility.MEMBERS,
        municipalities=(UTRECHT,),
        laws=("wmo",),
        themes=("verantwoording",),
    ),
]


ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")


@pytest.fixture(
    params=[
        "database",
        pytest.param(
            "elasticsearch",
            marks=pytest.mark.skipif(
                not ELASTICSEARCH_URL, reason="ELASTICSEARCH_URL is not set (no cluster on this machine)"
            ),
        ),
    ]
)
def backend(request):
    if request.param == "database":
        backend = DatabaseBackend()
        backend.upsert(DOCUMENTS)
        yield backend
        return
    from search.backends.elasticsearch import ElasticsearchBackend

    backend = ElasticsearchBackend(
        ELASTICSEARCH_URL,
        prefix=f"pgb-test-{uuid.uuid4().hex[:8]}",
        timeout=10,
        replicas=0,
        refresh=True,
    )
    backend.rebuild(DOCUMENTS)  # as `pgb search reindex` does first: updates need a full index
    yield backend
    backend.drop()


def run(backend, text="", rules=(), pinned=(), **options):
    """Search `backend` anonymously unless `audience` says otherwise; `rules` are synonym rules as
    editors write them, `pinned` the ids editors promoted."""
    Synonym.objects.all().delete()
    for rule in rules:
        Synonym.objects.create(rule=rule)
    backend.synonyms_changed()
    return backend.search(SearchRequest(text=text, promoted=tuple(pinned), **options))


def ids(results) -> list[str]:
    return [hit.id for hit in results.hits]


def facet(results, field) -> dict[str, int]:
    return results.facet_counts[field]


def test_results_have_the_shape_the_page_and_api_rely_on(backend):
    results = run(backend, "budgetplan")
    assert results.total == 2 and results.backend == backend.name and results.degraded is False
    hit = results.hits[0]
    assert hit.id == "case-budgetplan-utrecht" and hit.url == "/goede-voorbeelden/budgetplan-utrecht/"
    assert hit.municipalities == (("GM0344", "Utrecht"),) and hit.laws == ("wmo",)
    assert hit.published == datetime.date(2024, 5, 1)
    assert set(results.facet_counts) == set(FILTER_FIELDS)


def test_values_of_one_filter_are_or_and_filters_together_are_and(backend):
    both = run(backend, filters=(("type", ("case", "video")),))
    assert set(ids(both)) == {"case-budgetplan-utrecht", "case-gezinspgb-zwolle", "video-trekkingsrecht"}
    narrowed = run(backend, filters=(("type", ("case", "video")), ("law", ("jeugdwet",))))
    assert set(ids(narrowed)) == {"case-gezinspgb-zwolle", "video-trekkingsrecht"}
    assert ids(run(backend, filters=(("province", ("Overijssel",)),))) == ["case-gezinspgb-zwolle"]
    assert ids(run(backend, filters=(("municipality", ("GM0228",)), ("year", ("2024",))))) == [
        "document-beleidsregels-ede"
    ]


def test_each_facet_counts_as_if_its_own_selection_were_removed(backend):
    results = run(backend, filters=(("type", ("case",)), ("law", ("jeugdwet",))))
    # type facet: law=jeugdwet applies, type=case does not: the video is still counted.
    assert facet(results, "type") == {"case": 1, "video": 1}
    # law facet: type=case applies, law=jeugdwet does not.
    assert facet(results, "law") == {"wmo": 2, "jeugdwet": 1}
    assert facet(results, "year") == {"2023": 1}


def test_a_selection_without_matches_counts_nothing_but_the_other_values(backend):
    results = run(backend, "trekkingsrecht", filters=(("type", ("document",)),))
    assert results.total == 0 and results.hits == []
    assert facet(results, "type") == {"video": 1}


def test_members_only_items_never_reach_the_public_not_even_in_counts(backend):
    public = run(backend, "fraudesignalen")
    assert public.total == 0 and all(not counts for counts in public.facet_counts.values())
    assert "question" not in facet(run(backend), "type")
    assert backend.suggest("fraudes", audience=ANONYMOUS) == []
    assert backend.related("question-fraude-members", audience=ANONYMOUS) == []
    members = run(backend, "fraudesignalen", audience=MEMBERS)
    assert ids(members) == ["question-fraude-members"]
    assert [s.title for s in backend.suggest("fraudes", audience=MEMBERS)] == [
        "Hoe delen jullie fraudesignalen over het budgetplan?"
    ]


def test_snippets_mark_the_matched_words_and_escape_the_rest(backend):
    backend.upsert(
        [
            SearchDocument(
                id="article-xss",
                type="article",
                title="Tarief <script>alert(1)</script>",
                summary='Het tarief <img src=x onerror="alert(1)"> voor informele zorg.',
                body="",
                url="/nieuws/xss/",
                published=datetime.date(2024, 1, 1),
            )
        ]
    )
    hit = next(h for h in run(backend, "tarief").hits if h.id == "article-xss")
    assert "<mark>tarief</mark>" in hit.highlight
    assert "<img" not in hit.highlight and "&lt;img" in hit.highlight


def test_a_video_hit_points_at_the_second_and_a_document_hit_at_the_page(backend):
    video = run(backend, "overzicht declaraties").hits[0]
    assert video.id == "video-trekkingsrecht" and video.timestamp == 62.5
    assert "<mark>declaraties</mark>" in video.highlight
    document = run(backend, "informele tarief").hits[0]
    assert document.id == "document-beleidsregels-ede" and document.page == 3
    assert document.page_title == "Beleidsregels" and document.page_url == PDF + "#page=3"


def test_newest_sorts_by_date_and_empty_query_browses_everything(backend):
    assert ids(run(backend, sort="newest")) == [
        "video-trekkingsrecht",
        "case-budgetplan-utrecht",
        "document-beleidsregels-ede",
        "case-gezinspgb-zwolle",
    ]
    assert run(backend).total == 4


def test_pages_split_the_results(backend):
    first = run(backend, page_size=3)
    second = run(backend, page_size=3, page=2)
    assert first.total == second.total == 4
    assert len(first.hits) == 3 and len(second.hits) == 1
    assert not set(ids(first)) & set(ids(second))


def test_synonyms_and_compounds_find_each_other(backend):
    assert ids(run(backend, "gezins-pgb"))[0] == "case-gezinspgb-zwolle"
    assert "case-gezinspgb-zwolle" in ids(run(backend, "pgb voor het gezin"))
    assert ids(run(backend, "ondersteuningsplan", rules=["ondersteuningsplan, budgetplan"]))[0] == (
        "case-budgetplan-utrecht"
    )
    assert run(backend, "ondersteuningsplan").total == 0


def test_a_misspelled_word_is_corrected_and_still_finds(backend):
    results = run(backend, "trekingsrecht")
    assert results.suggestion == "trekkingsrecht"
    assert ids(results) == ["video-trekkingsrecht"]
    assert run(backend, "trekkingsrecht").suggestion is None


def test_promoted_items_come_first_even_without_matching_text(backend):
    results = run(backend, "budgetplan", pinned=["video-trekkingsrecht"])
    assert ids(results)[:2] == ["video-trekkingsrecht", "case-budgetplan-utrecht"]
    assert results.hits[0].promoted and not results.hits[1].promoted
    filtered = run(backend, "budgetplan", pinned=["video-trekkingsrecht"], filters=(("type", ("case",)),))
    assert "video-trekkingsrecht" not in ids(filtered)  # a promotion obeys the filters


def test_suggestions_complete_titles_while_typing(backend):
    titles = [s.title for s in backend.suggest("beleidsr", audience=ANONYMOUS)]
    assert titles == ["Beleidsregels pgb Ede 2024"]
    assert [s.title for s in backend.suggest("zo werkt het trekk", audience=ANONYMOUS)] == [
        "Zo werkt het trekkingsrecht"
    ]


def test_deleted_items_leave_results_and_facets(backend):
    backend.delete(["case-gezinspgb-zwolle"])
    results = run(backend)
    assert "case-gezinspgb-zwolle" not in ids(results)
    assert "Overijssel" not in facet(results, "province")


def test_an_item_s_own_boost_lifts_it_above_an_equal_match(backend):
    twins = [
        SearchDocument(
            id=f"question-{name}",
            type="question",
            title="Hoe beoordelen jullie een zorgovereenkomst?",
            summary="",
            body="Wij beoordelen de zorgovereenkomst bij elke aanvraag.",
            url=f"/forum/{name}/",
            published=datetime.date(2025, 6, 1),
            boost=boost,
        )
        for name, boost in (("plain", 1.0), ("accepted", 1.25))
    ]
    backend.upsert(twins)
    assert ids(run(backend, "zorgovereenkomst beoordelen"))[:2] == ["question-accepted", "question-plain"]
    backend.upsert([dataclasses.replace(twins[0], boost=1.5)])
    assert ids(run(backend, "zorgovereenkomst beoordelen"))[:2] == ["question-plain", "question-accepted"]
    newest = run(backend, "zorgovereenkomst beoordelen", sort="newest")
    assert {hit.id for hit in newest.hits[:2]} == {"question-plain", "question-accepted"}


def test_items_matching_every_concept_rank_above_any_that_miss_one(backend):
    # One item says the rare word many times but lacks the other; one says both once in passing.
    backend.upsert(
        [
            SearchDocument(
                id="article-weigeren-only",
                type="article",
                title="Weigeren, weigeren en nog eens weigeren",
                summary="Wanneer mag een gemeente weigeren? Weigeren moet gemotiveerd.",
                body="Weigeren is een besluit. Weigeren kan alleen met redenen.",
                url="/nieuws/weigeren/",
                published=datetime.date(2025, 6, 1),
            ),
            SearchDocument(
                id="case-both-in-passing",
                type="case",
                title="Een brief over het besluit",
                summary="Het trekkingsrecht loopt door.",
                body="Soms moet de gemeente een budgetplan weigeren; dat staat in de brief.",
                url="/goede-voorbeelden/brief/",
                published=datetime.date(2020, 1, 1),
            ),
        ]
    )
    results = run(backend, "budgetplan weigeren")
    assert ids(results)[0] == "case-both-in-passing"
    assert results.complete == 1  # only that one has both words
    assert results.total > results.complete  # the others are still found, after it
    by_id = {hit.id: hit for hit in results.hits}
    assert by_id["case-both-in-passing"].missing == ()
    assert by_id["article-weigeren-only"].missing == ("budgetplan",)
    assert by_id["case-budgetplan-utrecht"].missing == ("weigeren",)
    complete_first = [hit.missing == () for hit in results.hits]
    assert complete_first == sorted(complete_first, reverse=True)


def test_a_word_that_matches_nothing_is_named_and_the_rest_still_finds(backend):
    results = run(backend, "budgetplan xylofoon")
    assert results.unmatched == ("xylofoon",)
    assert results.complete == 0 and results.total >= 1
    assert ids(results)[0] == "case-budgetplan-utrecht"
    assert all("xylofoon" in hit.missing for hit in results.hits)
    # a word found only in members-only text matches nothing for the public
    public = run(backend, "budgetplan fraudesignalen")
    assert public.unmatched == ("fraudesignalen",)
    members = run(backend, "budgetplan fraudesignalen", audience=MEMBERS)
    assert members.unmatched == () and members.complete == 1


def test_the_concepts_are_named_as_typed_and_a_query_of_one_word_misses_nothing(backend):
    results = run(backend, "Budgetplan, TARIEF?")
    assert {hit.missing for hit in results.hits} <= {(), ("Budgetplan",), ("TARIEF",)}
    single = run(backend, "budgetplan")
    assert single.complete == single.total and all(hit.missing == () for hit in single.hits)
    browse = run(backend)
    assert browse.complete == browse.total and browse.unmatched == ()


def test_snippets_show_the_passage_with_the_rarest_concept_and_the_typed_word_before_its_synonym(backend):
    backend.upsert(
        [
            SearchDocument(
                id="article-lang",
                type="article",
                title="Het pgb en de declaratie",
                summary="Over het pgb in het algemeen: het pgb, de zorg, het persoonsgebonden budget.",
                body="Een lange inleiding over het pgb en nog eens het pgb. " * 20
                + "Budgethouders die een half jaar niet declareren krijgen een brief.",
                url="/nieuws/lang/",
                published=datetime.date(2024, 3, 1),
            )
        ]
    )
    hit = next(h for h in run(backend, "pgb declareren").hits if h.id == "article-lang")
    assert "<mark>declareren</mark>" in hit.highlight  # the rare word's passage, not the summary
    rules = ["pgb, persoonsgebonden budget"]
    typed = next(
        h for h in run(backend, "persoonsgebonden budget", rules=rules).hits if h.id == "article-lang"
    )
    assert "<mark>persoonsgebonden</mark> <mark>budget</mark>" in typed.highlight
