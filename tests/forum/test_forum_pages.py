"""The forum shows public questions to everyone and members-only questions to staff only."""

import pytest
from django.db import IntegrityError

from forum.models import Answer, Question

pytestmark = pytest.mark.django_db


def test_question_list_shows_public_questions_with_answer_counts(client, imported):
    html = client.get("/forum/").content.decode()
    assert "Mag een partner uit het pgb worden betaald?" in html and "1 antwoord" in html
    assert "Hoe delen jullie fraudesignalen met de SVB?" not in html


def test_members_only_question_is_a_404_for_anonymous_visitors(client, imported):
    question = Question.objects.get(external_id="question-fraudesignalen-intern")
    assert client.get(question.get_absolute_url()).status_code == 404


def test_staff_see_members_only_questions_marked_as_such(client, imported, staff_user):
    client.force_login(staff_user)
    question = Question.objects.get(external_id="question-fraudesignalen-intern")
    html = client.get(question.get_absolute_url()).content.decode()
    assert "Alleen voor leden" in html and "Via het convenant met de SVB." in html
    assert "Geaccepteerd antwoord" in html
    assert question.title in client.get("/forum/").content.decode()


def test_question_detail_renders_markdown_safely_and_fixes_the_slug(client, imported):
    question = Question.objects.get(external_id="question-partner-als-zorgverlener")
    question.body = "Zie **dit** <script>alert(1)</script> [link](javascript:alert(1))"
    question.save()
    html = client.get(question.get_absolute_url()).content.decode()
    assert (
        "<strong>dit</strong>" in html and "<script>alert(1)" not in html and 'href="javascript' not in html
    )
    answer_html = html[html.index("answers-heading") :]
    assert "<strong>gebruikelijke hulp</strong>" in answer_html
    wrong_slug = client.get(f"/forum/{question.pk}-oude-titel/")
    assert wrong_slug.status_code == 301 and wrong_slug["Location"] == question.get_absolute_url()


def test_a_question_has_at_most_one_accepted_answer(imported):
    question = Question.objects.get(external_id="question-fraudesignalen-intern")
    with pytest.raises(IntegrityError):
        Answer.objects.create(question=question, body="Nog een", is_accepted=True)
