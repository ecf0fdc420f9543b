"""The forum's whole journey on real Chromium, reading mail from the test mailbox.

An official signs up with an address at her gemeente's domain and verifies it; she asks a closed
("besloten") question with "Vraag Per Saldo mee te denken" and sees similar questions while typing; a
moderator approves her first post in the admin; the experience expert is mailed, finds it in the
experts' list and answers; a colleague at another gemeente answers; she is mailed of both answers and
accepts the expert's; the expert is told. An anonymous visitor and a non-municipal member see none of
it, anywhere they look; an editor without two-step verification does not reach the admin.
"""

import re

import pytest
from django.core import mail

from accounts.constants import Role
from accounts.models import Notification, User
from cms import services as cms_services
from cms.models import Municipality
from forum import services
from forum.models import Answer, Question
from tests.accounts.factories import PASSWORD, deliver_mail, person, with_totp
from tests.browser.helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "Hoe toetsen jullie of een budgethouder het pgb zelf kan beheren?"
WORD = "zelfbeheertoets"  # a word only the closed question has


def mails_to(address: str) -> list:
    deliver_mail()
    return [m for m in mail.outbox if address in m.to]


def verification_link(message, site: str) -> str:
    match = re.search(r"/accounts/confirm-email/\S+", message.body)
    assert match, message.body
    return site + match.group(0)


def new_page(browser):
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    return context.new_page()


def test_an_official_asks_per_saldo_and_colleagues_answer(site, browser):
    utrecht = Municipality.objects.get(code="GM0344")
    cms_services.municipality_domains_set(domains={"GM0344": ["utrecht.nl"]})
    leiden = Municipality.objects.get(code="GM0546")
    expert = person("eva@persaldo.nl", first_name="Eva", last_name="Jansen", roles=[Role.EXPERT])
    moderator = person("mod@persaldo.nl", first_name="Mo", roles=[Role.MODERATOR])
    moderator_secret = with_totp(moderator)
    colleague = person("bert@leiden.nl", first_name="Bert", municipality=leiden)
    earlier = services.question_ask(
        author=colleague, title="Een eerdere vraag van Bert", body="Over het budgetplan."
    )
    services.post_approve(post=earlier, by=moderator)  # Bert posted before: his answers go online at once
    mail.outbox.clear()

    # 1. Anna signs up with her gemeente's address and verifies it from the mail.
    anna = new_page(browser)
    anna.goto(site + "/accounts/signup/")
    anna.fill("#id_email", "anna@utrecht.nl")
    anna.fill("#id_first_name", "Anna")
    anna.fill("#id_last_name", "de Vries")
    anna.fill("#id_password1", PASSWORD)
    anna.fill("#id_password2", PASSWORD)
    anna.click("form.pgb-form button[type=submit]")
    anna.wait_for_load_state("networkidle")
    (verification,) = mails_to("anna@utrecht.nl")
    anna.goto(verification_link(verification, site))
    anna.click("main form button[type=submit]")
    anna.wait_for_load_state("networkidle")
    official = User.objects.get(email="anna@utrecht.nl")
    assert official.municipality == utrecht

    # 2. She asks a closed question, ticking "Vraag Per Saldo mee te denken"; similar questions appear.
    anna.goto(site + "/forum/vraag-stellen/")
    anna.locator("#id_title").press_sequentially("Mag een partner worden betaald uit het pgb", delay=10)
    anna.wait_for_selector("[data-pgb-similar-results] a")
    assert "Mag een partner uit het pgb worden betaald?" in anna.inner_text("[data-pgb-similar-results]")
    anna.fill("#id_title", TITLE)
    anna.fill("#id_body", f"Wij gebruiken een {WORD} met vijf vragen. Hoe doen jullie dat?")
    anna.check("input[name=visibility][value=members]")
    anna.check("#id_expert_requested")
    anna.click("form.pgb-form button[type=submit]")
    anna.wait_for_load_state("networkidle")
    assert "bekeken door een moderator" in anna.inner_text(".pgb-messages")
    question = Question.objects.get(title=TITLE)
    assert question.visibility == "members" and question.status == "pending"

    # 3. A moderator approves her first post in the admin (with both login steps).
    mod = new_page(browser)
    log_in(mod, site, moderator, secret=moderator_secret)
    mod.goto(site + "/admin/forum/moderatie/")
    mod.click(f"text={TITLE}")
    mod.click("button[value=approve]")
    mod.wait_for_load_state("networkidle")
    assert "Goedgekeurd" in mod.content()

    # 4. The expert is mailed, finds it in her list of open requests, and answers.
    (request_mail,) = mails_to("eva@persaldo.nl")
    assert (
        TITLE in request_mail.body and "/account/afmelden/" in request_mail.extra_headers["List-Unsubscribe"]
    )
    eva = new_page(browser)
    log_in(eva, site, expert)
    eva.goto(site + "/forum/ervaringsdeskundigen/")
    eva.click(f"text={TITLE}")
    assert "wacht op ervaringsdeskundige" in eva.inner_text("main").lower()
    eva.fill("#id_body", "Vraag de budgethouder hoe hij zijn zorgverlener kiest en controleert.")
    eva.click("form[action$='/antwoorden/'] button[type=submit]")
    eva.wait_for_load_state("networkidle")
    assert "ervaringsdeskundige per saldo" in eva.inner_text("main").lower()

    # 5. A colleague at another gemeente answers too.
    bert = new_page(browser)
    log_in(bert, site, colleague)
    bert.goto(site + question.get_absolute_url())
    bert.fill("#id_body", "Wij voeren een keukentafelgesprek met de pgb-vaardigheidstoets.")
    bert.click("form[action$='/antwoorden/'] button[type=submit]")
    bert.wait_for_load_state("networkidle")
    assert "gemeente leiden" in bert.inner_text("main").lower()

    # 6. Anna is mailed of both answers, accepts the expert's; the expert is told.
    subjects = [m.subject for m in mails_to("anna@utrecht.nl")]
    assert subjects.count(f"Nieuw antwoord op ‘{TITLE}’") == 2  # the expert's and Bert's
    assert f"Uw bericht bij ‘{TITLE}’ is goedgekeurd en staat online" in subjects
    anna.goto(site + question.get_absolute_url())
    assert "wacht op ervaringsdeskundige" not in anna.inner_text("main").lower()
    expert_answer = Answer.objects.get(question=question, author=expert)
    anna.click(f"#antwoord-{expert_answer.pk} form[action$='/accepteren/'] button")
    anna.wait_for_load_state("networkidle")
    assert "geaccepteerd antwoord" in anna.inner_text(f"#antwoord-{expert_answer.pk}").lower()
    assert Notification.objects.filter(user=expert, kind="your_answer_accepted").exists()
    assert any("geaccepteerd" in m.subject.lower() for m in mails_to("eva@persaldo.nl"))

    # 7. An anonymous visitor and a non-municipal member see none of it.
    member = person("lid@gmail.com", first_name="Lid")
    lid = new_page(browser)
    log_in(lid, site, member)
    for outsider in (new_page(browser), lid):
        assert outsider.goto(site + question.get_absolute_url()).status == 404
        outsider.goto(site + "/forum/")
        assert TITLE not in outsider.content()
        outsider.goto(site + f"/zoeken/?q={WORD}")
        assert TITLE not in outsider.content()
        assert outsider.goto(site + f"/api/v1/search?q={WORD}").json()["total"] == 0
        suggestions = outsider.goto(site + "/api/v1/suggest?q=Hoe+toetsen").json()
        assert TITLE not in [suggestion["title"] for suggestion in suggestions]
        assert question.get_absolute_url() not in outsider.goto(site + "/sitemap.xml").text()
        assert outsider.goto(site + f"/forum/vergelijkbaar/?titel={WORD}").status == 200
        assert TITLE not in outsider.content()
    assert not Notification.objects.filter(user=member).exists()

    # 8. An editor without two-step verification does not reach the admin.
    editor = person("redactie@persaldo.nl", roles=[Role.EDITOR])
    red = new_page(browser)
    log_in(red, site, editor)
    red.goto(site + "/admin/")
    assert "/accounts/2fa/" in red.url and "/admin/" not in red.url.split("?")[0]
