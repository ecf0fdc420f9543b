"""Signing up: the address must be verified; an address at a municipal domain makes an official."""

import re

import pytest
from django.core import mail

from accounts.constants import OfficialVia, Role
from accounts.models import RoleChange, User
from accounts.selectors import MEMBERS, PUBLIC, audience_for, roles_of
from cms.models import Municipality
from tests.accounts.factories import PASSWORD, deliver_mail, link_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def utrecht():
    municipality = Municipality.objects.get(code="GM0344")
    municipality.email_domains = "utrecht.nl"
    municipality.save()
    return municipality


def sign_up(client, email: str):
    return client.post(
        "/accounts/signup/",
        {
            "email": email,
            "password1": PASSWORD,
            "password2": PASSWORD,
            "first_name": "Anna",
            "last_name": "de Vries",
        },
    )


def verify(client, email: str):
    deliver_mail()
    message = next(m for m in mail.outbox if email.lower() in [to.lower() for to in m.to])
    path = (
        "/accounts/confirm-email/" + link_in(message, "/accounts/confirm-email/").split("/confirm-email/")[1]
    )
    client.get(path)
    return client.post(path)


def test_signing_up_sends_a_dutch_verification_mail_and_grants_nothing_before_it(client, utrecht):
    response = sign_up(client, "anna@utrecht.nl")
    assert response.status_code == 302 and response["Location"] == "/accounts/confirm-email/"
    user = User.objects.get(email="anna@utrecht.nl")
    assert user.get_full_name() == "Anna de Vries"
    assert roles_of(user) == frozenset() and audience_for(user) == PUBLIC
    assert mail.outbox == []  # queued, sent by the mail worker
    deliver_mail()
    (message,) = mail.outbox
    assert message.to == ["anna@utrecht.nl"] and "Bevestig" in message.subject + message.body


def test_a_verified_address_at_a_municipal_domain_makes_an_official(client, utrecht):
    sign_up(client, "anna@Utrecht.nl")
    response = verify(client, "anna@Utrecht.nl")
    assert response.status_code == 302
    user = User.objects.get(email__iexact="anna@utrecht.nl")
    assert user.municipality == utrecht and user.official_via == OfficialVia.DOMAIN
    assert Role.OFFICIAL in roles_of(user) and audience_for(user) == MEMBERS
    change = RoleChange.objects.get(subject=user)
    assert (change.role, change.action, change.actor) == (Role.OFFICIAL, "granted", None)


def test_sign_up_with_a_non_municipal_address_gives_member_rights_only(client, utrecht):
    sign_up(client, "anna@gmail.com")
    verify(client, "anna@gmail.com")
    user = User.objects.get(email="anna@gmail.com")
    assert roles_of(user) == {Role.MEMBER} and audience_for(user) == PUBLIC
    assert user.municipality is None


def test_a_lookalike_domain_is_not_the_gemeente(client, utrecht):
    for address in ("a@utrecht.nl.evil.com", "b@notutrecht.nl", "c@mail.utrecht.nl"):
        client.logout()
        sign_up(client, address)
        verify(client, address)
        assert Role.OFFICIAL not in roles_of(User.objects.get(email=address)), address


def test_an_unverified_person_cannot_log_in(client, utrecht):
    sign_up(client, "anna@utrecht.nl")
    client.logout()
    response = client.post("/accounts/login/", {"login": "anna@utrecht.nl", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session


def test_the_account_pages_are_dutch(client):
    html = client.get("/accounts/signup/").content.decode()
    assert "Account aanmaken" in html or "Registreren" in html
    assert 'lang="nl"' in html and "Voornaam" in html
    assert "Wachtwoord" in client.get("/accounts/login/").content.decode()


INFORMAL = re.compile(r"\b([Jj]e|[Jj]ij|[Jj]ou|[Jj]ouw|[Jj]ezelf)\b")  # as words are written, not in a code


def visible_text(html: str) -> str:
    """The words a reader sees: no markup, scripts or addresses (a mail's link holds a random key)."""
    text = re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S))
    return re.sub(r"https?://\S+", " ", text)


def test_the_account_pages_and_mails_address_people_as_u_like_the_rest_of_the_site(client, utrecht):
    """allauth's Dutch says "je"; this site says "u" everywhere (accounts/allauth_messages.py)."""
    pages = {}
    for path in ("/accounts/signup/", "/accounts/login/", "/accounts/password/reset/", "/accounts/logout/"):
        pages[path] = client.get(path, follow=True).content.decode()
    sign_up(client, "anna@utrecht.nl")
    pages["verification sent"] = client.get("/accounts/confirm-email/", follow=True).content.decode()
    response = verify(client, "anna@utrecht.nl")
    pages["after verification"] = client.get(response["Location"]).content.decode()
    pages["verification mail"] = next(m for m in mail.outbox if "anna@utrecht.nl" in m.to).body
    client.post("/accounts/password/reset/", {"email": "anna@utrecht.nl"})
    deliver_mail()
    pages["reset mail"] = mail.outbox[-1].body
    informal = {name: INFORMAL.findall(visible_text(text)) for name, text in pages.items()}
    assert {name: words for name, words in informal.items() if words} == {}
    assert "U bent ingelogd als" in pages["after verification"]
