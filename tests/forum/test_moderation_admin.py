"""Moderators in the Wagtail admin: the queue of first posts and reports, hiding, restoring, locking,
the report history and the log; everything through the services, nothing for anyone else."""

import pytest
from django.test import Client

from accounts.constants import Role
from accounts.models import Notification
from accounts.selectors import ANONYMOUS
from cms.models import Municipality, Theme
from forum import services
from forum.constants import ReportOutcome, ReportReason, Status
from forum.models import Follow, Report
from search import service as search_service
from search.types import SearchRequest
from tests.accounts.factories import login, person, with_totp

pytestmark = pytest.mark.django_db

QUEUE = "/admin/forum/moderatie/"
BODY = "Hoe toetsen jullie of een budgethouder een pgb zelf kan beheren? Wij gebruiken de zelfscan."


@pytest.fixture
def people():
    utrecht = Municipality.objects.get(code="GM0344")
    return {
        "asker": person("anna@utrecht.nl", first_name="Anna", municipality=utrecht),
        "colleague": person(
            "bert@leiden.nl", first_name="Bert", municipality=Municipality.objects.get(code="GM0546")
        ),
        "moderator": person("mod@persaldo.nl", first_name="Mo", roles=[Role.MODERATOR]),
        "editor": person("redactie@persaldo.nl", roles=[Role.EDITOR]),
    }


@pytest.fixture
def moderator_client(people):
    client = Client()
    login(client, people["moderator"], secret=with_totp(people["moderator"]))
    return client


def ask(people, title="Hoe toetsen jullie pgb-vaardigheid?"):
    return services.question_ask(
        author=people["asker"], title=title, body=BODY, themes=[Theme.objects.order_by("pk").first().slug]
    )


def found(question) -> bool:
    request = SearchRequest(text="zelfscan pgb-vaardigheid", audience=ANONYMOUS)
    return question.external_id in [hit.id for hit in search_service.search(request).hits]


def test_a_first_post_waits_in_the_queue_and_approval_publishes_it_and_tells_people(people, moderator_client):
    follower = person("volger@leiden.nl", municipality=Municipality.objects.get(code="GM0546"))
    Follow.objects.create(user=follower, theme=Theme.objects.order_by("pk").first())
    question = ask(people)
    assert question.status == Status.PENDING
    page = moderator_client.get(QUEUE).content.decode()
    assert "1 bericht wacht op goedkeuring" in page and question.title in page
    assert moderator_client.get("/admin/").content.decode().count("Moderatie (1)") >= 1

    post_page = f"{QUEUE}vraag/{question.pk}/"
    response = moderator_client.post(post_page, {"action": "approve"}, follow=True)
    assert "Goedgekeurd" in response.content.decode()
    question.refresh_from_db()
    assert question.status == Status.PUBLISHED and found(question)
    assert Client().get(question.get_absolute_url()).status_code == 200
    assert Notification.objects.filter(user=people["asker"], kind="post_approved").exists()
    assert Notification.objects.filter(user=follower, kind="question").exists()
    assert "Er wacht niets op goedkeuring" in moderator_client.get(QUEUE).content.decode()


def test_a_reported_answer_is_hidden_and_the_history_shows_who_reported_and_who_decided(
    people, moderator_client
):
    question = ask(people)
    services.post_approve(post=question, by=people["moderator"])
    answer = services.answer_post(question=question, author=people["colleague"], body="Bel mij: 06-12345678.")
    services.post_approve(post=answer, by=people["moderator"])
    for reporter in (people["asker"], people["editor"]):
        services.report_submit(
            post=answer, by=reporter, reason=ReportReason.PERSONAL_DATA, explanation="Telefoon"
        )
    page = moderator_client.get(QUEUE).content.decode()
    assert "1 gemeld bericht" in page

    post_page = f"{QUEUE}antwoord/{answer.pk}/"
    page = moderator_client.get(post_page).content.decode()
    assert page.count("bevat persoonsgegevens") == 2 and "06-12345678" in page
    moderator_client.post(post_page, {"action": "hide"})
    answer.refresh_from_db()
    assert answer.status == Status.HIDDEN
    assert "06-12345678" not in Client().get(question.get_absolute_url()).content.decode()
    assert set(Report.objects.values_list("outcome", "decided_by")) == {
        (ReportOutcome.HIDDEN, people["moderator"].pk)
    }
    assert Notification.objects.filter(user=people["colleague"], kind="post_hidden").exists()
    history = moderator_client.get(post_page).content.decode()
    assert history.count("bericht verborgen") == 2 and "Herstellen" in history
    assert "bevat persoonsgegevens" in moderator_client.get(QUEUE + "log/").content.decode()

    moderator_client.post(post_page, {"action": "restore"})
    answer.refresh_from_db()
    assert answer.status == Status.PUBLISHED
    assert "06-12345678" in Client().get(question.get_absolute_url()).content.decode()


def test_dismissing_a_report_leaves_the_post_and_closes_that_report(people, moderator_client):
    question = ask(people)
    services.post_approve(post=question, by=people["moderator"])
    report = services.report_submit(post=question, by=people["colleague"], reason=ReportReason.INCORRECT)
    response = moderator_client.post(
        f"{QUEUE}vraag/{question.pk}/", {"action": "dismiss", "report": report.pk}, follow=True
    )
    assert "Melding afgewezen" in response.content.decode()
    report.refresh_from_db()
    question.refresh_from_db()
    assert report.outcome == ReportOutcome.DISMISSED and question.status == Status.PUBLISHED
    again = moderator_client.post(
        f"{QUEUE}vraag/{question.pk}/", {"action": "dismiss", "report": report.pk}, follow=True
    )
    assert "al afgehandeld" in again.content.decode()


def test_a_locked_question_takes_no_answers_until_unlocked(people, moderator_client):
    question = ask(people)
    services.post_approve(post=question, by=people["moderator"])
    moderator_client.post(f"{QUEUE}vraag/{question.pk}/", {"action": "lock"})
    colleague = Client()
    login(colleague, people["colleague"])
    page = colleague.get(question.get_absolute_url()).content.decode()
    assert 'name="body"' not in page
    response = colleague.post(f"/forum/{question.pk}/antwoorden/", {"body": "Toch een antwoord."})
    assert response.status_code == 400 and not question.answers.exists()
    assert "kan niet meer worden geantwoord" in response.content.decode()
    moderator_client.post(f"{QUEUE}vraag/{question.pk}/", {"action": "unlock"})
    assert 'name="body"' in colleague.get(question.get_absolute_url()).content.decode()


def test_bad_actions_and_unknown_posts_are_answered_without_an_error(people, moderator_client):
    question = ask(people)
    post_page = f"{QUEUE}vraag/{question.pk}/"
    for data in ({"action": "explode"}, {"action": "dismiss", "report": "x' OR 1=1"}, {"action": "dismiss"}):
        response = moderator_client.post(post_page, data, follow=True)
        assert response.status_code == 200
    question.refresh_from_db()
    assert question.status == Status.PENDING
    assert moderator_client.get(f"{QUEUE}vraag/999999/").status_code == 404
    assert moderator_client.get(f"{QUEUE}onzin/{question.pk}/").status_code == 404


def test_nobody_but_moderators_reaches_the_moderation_screens(people):
    question = ask(people)
    editor = Client()
    login(editor, people["editor"], secret=with_totp(people["editor"]))
    assert "Moderatie" not in editor.get("/admin/").content.decode()
    for path in (QUEUE, QUEUE + "log/", f"{QUEUE}vraag/{question.pk}/"):
        response = editor.get(path)
        assert response.status_code == 302 and response["Location"] == "/admin/", path
    editor.post(f"{QUEUE}vraag/{question.pk}/", {"action": "approve"})
    anonymous = Client().post(f"{QUEUE}vraag/{question.pk}/", {"action": "approve"})
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/login/")
    question.refresh_from_db()
    assert question.status == Status.PENDING


def test_moderation_forms_refuse_posts_without_csrf_token(people):
    question = ask(people)
    client = Client()
    login(client, people["moderator"], secret=with_totp(people["moderator"]))
    client.handler.enforce_csrf_checks = True
    assert client.post(f"{QUEUE}vraag/{question.pk}/", {"action": "approve"}).status_code == 403
    question.refresh_from_db()
    assert question.status == Status.PENDING
