"""One login path with rate limits, and no admin without two-step verification."""

import pytest

from accounts.constants import Role
from tests.accounts.factories import PASSWORD, code_for, login, person, with_totp

pytestmark = pytest.mark.django_db


def test_the_admin_login_form_sends_people_to_the_one_login(client):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2Fpages%2F"
    assert client.get("/admin/password_reset/").status_code == 302
    assert client.post("/admin/login/", {"username": "x", "password": "y"}).status_code == 302
    assert client.get("/admin/")["Location"].startswith("/accounts/login/")


def test_an_editor_without_two_step_verification_does_not_reach_the_admin(client):
    editor = person("redactie@persaldo.nl", roles=[Role.EDITOR])
    login(client, editor)
    for path in ("/admin/", "/admin/pages/", "/admin/snippets/forum/question/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"] == "/accounts/2fa/", path
    page = client.get("/accounts/2fa/", follow=True).content.decode()
    assert "Stel eerst tweestapsverificatie in" in page


def test_a_session_that_skipped_the_second_step_must_confirm_it(client):
    editor = person("redactie@persaldo.nl", roles=[Role.EDITOR])
    login(client, editor)  # logged in with the password alone, then sets up an app
    secret = with_totp(editor)
    response = client.get("/admin/pages/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/2fa/reauthenticate/")
    client.post(response["Location"], {"code": code_for(secret)})
    assert client.get("/admin/").status_code == 200


def test_with_both_steps_the_editor_reaches_the_admin(client):
    editor = person("redactie@persaldo.nl", roles=[Role.EDITOR])
    login(client, editor, secret=with_totp(editor))
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_keeps_the_admin_closed(client):
    editor = person("redactie@persaldo.nl", roles=[Role.EDITOR])
    with_totp(editor)
    response = client.post("/accounts/login/", {"login": editor.email, "password": PASSWORD})
    client.post(response["Location"], {"code": "000000"})
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/")["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example",
        "http://testserver.evil.example/",
        "javascript:alert(1)",
    ],
)
def test_next_never_leaves_the_site(client, target):
    member = person("lid@example.nl")
    response = client.post(f"/accounts/login/?next={target}", {"login": member.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/account/"


def test_next_within_the_site_is_followed(client):
    member = person("lid@example.nl")
    response = client.post("/accounts/login/?next=/forum/", {"login": member.email, "password": PASSWORD})
    assert response["Location"] == "/forum/"


def test_fifteen_wrong_passwords_are_throttled_with_a_dutch_message(client):
    member = person("lid@example.nl")
    pages = [
        client.post("/accounts/login/", {"login": member.email, "password": f"fout-{i}"}).content.decode()
        for i in range(15)
    ]
    assert "Te veel inlogpogingen" not in pages[0]
    assert all("Te veel inlogpogingen" in page for page in pages[5:])
    refused = client.post("/accounts/login/", {"login": member.email, "password": PASSWORD})
    assert "Te veel inlogpogingen" in refused.content.decode()  # even the right password waits
    assert "_auth_user_id" not in client.session


def test_too_many_requests_get_a_dutch_page(client):
    statuses = [client.post("/accounts/password/reset/", {"email": f"x{i}@example.nl"}) for i in range(25)]
    refused = next(response for response in statuses if response.status_code == 429)
    assert "Te veel pogingen" in refused.content.decode() and 'lang="nl"' in refused.content.decode()
