"""`pgb content review-reminders`: each editor is mailed, once a week, the content due for review that
is theirs, and content whose maker left reaches every editor."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from accounts.constants import NotifyMode
from accounts.review_reminders import review_reminders_send
from cms.models import KnowledgePage
from tests.accounts.factories import deliver_mail, person

pytestmark = pytest.mark.django_db


def editor(email: str, group: str = "Redacteuren", **fields):
    user = person(email, first_name=email.split("@")[0].title())
    user.groups.add(Group.objects.get(name=group))
    for name, value in fields.items():
        setattr(user, name, value)
    user.save()
    return user


@pytest.fixture
def due(imported):
    """Two pages due for review: one Alice made, one made by an editor who has left; the rest fresh."""
    today = timezone.localdate()
    alice = editor("alice@persaldo.nl")
    gone = editor("vertrokken@persaldo.nl", is_active=False)
    pages = list(KnowledgePage.objects.live().order_by("pk"))
    for page in pages:
        page.last_reviewed = today
    pages[0].last_reviewed, pages[0].owner = today - datetime.timedelta(days=500), alice
    pages[1].last_reviewed, pages[1].owner = today - datetime.timedelta(days=800), gone
    for page in pages:
        page.save()
    return alice, pages[0], pages[1]


def run() -> list:
    call_command("content", "review-reminders", "--now", stdout=StringIO())
    deliver_mail()
    return list(mail.outbox)


def test_each_editor_gets_what_is_theirs_and_what_nobody_owns_any_more(due):
    alice, own, orphaned = due
    bob = editor("bob@persaldo.nl", group="Eindredactie")
    editor("stil@persaldo.nl", notify_mode=NotifyMode.SITE)  # chose no mail: the dashboard only
    person("lid@example.nl")  # a member, no editor
    sent = {message.to[0]: message for message in run()}
    assert set(sent) == {alice.email, bob.email}
    to_alice, to_bob = sent[alice.email].body, sent[bob.email].body
    assert sent[alice.email].subject == "2 pagina's op het Informatieplatform pgb moeten worden gecontroleerd"
    assert own.title in to_alice and orphaned.title in to_alice
    assert (
        to_alice.index(own.title) < to_alice.index("niet meer als redacteur") < to_alice.index(orphaned.title)
    )
    assert own.title not in to_bob and orphaned.title in to_bob
    assert f"/admin/pages/{orphaned.pk}/edit/" in to_bob
    assert sent[bob.email].subject == "1 pagina op het Informatieplatform pgb moet worden gecontroleerd"


def test_one_reminder_a_week_from_the_configured_day_and_hour(due, settings):
    alice, _own, _orphaned = due
    assert len(run()) == 1
    assert len(run()) == 1  # the same week: nothing new
    settings.PGB_REVIEW_WEEKDAY, settings.PGB_DIGEST_HOUR = 1, 7
    today = timezone.localdate()
    next_monday = today + datetime.timedelta(days=7 - today.weekday())  # a week after the run above
    monday = timezone.make_aware(datetime.datetime.combine(next_monday, datetime.time(6, 59)))
    assert review_reminders_send(now=monday) == 0  # before the hour
    assert review_reminders_send(now=monday + datetime.timedelta(minutes=1)) == 1  # a new week, the hour
    assert review_reminders_send(now=monday + datetime.timedelta(days=2)) == 0  # once that week


def test_nothing_due_mails_nobody(imported):
    editor("alice@persaldo.nl")
    KnowledgePage.objects.update(last_reviewed=timezone.localdate())
    assert run() == []
