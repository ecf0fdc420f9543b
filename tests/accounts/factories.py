"""People for tests, made the way the platform makes them: a verified address, groups for roles,
a real TOTP authenticator; `login()` goes through allauth's own login and two-step forms."""

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.contrib.auth.models import Group

from accounts.constants import ROLE_GROUPS, OfficialVia, Role
from accounts.models import User

PASSWORD = "een-lang-wachtwoord-2026"


def person(
    email: str,
    *,
    first_name: str = "Test",
    last_name: str = "Persoon",
    verified: bool = True,
    roles=(),
    municipality=None,
) -> User:
    user = User.objects.create_user(
        email.split("@")[0], email, PASSWORD, first_name=first_name, last_name=last_name
    )
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    for role in roles:
        if role == Role.ADMINISTRATOR:
            user.is_superuser = True
            user.save()
        else:
            user.groups.add(Group.objects.get_or_create(name=ROLE_GROUPS[role])[0])
    if municipality is not None:
        user.municipality = municipality
        user.official_via = OfficialVia.DOMAIN
        user.save()
    return User.objects.get(pk=user.pk)


def with_totp(user: User) -> str:
    """Set up an authenticator app for `user`; returns its secret (what the QR code holds)."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def code_for(secret: str, *, step: int = 0) -> str:
    """The authenticator app's code now (`step` periods on). The site accepts only the current
    period's code, so a code asked for in a period's last seconds is taken from the next period after
    waiting for it: a slow machine must not submit it just after it expired."""
    import time

    from allauth.mfa import app_settings

    period = app_settings.TOTP_PERIOD
    if step == 0 and period - time.time() % period < 5:
        time.sleep(period - time.time() % period + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // period + step))


def login(client, user: User, *, secret: str | None = None, password: str = PASSWORD):
    """Log in through the real forms: e-mail and password, then the authenticator code if any."""
    response = client.post("/accounts/login/", {"login": user.email, "password": password})
    if secret is not None:
        assert response.status_code == 302 and "/2fa/" in response["Location"], response
        response = client.post(response["Location"], {"code": code_for(secret)})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def deliver_mail() -> None:
    """Work off the mail queue as the mail worker does."""
    work_off("mail", backend="mail")


def work_off(queue: str, *, backend: str) -> None:
    """Work off a queue as its worker does: claim each ready task, run it, record the result.

    (Django's `db_worker` command itself closes the database connection between tasks, which would
    end the test's transaction on PostgreSQL; the task code and the queue rows are the real ones.)
    """
    from django_tasks_db.models import DBTaskResult

    while True:
        row = (
            DBTaskResult.objects.filter(queue_name=queue, backend_name=backend).ready().order_by("pk").first()
        )
        if row is None:
            return
        row.claim("test-worker")
        task = row.task
        row.set_successful(task.func(*row.args_kwargs["args"], **row.args_kwargs["kwargs"]))


def link_in(message, prefix: str) -> str:
    """The first link in a mail's text that starts with `prefix` (e.g. the verification link)."""
    import re

    match = re.search(re.escape(prefix) + r"\S+", message.body)
    assert match, message.body
    return match.group(0)
