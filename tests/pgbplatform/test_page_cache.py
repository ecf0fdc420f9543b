"""Anonymous pages come from the cache and are fresh after every change; nothing a signed-in person sees
is ever kept for someone else; proxies and browsers revalidate with an ETag."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.constants import Role
from cms.models import KnowledgePage
from forum import services
from forum.models import Question
from tests.accounts.factories import person

pytestmark = pytest.mark.django_db


def served_from_cache(client, path: str):
    """The response, and whether it was made without a single database query."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response, len(queries) == 0


def test_a_second_anonymous_visit_needs_no_database_and_revalidates_by_etag(client, imported):
    page = KnowledgePage.objects.live().filter(casepage__isnull=False).first()
    first = client.get(page.url)
    assert first.status_code == 200
    second, cached = served_from_cache(client, page.url)
    assert cached and second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert set(second["Cache-Control"].split(", ")) == {"public", "max-age=0", "must-revalidate"}
    assert "Cookie" in second["Vary"]
    # Headers of the outer layers are made anew for every request.
    assert second["X-Request-ID"] != first["X-Request-ID"]
    assert "Content-Security-Policy" in second and "Permissions-Policy" in second
    unchanged = client.get(page.url, headers={"If-None-Match": first["ETag"]})
    assert unchanged.status_code == 304 and unchanged.content == b""


def test_publishing_and_unpublishing_show_at_once(client, imported):
    page = KnowledgePage.objects.live().filter(articlepage__isnull=False).first().specific
    assert client.get(page.url).status_code == 200 and client.get("/").status_code == 200
    page.title = "Een nieuwe titel voor dit artikel"
    page.save_revision().publish()
    assert "Een nieuwe titel voor dit artikel" in client.get(page.url).content.decode()
    page.unpublish()
    assert client.get(page.url).status_code == 404


def test_every_forum_change_shows_at_once(client, imported):
    question = Question.objects.get(external_id="question-partner-als-zorgverlener")
    path = question.get_absolute_url()
    client.get(path)
    expert = person("eva@persaldo.nl", first_name="Eva", roles=[Role.EXPERT])
    moderator = person("mod@persaldo.nl", roles=[Role.MODERATOR])
    answer = services.answer_post(question=question, author=expert, body="Kijk naar de zorgovereenkomst.")
    assert "Kijk naar de zorgovereenkomst." in client.get(path).content.decode()
    services.post_hide(post=answer, by=moderator)
    assert "Kijk naar de zorgovereenkomst." not in client.get(path).content.decode()
    assert "gesloten" not in client.get(path).content.decode().lower()
    services.question_lock(question=question, locked=True, by=moderator)
    assert "gesloten" in client.get(path).content.decode().lower()


def test_what_a_signed_in_member_sees_is_never_kept_for_anonymous_visitors(client, imported, staff_user):
    hidden = Question.objects.get(external_id="question-fraudesignalen-intern")
    client.force_login(staff_user)
    for path in ("/forum/", hidden.get_absolute_url()):
        response = client.get(path)
        assert response.status_code == 200 and "private" in response["Cache-Control"]
        assert "ETag" not in response
    client.logout()
    assert hidden.title not in client.get("/forum/").content.decode()
    assert client.get(hidden.get_absolute_url()).status_code == 404
    # And the other way round: the signed-in person is not given the anonymous page.
    client.force_login(staff_user)
    assert hidden.title in client.get("/forum/").content.decode()


def test_pages_that_set_a_cookie_or_hold_a_message_are_not_kept(client, imported):
    login = client.get("/accounts/login/")
    assert login.status_code == 200 and "ETag" not in login
    client.cookies["messages"] = "anything"
    response, cached = served_from_cache(client, "/")
    assert not cached


def test_the_same_rules_with_redis(client, imported, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
        }
    }
    cache.clear()
    try:
        page = KnowledgePage.objects.live().filter(articlepage__isnull=False).first().specific
        client.get(page.url)
        assert served_from_cache(client, page.url)[1]
        page.title = "Een titel uit Redis vandaan"
        page.save_revision().publish()
        assert "Een titel uit Redis vandaan" in client.get(page.url).content.decode()
    finally:
        cache.clear()
