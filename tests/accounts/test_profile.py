"""The profile: what a person says of themselves, their data export, deleting the account."""

import json

import pytest

from accounts.constants import NotifyMode
from accounts.models import User
from tests.accounts.factories import login, person

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_are_sent_to_the_login_and_back(client):
    response = client.get("/account/")
    assert response.status_code == 302 and response["Location"] == "/accounts/login/?next=/account/"


def test_a_member_edits_name_function_and_notification_settings(client):
    member = person("anna@example.nl")
    login(client, member)
    page = client.get("/account/").content.decode()
    assert "Uw profiel" in page and 'name="csrfmiddlewaretoken"' in page
    response = client.post(
        "/account/",
        {
            "first_name": "Anna",
            "last_name": "Bakker",
            "job_title": "Wmo-consulent",
            "organisation": "",
            "notify_mode": NotifyMode.DAILY,
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.get_full_name(), member.job_title, member.notify_mode) == (
        "Anna Bakker",
        "Wmo-consulent",
        "daily",
    )


def test_invalid_profile_input_gets_a_dutch_error_and_changes_nothing(client):
    member = person("anna@example.nl", first_name="Anna")
    login(client, member)
    response = client.post("/account/", {"first_name": "", "last_name": "B", "notify_mode": "loud"})
    html = response.content.decode()
    assert response.status_code == 200 and "Verbeter het volgende" in html
    assert 'aria-invalid="true"' in html and "Dit is een verplicht veld" in html
    member.refresh_from_db()
    assert member.first_name == "Anna" and member.notify_mode == NotifyMode.IMMEDIATE


def test_the_export_holds_what_the_person_set(client):
    member = person("anna@example.nl", first_name="Anna")
    login(client, member)
    response = client.get("/account/gegevens/")
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["first_name"] == "Anna"
    assert data["account"]["email_addresses"] == [
        {"email": "anna@example.nl", "verified": True, "primary": True}
    ]


def test_deleting_the_account_needs_confirmation_and_logs_out(client):
    member = person("anna@example.nl")
    login(client, member)
    assert client.post("/account/verwijderen/", {}).status_code == 200
    assert User.objects.filter(pk=member.pk).exists()
    response = client.post("/account/verwijderen/", {"confirm": "on"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=member.pk).exists()
    assert "_auth_user_id" not in client.session


def test_forms_refuse_posts_without_csrf_token(db):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    member = person("anna@example.nl")
    client.force_login(member)
    assert (
        client.post("/account/", {"first_name": "X", "last_name": "Y", "notify_mode": "daily"}).status_code
        == 403
    )
    assert client.post("/account/verwijderen/", {"confirm": "on"}).status_code == 403
    assert client.post("/accounts/logout/").status_code == 403
    assert User.objects.filter(pk=member.pk).exists()


def test_the_privacy_page_says_what_accounts_store(client):
    html = client.get("/privacy/").content.decode()
    for stored in ("tweestapsverificatie", "IP-adres", "voormalig", "als JSON", "Welke rollen"):
        assert stored in html, stored
