"""What editors and importers change reaches search at once, without a reindex."""

import pytest

from accounts.selectors import MEMBERS
from cms.models import CasePage
from forum.models import Answer, Question
from search import service
from search.types import SearchRequest

pytestmark = pytest.mark.django_db


def ids(query: str, **options) -> list[str]:
    limit = options.pop("limit", 10)
    return [hit.id for hit in service.search(SearchRequest(text=query, page_size=limit, **options)).hits]


def test_imported_items_are_searchable_straight_away(imported):
    assert "case-testdorp-keukentafel" in ids("keukentafelgesprek")
    assert "question-partner-als-zorgverlener" in ids("partner zorgverlener")


def test_unpublishing_and_republishing_a_page_updates_search(imported):
    page = CasePage.objects.get(external_id="case-voorbeeldstad-tarieven")
    page.unpublish()
    assert "case-voorbeeldstad-tarieven" not in ids("kostprijsonderzoek tarieven")
    page.title = "Kostprijsonderzoek in Voorbeeldstad"
    page.save_revision().publish()
    assert ids("kostprijsonderzoek")[0] == "case-voorbeeldstad-tarieven"


def test_deleting_a_page_removes_it_from_search(imported):
    CasePage.objects.get(external_id="case-voorbeeldstad-tarieven").delete()
    assert "case-voorbeeldstad-tarieven" not in ids("tarieven")


def test_question_visibility_and_answers_reach_search(imported, django_capture_on_commit_callbacks):
    question = Question.objects.get(external_id="question-partner-als-zorgverlener")
    with django_capture_on_commit_callbacks(execute=True):
        question.visibility = "members"
        question.save()
    assert "question-partner-als-zorgverlener" not in ids("partner zorgverlener")
    assert "question-partner-als-zorgverlener" in ids("partner zorgverlener", audience=MEMBERS)
    with django_capture_on_commit_callbacks(execute=True):
        Answer.objects.create(
            question=question,
            body="Wij gebruiken een belastbaarheidsscan.",
            published_date=question.published_date,
        )
    assert "question-partner-als-zorgverlener" in ids("belastbaarheidsscan", audience=MEMBERS)
