"""Questions written through the forum service: answers replaced together, at most one accepted."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from accounts.selectors import MEMBERS
from forum.models import Question
from forum.services import AnswerFields, question_save
from search import service
from search.types import SearchRequest

pytestmark = pytest.mark.django_db
DAY = datetime.date(2025, 5, 1)


def test_a_question_with_answers_and_tags_is_stored_and_searchable_with_them():
    question = question_save(
        question=None,
        title="Hoe toetsen jullie pgb-vaardigheid?",
        body="Wij zoeken een **gespreksleidraad**.",
        published=DAY,
        themes=["toerusting"],
        answers=[AnswerFields(body="Met een gesprekskaart.", published=DAY, municipalities=["GM0344"])],
    )
    assert [a.body for a in question.answers.all()] == ["Met een gesprekskaart."]
    hit = service.search(SearchRequest(text="gesprekskaart", filters=(("theme", ("toerusting",)),))).hits[0]
    assert hit.id == question.external_id and hit.themes == ("toerusting",)


def test_a_members_only_question_is_found_by_staff_only():
    question = question_save(
        question=None,
        title="Interne fraudesignalen",
        body="Vertrouwelijk.",
        published=DAY,
        visibility="members",
    )
    assert service.search(SearchRequest(text="fraudesignalen")).total == 0
    assert [h.id for h in service.search(SearchRequest(text="fraudesignalen", audience=MEMBERS)).hits] == [
        question.external_id
    ]


def test_two_accepted_answers_or_unknown_tags_are_refused_and_nothing_is_stored():
    answers = [AnswerFields(body=f"Antwoord {n}", published=DAY, is_accepted=True) for n in (1, 2)]
    with pytest.raises(ValidationError) as error:
        question_save(question=None, title="Twee keer goed?", body="Vraag.", published=DAY, answers=answers)
    assert "answers" in error.value.message_dict
    with pytest.raises(ValidationError):
        question_save(question=None, title="Onbekende wet", body="Vraag.", published=DAY, laws=["wet-x"])
    assert Question.objects.count() == 0
