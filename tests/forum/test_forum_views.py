"""The forum in the browser's terms: asking, answering, accepting, and who may do what (403/404 per role)."""

import pytest
from django.test import Client

from accounts.constants import Role
from cms.models import Municipality
from forum import services
from forum.constants import Visibility
from forum.models import Answer, Question
from tests.accounts.factories import login, person

pytestmark = pytest.mark.django_db

BODY = "Hoe toetsen jullie of een budgethouder een pgb zelf kan beheren?"


@pytest.fixture
def people():
    utrecht = Municipality.objects.get(code="GM0344")
    return {
        "asker": person("anna@utrecht.nl", first_name="Anna", last_name="Smit", municipality=utrecht),
        "colleague": person(
            "bert@leiden.nl", first_name="Bert", municipality=Municipality.objects.get(code="GM0546")
        ),
        "expert": person("eva@persaldo.nl", first_name="Eva", roles=[Role.EXPERT]),
        "member": person("lid@gmail.com", first_name="Lid"),
        "moderator": person("mod@persaldo.nl", roles=[Role.MODERATOR]),
    }


def published_question(people, **fields):
    question = services.question_ask(
        author=people["asker"], title="Hoe toetsen jullie pgb-vaardigheid?", body=BODY, **fields
    )
    services.post_approve(post=question, by=people["moderator"])
    question.refresh_from_db()
    return question


def test_asking_sends_anonymous_visitors_to_login_and_back(client):
    response = client.get("/forum/vraag-stellen/")
    assert (
        response.status_code == 302 and response["Location"] == "/accounts/login/?next=/forum/vraag-stellen/"
    )


def test_a_plain_member_is_told_how_to_become_an_official(client, people):
    login(client, people["member"])
    response = client.get("/forum/vraag-stellen/")
    assert response.status_code == 403 and "ask a moderator" not in response.content.decode()
    assert "moderator" in response.content.decode()


def test_an_official_asks_through_the_form_with_their_gemeente_as_default(client, people):
    login(client, people["expert"])
    page = client.get("/forum/vraag-stellen/").content.decode()
    assert 'name="expert_requested"' in page and 'data-pgb-similar-url="/forum/vergelijkbaar/"' in page
    response = client.post(
        "/forum/vraag-stellen/",
        {
            "title": "Hoe toetsen jullie <b>pgb-vaardigheid</b>?",
            "body": BODY,
            "visibility": "members",
            "expert_requested": "on",
        },
    )
    question = Question.objects.get()
    assert response.status_code == 302 and response["Location"] == question.get_absolute_url()
    assert question.visibility == Visibility.MEMBERS and question.expert_requested
    html = client.get(question.get_absolute_url()).content.decode()
    assert "&lt;b&gt;pgb-vaardigheid&lt;/b&gt;" in html and "<b>pgb-vaardigheid</b>" not in html
    assert "Ervaringsdeskundige Per Saldo" in html


def test_bad_form_input_gets_dutch_errors(client, people):
    login(client, people["expert"])
    response = client.post("/forum/vraag-stellen/", {"title": "Kort", "body": "", "visibility": "iedereen"})
    html = response.content.decode()
    assert response.status_code == 200 and "Verbeter het volgende" in html and not Question.objects.exists()


def test_answering_accepting_and_voting_through_the_pages(client, people):
    question = published_question(people)
    colleague = Client()
    login(colleague, people["colleague"])
    response = colleague.post(f"/forum/{question.pk}/antwoorden/", {"body": "Wij voeren een **gesprek**."})
    answer = Answer.objects.get()
    services.post_approve(post=answer, by=people["moderator"])
    login(client, people["asker"])
    assert client.post(f"/forum/antwoord/{answer.pk}/accepteren/").status_code == 302
    answer.refresh_from_db()
    assert answer.is_accepted
    assert client.post(f"/forum/antwoord/{answer.pk}/nuttig/").status_code == 302
    assert answer.votes.count() == 1
    html = client.get(question.get_absolute_url()).content.decode()
    assert (
        "Geaccepteerd antwoord" in html and "<strong>gesprek</strong>" in html and "Gemeente Leiden" in html
    )
    assert response.status_code == 302


@pytest.mark.parametrize("who", ["anonymous", "member", "colleague"])
def test_nobody_acts_for_another(client, people, who):
    question = published_question(people)
    answer = services.answer_post(question=question, author=people["expert"], body="Met het budgetplan.")
    if who != "anonymous":
        login(client, people[who])
    for path in (
        f"/forum/antwoord/{answer.pk}/accepteren/",
        f"/forum/antwoord/{answer.pk}/verwijderen/",
        f"/forum/vraag/{question.pk}/verwijderen/",
    ):
        response = client.post(path)
        assert response.status_code in ((302,) if who == "anonymous" else (403,)), path
        if who == "anonymous":
            assert response["Location"].startswith("/accounts/login/")
    assert client.get(f"/forum/{question.pk}/bewerken/").status_code in (
        (302,) if who == "anonymous" else (403,)
    )
    answer.refresh_from_db()
    question.refresh_from_db()
    assert not answer.is_accepted and answer.deleted_at is None and question.deleted_at is None


def test_a_closed_question_is_a_404_for_visitors_and_members(client, people):
    question = published_question(people, visibility=Visibility.MEMBERS)
    paths = [
        question.get_absolute_url(),
        f"/forum/{question.pk}/bewerken/",
        f"/forum/vraag/{question.pk}/geschiedenis/",
    ]
    for path in paths:
        assert client.get(path).status_code in (404, 302), path
    login(client, people["member"])
    for path in paths:
        assert client.get(path).status_code == 404, path
    assert client.post(f"/forum/{question.pk}/antwoorden/", {"body": "Ik lees mee"}).status_code == 404
    assert (
        "pgb-vaardigheid"
        not in client.get("/forum/vergelijkbaar/?titel=Hoe toetsen jullie pgb-vaardigheid").content.decode()
    )
    assert "pgb-vaardigheid" not in client.get("/forum/").content.decode()


def test_the_experts_have_their_list_of_open_requests(client, people):
    question = published_question(people, expert_requested=True)
    login(client, people["expert"])
    assert question.title in client.get("/forum/ervaringsdeskundigen/").content.decode()
    services.answer_post(question=question, author=people["expert"], body="Wij denken mee.")
    assert question.title not in client.get("/forum/ervaringsdeskundigen/").content.decode()
    client.logout()
    login(client, people["colleague"])
    assert client.get("/forum/ervaringsdeskundigen/").status_code == 403


def test_forum_forms_refuse_posts_without_csrf_token(people):
    question = published_question(people)
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["colleague"])
    assert client.post(f"/forum/{question.pk}/antwoorden/", {"body": "Zonder token"}).status_code == 403
    assert (
        client.post(
            "/forum/vraag-stellen/", {"title": "Een vraag zonder token", "body": BODY, "visibility": "public"}
        ).status_code
        == 403
    )
    assert not Answer.objects.exists() and Question.objects.count() == 1


def test_every_forum_action_refuses_a_post_without_csrf_token(people):
    from cms.models import Theme
    from forum.models import Follow, Report, Vote

    question = published_question(people)
    answer = services.answer_post(question=question, author=people["expert"], body="Wij denken mee.")
    theme = Theme.objects.order_by("pk").first()
    asker = Client(enforce_csrf_checks=True)
    asker.force_login(people["asker"])
    colleague = Client(enforce_csrf_checks=True)
    colleague.force_login(people["colleague"])
    attempts = [
        (asker, f"/forum/antwoord/{answer.pk}/accepteren/", {}),
        (asker, f"/forum/{question.pk}/bewerken/", {"title": "Een andere titel voor de vraag", "body": BODY}),
        (asker, f"/forum/vraag/{question.pk}/verwijderen/", {}),
        (colleague, f"/forum/antwoord/{answer.pk}/nuttig/", {}),
        (colleague, f"/forum/{question.pk}/volgen/", {}),
        (colleague, f"/forum/volgen/thema/{theme.slug}/", {}),
        (colleague, f"/forum/vraag/{question.pk}/melden/", {"reason": "spam"}),
    ]
    for client, path, data in attempts:
        assert client.post(path, data).status_code == 403, path
    question.refresh_from_db()
    answer.refresh_from_db()
    assert question.title == "Hoe toetsen jullie pgb-vaardigheid?" and question.deleted_at is None
    assert not answer.is_accepted and not Vote.objects.exists() and not Report.objects.exists()
    assert not Follow.objects.filter(user=people["colleague"]).exists()


def test_the_history_page_shows_the_earlier_versions_under_one_name(client, people):
    question = published_question(people)
    services.question_edit(
        question=question,
        by=people["asker"],
        title="Hoe toetsen jullie de pgb-vaardigheid?",
        body=BODY + " Alvast dank.",
    )
    html = client.get(f"/forum/vraag/{question.pk}/geschiedenis/").content.decode()
    assert "<title>Eerdere versies: Hoe toetsen jullie de pgb-vaardigheid? |" in html  # as its heading
    assert '<h1 class="utrecht-heading-1">Eerdere versies</h1>' in html
    assert "Huidige versie" in html and "Alvast dank." in html
    assert "<strong>Hoe toetsen jullie pgb-vaardigheid?</strong>" in html  # the title before the edit
