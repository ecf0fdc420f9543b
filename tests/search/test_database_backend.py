"""The database backend (FTS5 on SQLite, tsvector on PostgreSQL) finds Dutch text in all its forms."""

from io import StringIO

import pytest
from django.core.management import call_command

from accounts.selectors import MEMBERS
from cms.models import CasePage
from search import service
from search.models import Synonym
from search.types import SearchRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(imported):
    out = StringIO()
    call_command("search", "reindex", stdout=out)
    assert out.getvalue().strip() == "7 documents indexed."


def ids(query: str, **options) -> list[str]:
    limit = options.pop("limit", 10)
    return [hit.id for hit in service.search(SearchRequest(text=query, page_size=limit, **options)).hits]


def test_inflected_and_folded_words_find_the_item(indexed):
    assert "case-testdorp-keukentafel" in ids("zorgovereenkomsten", limit=3)
    assert "case-testdorp-keukentafel" in ids("KEUKENTAFELGESPREKKEN")


def test_title_matches_rank_above_body_matches(indexed):
    assert ids("trekkingsrecht")[0] == "video-trekkingsrecht-uitleg"  # in the title; the case has it nowhere


def test_text_only_in_a_pdf_or_in_captions_is_found(indexed):
    # Ranking is tuned against the judged queries with the relevance benchmark (search issue); here
    # it is enough that the only item holding the text is among the first results.
    assert "document-beleidsregels-testgemeente" in ids("informeel tarief 25 euro", limit=3)  # PDF page 2
    assert "video-trekkingsrecht-uitleg" in ids("overzicht PGB Portaal", limit=3)  # a caption at 1:02


def test_synonyms_apply_at_query_time(indexed):
    assert "case-voorbeeldstad-tarieven" not in ids("kostprijzen")
    Synonym.objects.create(rule="kostprijzen, tarieven")
    assert "case-voorbeeldstad-tarieven" in ids("kostprijzen")


def test_members_only_questions_stay_hidden_from_the_public(indexed):
    assert "question-fraudesignalen-intern" not in ids("fraudesignalen SVB")
    assert "question-fraudesignalen-intern" in ids("fraudesignalen SVB", audience=MEMBERS)


def test_queries_without_searchable_words_return_nothing(indexed):
    assert ids("de het een") == []
    assert ids('"); DROP TABLE search_searchentry; --') == []


def test_reindex_follows_the_database(indexed):
    CasePage.objects.get(external_id="case-voorbeeldstad-tarieven").unpublish()
    call_command("search", "reindex", stdout=StringIO())
    assert "case-voorbeeldstad-tarieven" not in ids("tarieven")
