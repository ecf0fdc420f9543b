"""The home page's sections are made once per audience and change, also for signed-in readers: fewer
queries on the next visit, never shown to an audience they were not made for, nor after a change, and
an editor's preview neither reads nor leaves them."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.models import HomePage, KnowledgePage
from forum.constants import Visibility
from forum.services import question_save
from tests.accounts.factories import person

pytestmark = pytest.mark.django_db


def visit(client, path="/"):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def members_only_question():
    return question_save(
        question=None,
        title="Hoe signaleren gemeenten fraude met zorgverleners?",
        body="Alleen voor collega's van gemeenten.",
        published=datetime.date.today() + datetime.timedelta(days=1),  # the newest: on the home page
        visibility=Visibility.MEMBERS,
        themes=[],
    )


def test_a_signed_in_readers_next_home_visit_reuses_the_sections_and_a_publication_shows_at_once(
    client, imported
):
    client.force_login(person("lezer@example.nl"))
    first, first_queries = visit(client)
    again, again_queries = visit(client)
    assert again == first and again_queries < first_queries - 5
    case = KnowledgePage.objects.live().filter(casepage__isnull=False).first().specific
    case.title = "Een casus die net is bijgewerkt"
    case.published_date = datetime.date.today() + datetime.timedelta(days=1)
    case.save_revision().publish()
    assert "Een casus die net is bijgewerkt" in visit(client)[0]


def test_sections_made_for_members_are_never_shown_to_a_signed_in_public_reader(client, imported, staff_user):
    question = members_only_question()
    reader = person("lezer@example.nl")
    client.force_login(staff_user)
    assert question.title in visit(client)[0]
    client.force_login(reader)
    assert question.title not in visit(client)[0]
    client.force_login(staff_user)
    assert question.title in visit(client)[0]


def test_an_editors_preview_shows_the_draft_and_leaves_nothing_for_readers(client, imported, staff_user, rf):
    draft = '<p class="utrecht-paragraph pgb-lead">Een concepttekst die nog niet gepubliceerd is</p>'
    client.force_login(person("lezer@example.nl"))
    visit(client)  # the live sections are in the cache now
    home = HomePage.objects.get()
    home.intro = "Een concepttekst die nog niet gepubliceerd is"
    home.save_revision()  # the editor saves a draft (a change: a new generation) and previews it
    request = rf.get("/admin/")
    request.user = staff_user
    assert draft in home.make_preview_request(original_request=request).content.decode()
    assert draft not in visit(client)[0]
    assert draft in home.make_preview_request(original_request=request).content.decode()
