"""The security log: logins, failed logins, MFA and role changes and moderation actions, with who, what,
when and from where; listed for administrators only; kept for the configured period."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.constants import Role
from accounts.models import SecurityEvent
from accounts.security_log import purge
from forum import services
from forum.models import Question
from tests.accounts.factories import PASSWORD, login, person, with_totp

pytestmark = pytest.mark.django_db
Kind = SecurityEvent.Kind


def kinds() -> list[str]:
    return list(SecurityEvent.objects.order_by("pk").values_list("kind", flat=True))


def test_logins_failed_logins_and_logouts_are_logged_with_the_address(client, settings):
    anna = person("anna@example.nl")
    client.post(
        "/accounts/login/",
        {"login": "anna@example.nl", "password": "fout-wachtwoord"},
        REMOTE_ADDR="192.0.2.7",
    )
    failed = SecurityEvent.objects.get(kind=Kind.LOGIN_FAILED)
    assert failed.user_label == "anna@example.nl" and str(failed.ip) == "192.0.2.7"
    assert "fout-wachtwoord" not in failed.detail + failed.user_label  # never the password
    client.post(
        "/accounts/login/", {"login": "anna@example.nl", "password": PASSWORD}, REMOTE_ADDR="192.0.2.7"
    )
    login_event = SecurityEvent.objects.get(kind=Kind.LOGIN)
    assert login_event.user == anna and "anna@example.nl" in login_event.user_label
    client.post("/accounts/logout/")
    assert kinds() == [Kind.LOGIN_FAILED, Kind.LOGIN, Kind.LOGOUT]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")  # behind the TLS proxy
    client.post(
        "/accounts/login/",
        {"login": "anna@example.nl", "password": "nog-eens-fout"},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.4",
    )
    assert str(SecurityEvent.objects.filter(kind=Kind.LOGIN_FAILED).first().ip) == "198.51.100.4"


def test_mfa_role_and_moderation_changes_are_logged(client, imported):
    moderator = person("mod@persaldo.nl", roles=[Role.MODERATOR])
    user = person("piet@example.nl")
    user.groups.add(Group.objects.get(name="Redacteuren"))
    role = SecurityEvent.objects.filter(kind=Kind.ROLE_CHANGE, user=user).get()
    assert "editor" in role.detail
    question = Question.objects.get(external_id="question-partner-als-zorgverlener")
    services.question_lock(question=question, locked=True, by=moderator)
    moderation = SecurityEvent.objects.get(kind=Kind.MODERATION)
    assert moderation.user == moderator and moderation.detail == f"locked question #{question.pk}"


def test_an_authenticator_set_up_through_the_site_is_logged(client, django_capture_on_commit_callbacks):
    user = person("els@example.nl")
    login(client, user)
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})  # allauth asks again before MFA changes
    page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    secret = page.context["form"].secret
    from tests.accounts.factories import code_for

    with django_capture_on_commit_callbacks(execute=True):  # allauth signals once the change is committed
        done = client.post("/accounts/2fa/totp/activate/", {"code": code_for(secret)})
    assert done.status_code == 302, done.content.decode()[-1500:]
    assert SecurityEvent.objects.filter(kind=Kind.MFA_ADDED, user=user).exists()


def test_only_administrators_read_the_log_and_nobody_edits_it(client):
    person("anna@example.nl")
    client.post("/accounts/login/", {"login": "anna@example.nl", "password": "fout"})
    editor = person("r@persaldo.nl", roles=[Role.EDITOR])
    login(client, editor, secret=with_totp(editor))
    assert client.get("/admin/accounts/securitylog/").status_code in (302, 403)
    client.logout()
    admin = person("beheer@persaldo.nl", roles=[Role.ADMINISTRATOR])
    login(client, admin, secret=with_totp(admin))
    html = client.get("/admin/accounts/securitylog/").content.decode()
    assert "Mislukte inlog" in html or "mislukte inlog" in html
    event = SecurityEvent.objects.filter(kind=Kind.LOGIN_FAILED).first()
    assert client.get(f"/admin/accounts/securitylog/edit/{event.pk}/").status_code in (302, 403)


def test_events_older_than_the_retention_period_are_purged(settings):
    settings.PGB_SECURITY_LOG_DAYS = 30
    old = SecurityEvent.objects.create(kind=Kind.LOGIN, user_label="oud")
    SecurityEvent.objects.filter(pk=old.pk).update(at=timezone.now() - datetime.timedelta(days=31))
    SecurityEvent.objects.create(kind=Kind.LOGIN, user_label="nieuw")
    assert purge() == 1
    assert list(SecurityEvent.objects.values_list("user_label", flat=True)) == ["nieuw"]
