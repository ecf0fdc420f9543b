"""Following a theme or a law from its page, and the daily digest (`pgb forum digest`)."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from accounts.constants import NotifyMode, Role
from accounts.models import Notification
from accounts.notifications import digest_send
from cms.models import Law, Municipality, Theme
from forum import services
from forum.constants import Visibility
from forum.models import Follow
from tests.accounts.factories import deliver_mail, login, person

pytestmark = pytest.mark.django_db

BODY = "Hoe gaan jullie om met een budgetplan dat elk jaar opnieuw moet worden beoordeeld?"


@pytest.fixture
def people():
    utrecht = Municipality.objects.get(code="GM0344")
    moderator = person("mod@persaldo.nl", roles=[Role.MODERATOR])
    asker = person("anna@utrecht.nl", first_name="Anna", municipality=utrecht)
    first = services.question_ask(author=asker, title="Een eerdere vraag over het pgb", body=BODY)
    services.post_approve(post=first, by=moderator)
    return {
        "asker": asker,
        "official": person(
            "bert@leiden.nl", first_name="Bert", municipality=Municipality.objects.get(code="GM0546")
        ),
        "member": person("lid@gmail.com", first_name="Lid"),
        "moderator": moderator,
    }


def ask(people, title, **fields):
    return services.question_ask(author=people["asker"], title=title, body=BODY, **fields)


def test_a_member_follows_a_theme_from_its_page_and_hears_of_new_questions(people):
    theme = Theme.objects.order_by("pk").first()
    client = Client()
    login(client, people["official"])
    page = client.get(theme.get_absolute_url()).content.decode()
    assert "Volg dit thema" in page and 'aria-pressed="false"' in page
    response = client.post(f"/forum/volgen/thema/{theme.slug}/", follow=True)
    assert "U volgt nu" in response.content.decode() and 'aria-pressed="true"' in response.content.decode()
    assert Follow.objects.filter(user=people["official"], theme=theme).exists()

    ask(people, "Wie heeft ervaring met het jaarlijkse budgetplan?", themes=[theme.slug])
    assert Notification.objects.filter(user=people["official"], kind="question").count() == 1

    client.post(f"/forum/volgen/thema/{theme.slug}/")
    assert not Follow.objects.filter(user=people["official"], theme=theme).exists()
    ask(people, "Nog een vraag over het jaarlijkse budgetplan", themes=[theme.slug])
    assert Notification.objects.filter(user=people["official"], kind="question").count() == 1


def test_a_law_is_followed_the_same_way_and_closed_questions_reach_only_who_may_read_them(people):
    law = Law.objects.order_by("pk").first()
    for who in ("official", "member"):
        client = Client()
        login(client, people[who])
        assert "Volg deze wet" in client.get(law.get_absolute_url()).content.decode()
        client.post(f"/forum/volgen/wet/{law.slug}/")
    ask(
        people,
        "Besloten: hoe beoordelen jullie het zorgplan?",
        laws=[law.slug],
        visibility=Visibility.MEMBERS,
    )
    assert Notification.objects.filter(user=people["official"], kind="question").exists()
    assert not Notification.objects.filter(user=people["member"]).exists()


def test_visitors_are_asked_to_log_in_and_unverified_people_cannot_follow(people):
    theme = Theme.objects.order_by("pk").first()
    page = Client().get(theme.get_absolute_url()).content.decode()
    assert "Volg dit thema" not in page and f"/accounts/login/?next={theme.get_absolute_url()}" in page
    response = Client().post(f"/forum/volgen/thema/{theme.slug}/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    unverified = person("nieuw@gmail.com", verified=False)
    client = Client()
    client.force_login(unverified)
    assert client.post(f"/forum/volgen/thema/{theme.slug}/").status_code == 403
    assert client.post("/forum/volgen/thema/bestaat-niet/").status_code == 404
    assert not Follow.objects.filter(theme=theme).exists()


def at(hour: int, day: int = 0) -> datetime.datetime:
    local = timezone.localtime().replace(hour=hour, minute=5, second=0, microsecond=0)
    return local + datetime.timedelta(days=day)


def test_the_daily_digest_goes_once_a_day_from_the_digest_hour_with_an_unsubscribe_link(people, settings):
    settings.PGB_DIGEST_HOUR = 7
    official = people["official"]
    official.notify_mode = NotifyMode.DAILY
    official.save()
    theme = Theme.objects.order_by("pk").first()
    services.follow_toggle(user=official, theme=theme)
    ask(people, "Eerste vraag over het budgetplan van dit jaar", themes=[theme.slug])
    ask(people, "Tweede vraag over het budgetplan van dit jaar", themes=[theme.slug])
    deliver_mail()
    assert [m for m in mail.outbox if official.email in m.to] == []  # daily: nothing right away
    mail.outbox.clear()

    assert digest_send(now=at(5)) == 0  # before the digest hour
    assert digest_send(now=at(8)) == 1
    deliver_mail()
    (digest,) = mail.outbox
    assert digest.to == [official.email] and "2 nieuwe meldingen" in digest.subject
    assert "Eerste vraag" in digest.body and "Tweede vraag" in digest.body
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/account/afmelden/" in digest.extra_headers["List-Unsubscribe"]

    ask(people, "Derde vraag over het budgetplan van dit jaar", themes=[theme.slug])
    assert digest_send(now=at(9)) == 0  # one digest a day
    assert digest_send(now=at(8, day=1)) == 1


def test_the_digest_command_reports_what_it_queued(people):
    official = people["official"]
    official.notify_mode = NotifyMode.DAILY
    official.save()
    services.follow_toggle(user=official, law=Law.objects.order_by("pk").first())
    ask(people, "Een vraag over de wet en het budgetplan", laws=[Law.objects.order_by("pk").first().slug])
    out = StringIO()
    call_command("forum", "digest", "--now", stdout=out)
    assert out.getvalue().strip() == "1 digest mail queued."
    out = StringIO()
    call_command("forum", "digest", "--now", stdout=out, verbosity=2)
    assert out.getvalue().strip() == "0 digest mails queued."
