"""What editors meet in the admin and readers see of their upkeep: a new case starts with its four
sections, lists and buttons speak Dutch, and content nobody checked for two years says so."""

import datetime

import pytest
from django.utils import timezone

from accounts.constants import Role
from cms.models import CaseIndexPage, CasePage
from search.models import Synonym
from tests.accounts.factories import login, person, with_totp

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(client):
    admin = person("beheer@example.nl", roles=[Role.ADMINISTRATOR])
    login(client, admin, secret=with_totp(admin))
    return admin


def test_a_new_case_starts_with_its_four_sections_and_empty_ones_stay_hidden(client, administrator, imported):
    index = CaseIndexPage.objects.get()
    html = client.get(f"/admin/pages/add/cms/casepage/{index.pk}/").content.decode()
    positions = [html.find(label) for label in ("Aanleiding", "Aanpak", "Resultaat", "Lessen")]
    assert all(p > 0 for p in positions) and positions == sorted(positions), positions
    case = CasePage(title="Nieuw", slug="nieuw", summary="Kort.")
    assert [block.block_type for block in case.body] == ["aanleiding", "aanpak", "resultaat", "lessen"]
    case.body = [("aanleiding", "<p>Waarom wij begonnen.</p>"), ("aanpak", "<p></p>")]
    index.add_child(instance=case)
    case.save_revision().publish()
    page = client.get(case.url).content.decode()
    assert "Waarom wij begonnen." in page and ">Aanleiding</h2>" in page
    assert ">Aanpak</h2>" not in page  # an empty section is not shown to readers


def test_the_synonym_list_and_the_answers_button_speak_dutch(client, administrator, imported):
    Synonym.objects.create(rule="pgb-check, pgb-toets", active=False)
    html = " ".join(client.get("/admin/snippets/search/synonym/", {"q": "pgb"}).content.decode().split())
    assert "<th > Actief </th> <th > Gewijzigd </th>" in html
    assert "<td > nee </td>" in html and "<td > ja </td>" in html  # pgb-check is inactive, the rest active
    for english in ("Updated at", "True", "False"):
        assert f"> {english} <" not in html
    from forum.models import Question

    question = Question.objects.first()
    edit = client.get(f"/admin/snippets/forum/question/edit/{question.pk}/").content.decode()
    assert "Voeg antwoord toe" in edit and "Voeg Antwoorden toe" not in edit


def test_content_nobody_checked_for_two_years_says_it_may_be_out_of_date(client, imported):
    case = CasePage.objects.get(external_id="case-testdorp-keukentafel")
    today = timezone.localdate()
    case.last_reviewed = today - datetime.timedelta(days=3 * 365)
    case.save_revision().publish()
    html = client.get(case.url).content.decode()
    checked = case.last_reviewed
    assert "Mogelijk verouderd: laatst gecontroleerd op" in html and str(checked.year) in html
    case.last_reviewed = today - datetime.timedelta(days=300)
    case.save_revision().publish()
    assert "Mogelijk verouderd" not in client.get(case.url).content.decode()


def test_the_dashboard_lists_content_due_for_review_and_the_weeks_fruitless_searches(
    client, administrator, imported
):
    today = timezone.localdate()
    old = CasePage.objects.get(external_id="case-testdorp-keukentafel")
    old.last_reviewed = today - datetime.timedelta(days=500)
    old.save_revision().publish()
    fresh = CasePage.objects.exclude(pk=old.pk).first()
    if fresh is not None:
        fresh.last_reviewed = today
        fresh.save_revision().publish()
    client.get("/zoeken/", {"q": "xyzzy wooncoach"})
    html = client.get("/admin/").content.decode()
    panel = html[html.index('id="review-due-content"') :]
    assert "Te controleren" in html and old.title in panel[: panel.index("</table>")]
    assert fresh is None or fresh.title not in panel[: panel.index("</table>")]
    assert "Deze week gezocht zonder resultaat" in html and "xyzzy wooncoach" in html


def test_the_dashboard_lists_questions_waiting_for_an_experience_expert(client, administrator, imported):
    from cms.models import Municipality
    from forum import services

    asker = person("anna@utrecht.nl", first_name="Anna", municipality=Municipality.objects.get(code="GM0344"))
    waiting = services.question_ask(
        author=asker,
        title="Hoe toetsen jullie pgb-vaardigheid?",
        body="Wat vragen jullie door bij een aanvraag?",
        expert_requested=True,
    )
    services.post_approve(post=waiting, by=administrator)  # a new official's first post waits for a moderator
    services.question_ask(author=asker, title="Een vraag zonder verzoek", body="Een tekst van genoeg tekens.")
    html = client.get("/admin/").content.decode()
    panel = html[html.index('id="awaiting-expert-content"') :]
    panel = panel[: panel.index("</table>")]
    assert "Wacht op ervaringsdeskundige" in html
    assert waiting.title in panel and waiting.get_absolute_url() in panel
    assert "Een vraag zonder verzoek" not in panel


def test_yes_no_cells_in_admin_lists_speak_dutch_to_screen_readers(client, administrator):
    html = " ".join(client.get("/admin/users/").content.decode().split())
    assert '<td class="status">' in html and '<span class="w-sr-only"> ja </span>' in html
    assert "> True <" not in html and "> False <" not in html
