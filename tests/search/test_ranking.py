"""How the database backend orders and counts: concepts, compounds, and the in-memory filter snapshot."""

import datetime

import pytest
from django.db import connection, transaction

from accounts.selectors import ANONYMOUS
from search.analysis import stem
from search.backends.database import DatabaseBackend, snapshot
from search.backends.database.backend import scope_of
from search.backends.database.query import query_concepts
from search.synonyms import SynonymMap, parse_rule
from search.types import SearchRequest
from tests.search.factories import doc

pytestmark = pytest.mark.django_db


def search(backend, text: str = "", **options):
    return backend.search(SearchRequest(text=text, **options))


def test_an_item_covering_every_concept_beats_one_repeating_a_single_word():
    backend = DatabaseBackend()
    backend.upsert(
        [
            doc(
                "case-repeats",
                "Controleren, controleren, controleren",
                "Wij controleren alles en controleren vaak.",
            ),
            doc(
                "case-both",
                "Sneller oordeel",
                "De gemeente gaat de zorgovereenkomst controleren binnen een week.",
            ),
            doc("case-other", "Iets anders", "Over het budgetplan."),
        ]
    )
    assert [hit.id for hit in search(backend, "zorg overeenkomst controleren").hits][0] == "case-both"


def test_adjacent_words_forming_a_known_compound_are_one_concept():
    backend = DatabaseBackend()
    backend.upsert([doc("case-zov", "De zorgovereenkomst")])
    scope, _visible = scope_of(snapshot.current(), ANONYMOUS)
    concepts = query_concepts(
        "zorg overeenkomst controleren",
        SynonymMap([]),
        known=lambda stems: backend.engine.known_stems(list(stems), scope),
    )
    assert [("zorgovereenkomst",), ("zorg overeenkomst",)] in [group for c in concepts for group in c.groups]
    assert len(concepts) == 2  # the compound and "controleren", not three loose words
    unknown = query_concepts("zorg overeenkomst", SynonymMap([]), known=lambda stems: set())
    assert len(unknown) == 2  # the index does not know the compound: two words


def test_a_multi_word_synonym_is_matched_as_a_phrase():
    synonyms = SynonymMap([parse_rule("bw, beschermd wonen")])
    concepts = query_concepts("pgb BW", synonyms, known=lambda stems: set())
    bw = next(c for c in concepts if [("bw",)] in c.groups)
    assert bw.text == "BW"  # named as typed
    assert any(
        " " in alternative[0] for group in bw.groups for alternative in group
    )  # "beschermd won" as a phrase


def test_facet_counts_follow_every_write_and_every_rollback():
    backend = DatabaseBackend()
    backend.upsert([doc("case-a", "Budgetplan", themes=("budgetplan",))])
    assert search(backend).facet_counts["theme"] == {"budgetplan": 1}
    backend.upsert([doc("case-b", "Budgetplan twee", themes=("budgetplan",))])
    assert search(backend).facet_counts["theme"] == {
        "budgetplan": 2
    }  # the snapshot was rebuilt after the write
    with pytest.raises(RuntimeError), transaction.atomic():
        backend.delete(["case-a"])
        assert search(backend).total == 1
        raise RuntimeError("rolled back")
    results = search(backend)
    assert results.total == 2 and results.facet_counts["theme"] == {
        "budgetplan": 2
    }  # the rollback restored the old state
    token = snapshot.current().token
    backend.delete(["case-b"])
    assert snapshot.current().token != token and search(backend).total == 1


def test_filters_and_pages_come_from_the_snapshot_in_the_right_order():
    backend = DatabaseBackend()
    backend.upsert(
        [
            doc(
                f"case-{n}",
                f"Budgetplan {n}",
                published=datetime.date(2020 + n, 1, 1),
                laws=("wmo",) if n % 2 else (),
            )
            for n in range(6)
        ]
    )
    newest = [hit.id for hit in search(backend, sort="newest", page_size=2, page=2).hits]
    assert newest == ["case-3", "case-2"]
    wmo = search(backend, "budgetplan", filters=(("law", ("wmo",)),), sort="newest")
    assert [hit.id for hit in wmo.hits] == ["case-5", "case-3", "case-1"] and wmo.total == 3


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL planner setting")
def test_forcing_index_scans_does_not_leak_into_the_transaction():
    from search.backends.database.postgres import index_scans

    with transaction.atomic():
        with index_scans() as cursor:
            cursor.execute("SHOW enable_seqscan")
            assert cursor.fetchone()[0] == "off"
        with connection.cursor() as cursor:
            cursor.execute("SHOW enable_seqscan")
            assert cursor.fetchone()[0] == "on"


def test_snippets_mark_the_compound_not_words_sharing_one_part():
    from search.backends.database.highlight import snippet

    weights = {"zorgovereenkomst": 1.0, "zorg": 1.0, "overeenkomst": 1.0}
    html = snippet("De zorgovereenkomst en de zorgverlener: een zorg-overeenkomst.", [], weights).html
    assert "<mark>zorgovereenkomst</mark>" in html and "<mark>zorg-overeenkomst</mark>" in html
    assert "<mark>zorgverlener</mark>" not in html


def test_the_page_is_the_exact_top_however_few_matches_the_engine_is_first_asked_for(monkeypatch):
    """Ranking asks the engine for its best text matches first and for every match only when the page
    could still change: a recent or boosted item far down the text order still gets its place, on
    every page, with filters and with items missing a word, exactly as when every match is scored."""
    from search.backends.database import ranking

    today = datetime.date.today()
    backend = DatabaseBackend()
    documents = [
        doc(
            f"case-{n}",
            f"Budgetplan {n}" + (" budgetplan" * (n % 5)),  # text scores spread over five levels
            "Het budgetplan beoordelen." if n % 3 else "Het budgetplan.",
            published=today - datetime.timedelta(days=365 * (n % 7)),
            laws=("wmo",) if n % 2 else ("jeugdwet",),
            boost=1.25 if n % 11 == 0 else 1.0,
        )
        for n in range(60)
    ]
    documents.append(
        doc("case-fresh-weak", "Over iets anders", "Ook een budgetplan beoordelen.", published=today)
    )
    backend.upsert(documents)
    requests = [
        dict(text="budgetplan", page_size=10),
        dict(text="budgetplan", page_size=10, page=3),
        dict(text="budgetplan beoordelen", page_size=10, page=4),  # past the complete matches
        dict(text="budgetplan", page_size=5, filters=(("law", ("wmo",)),)),
    ]

    def pages():
        return [[hit.id for hit in search(backend, **request).hits] for request in requests]

    monkeypatch.setattr(ranking, "FIRST_LIMIT", 100_000)  # every match scored at once
    everything = pages()
    monkeypatch.setattr(ranking, "FIRST_LIMIT", 3)  # the engine's three best first
    assert pages() == everything
    assert all(len(page) == size for page, size in zip(everything, (10, 10, 10, 5), strict=True))
    both = search(backend, "budgetplan beoordelen", page_size=50)
    complete = [hit.id for hit in both.hits if not hit.missing]
    assert complete == [hit.id for hit in both.hits][: len(complete)] and len(complete) == both.complete


def test_remembered_index_statistics_never_outlive_a_write():
    """Which words the index holds (and, on PostgreSQL, how many items hold a phrase) is remembered
    between searches until the index changes: a word first unknown is found straight after a write,
    and a rolled-back write leaves it unknown again."""
    backend = DatabaseBackend()
    backend.upsert([doc("case-a", "Budgetplan", "Over het budgetplan.")])
    assert search(backend, "budgetplan wooninitiatief").unmatched == ("wooninitiatief",)
    with pytest.raises(RuntimeError), transaction.atomic():
        backend.upsert([doc("case-b", "Wooninitiatief", "Een wooninitiatief met een budgetplan.")])
        assert search(backend, "budgetplan wooninitiatief").unmatched == ()
        raise RuntimeError("rolled back")
    assert search(backend, "budgetplan wooninitiatief").unmatched == ("wooninitiatief",)
    backend.upsert([doc("case-b", "Wooninitiatief", "Een wooninitiatief met een budgetplan.")])
    found = search(backend, "budgetplan wooninitiatief")
    assert found.unmatched == () and [hit.id for hit in found.hits][0] == "case-b"
    scope, _visible = scope_of(snapshot.current(), ANONYMOUS)
    if connection.vendor == "postgresql":
        stems = [stem("budgetplan"), stem("wooninitiatief")]
        assert backend.engine.phrase_frequencies(stems, scope) == [2, 1]
        backend.delete(["case-a"])
        scope, _visible = scope_of(snapshot.current(), ANONYMOUS)
        assert backend.engine.phrase_frequencies(stems, scope) == [1, 1]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="GIN pending lists are PostgreSQL's")
def test_a_bulk_write_leaves_no_pending_entries_for_searches_to_read_through(
    django_capture_on_commit_callbacks,
):
    """Bulk inserts wait in a GIN index's pending list, which every search then reads through (380 ms
    for a word nobody uses at 100,000 items) until autovacuum comes; after an import or a rebuild the
    backend moves them into the index."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pgstattuple")

    def pending() -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pending_tuples FROM pgstatginindex('search_entry_document_gin')")
            return cursor.fetchone()[0]

    backend = DatabaseBackend()
    backend.upsert(
        [doc(f"case-{n}", f"Budgetplan {n}", "Het budgetplan en de zorgovereenkomst.") for n in range(300)]
    )
    assert pending() > 0
    with django_capture_on_commit_callbacks(execute=True):
        backend.tidy()
    assert pending() == 0
    assert search(backend, "zorgovereenkomst").total == 300


def test_bm25_counts_a_phrase_where_its_terms_run_in_order_overlaps_included():
    """PostgreSQL's rerank counts phrases in the stored term columns (terms joined by spaces)."""
    from search.backends.database.postgres import _length, _phrase_counter, _spaced

    column = "zorg overeenkomst zorg zorg overeenkomst x x x zorgverlen"
    spaced = _spaced(column)
    assert _phrase_counter("zorg overeenkomst")(spaced) == 2
    assert _phrase_counter("zorg")(spaced) == 3  # not inside "zorgverlen"
    assert _phrase_counter("x x")(spaced) == 2  # a phrase that overlaps itself
    assert _phrase_counter("overeenkomst zorg zorg")(spaced) == 1
    assert _phrase_counter("verlen")(spaced) == 0
    assert _phrase_counter("zorg")(_spaced("")) == 0
    assert _length(column) == 9 and _length("") == 0
