"""A closed ("besloten") question posted in the forum changes nothing an anonymous visitor or a plain
member can observe: pages, lists and their counts, search and its facets, the API, suggestions,
"Bedoelde u", similar questions, the sitemap, its own address and its attachment's, notifications and
mail — even for a member who follows its theme and law. A colleague official does see all of it, so
the comparison is not vacuous. (The anonymous side of imported questions: tests/search/test_audience.py.)
"""

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from accounts.constants import Role
from accounts.models import Notification
from cms.models import Law, Municipality, Theme
from forum import services
from forum.constants import Visibility
from tests.accounts.factories import deliver_mail, login, person
from tests.forum.test_attachments import pdf_bytes

pytestmark = pytest.mark.django_db

WORD = "kwispelbudget"  # the closed question's own word
QUERIES = [WORD, "kwispelbudgt", "pgb budgetplan", "partner zorgverlener", ""]
PREFIXES = ["kwisp", "hoe reg", "mag een"]


# Its own addresses: before it exists they are missing pages; afterwards they must look the same.
OWN = {
    "question": "/forum/{q}/",
    "question with slug": "/forum/{q}-hoe-regelen-jullie-het-kwispelbudget/",
    "history": "/forum/vraag/{q}/geschiedenis/",
    "answer history": "/forum/antwoord/{a}/geschiedenis/",
    "attachment": "/forum/bijlage/{f}/intern.pdf",
}
MISSING = {"q": 999_999, "a": 999_999, "f": 999_999}


def observed(client, paths, own: dict) -> dict:
    seen = {}
    for text in QUERIES:
        seen[f"api {text}"] = client.get("/api/v1/search", {"q": text, "page_size": 50}).json()
        seen[f"page {text}"] = client.get("/zoeken/", {"q": text}).content.decode()
        seen[f"similar {text}"] = client.get(
            "/forum/vergelijkbaar/", {"titel": text or "x" * 8}
        ).content.decode()
    for prefix in PREFIXES:
        seen[f"suggest {prefix}"] = client.get("/api/v1/suggest", {"q": prefix}).json()
    for path in paths:
        response = client.get(path)
        seen[path] = (response.status_code, response.content.decode(errors="replace"))
    for name, path in OWN.items():
        address = path.format(**own)
        response = client.get(address)
        # The page names its own address (the login link's next=); that is the one difference allowed.
        seen[name] = (response.status_code, response.content.decode(errors="replace").replace(address, "…"))
    return {key: _steady(value) for key, value in seen.items()}


def _steady(value):
    """Without what differs on every request anyway (CSRF tokens)."""
    if isinstance(value, tuple):
        return value[0], _steady(value[1])
    if isinstance(value, str):
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", value)
    return value


def test_a_closed_question_changes_nothing_an_outsider_can_observe(imported):
    utrecht = Municipality.objects.get(code="GM0344")
    moderator = person("mod@persaldo.nl", roles=[Role.MODERATOR])
    asker = person("anna@utrecht.nl", first_name="Anna", municipality=utrecht)
    colleague = person("bert@leiden.nl", municipality=Municipality.objects.get(code="GM0546"))
    expert = person("eva@persaldo.nl", roles=[Role.EXPERT])
    theme, law = Theme.objects.get(slug="tarieven"), Law.objects.get(slug="wlz")
    member = person("lid@gmail.com", first_name="Lid")
    services.follow_toggle(user=member, theme=theme)
    services.follow_toggle(user=member, law=law)
    for earlier in [
        services.question_ask(author=asker, title="Een openbare vraag van Anna", body="Over het budgetplan.")
    ]:
        services.post_approve(post=earlier, by=moderator)
    deliver_mail()
    mail.outbox.clear()

    paths = [
        "/",
        "/forum/",
        "/forum/?pagina=2",
        f"/thema/{theme.slug}/",
        f"/wet/{law.slug}/",
        f"/gemeente/{utrecht.slug}/",
        "/sitemap.xml",
        "/healthz",
        "/forum/ervaringsdeskundigen/",
    ]
    anonymous, plain = Client(), Client()
    login(plain, member)
    plain.get("/account/")  # shows (and so ends) the "logged in" message before the comparison
    before = {
        "anonymous": observed(anonymous, paths, MISSING),
        "member": observed(plain, [*paths, "/account/meldingen/"], MISSING),
    }

    question = services.question_ask(
        author=asker,
        title="Hoe regelen jullie het kwispelbudget?",
        body=f"Ons {WORD} vraagt om een budgetplan en een zorgovereenkomst met de partner als zorgverlener.",
        visibility=Visibility.MEMBERS,
        themes=[theme.slug],
        laws=[law.slug],
        municipalities=[utrecht.code],
        expert_requested=True,
        attachments=[SimpleUploadedFile("intern.pdf", pdf_bytes())],
    )
    answer = services.answer_post(question=question, author=expert, body=f"Wij noemen het {WORD} anders.")
    own = {"q": question.pk, "a": answer.pk, "f": question.attachments.get().pk}
    services.answer_accept(answer=answer, by=asker)
    services.question_edit(
        question=question, by=asker, title=question.title, body=question.body + " Aanvulling."
    )
    deliver_mail()

    after = {
        "anonymous": observed(anonymous, paths, own),
        "member": observed(plain, [*paths, "/account/meldingen/"], own),
    }
    for who in before:
        changed = [key for key in before[who] if before[who][key] != after[who][key]]
        assert changed == [], who
    assert not Notification.objects.filter(user=member).exists()
    assert not [m for m in mail.outbox if member.email in m.to]

    # Not vacuous: a colleague official sees the question, its attachment and its word in search.
    official = Client()
    login(official, colleague)
    assert official.get(question.get_absolute_url()).status_code == 200
    assert official.get(OWN["attachment"].format(**own)).status_code == 200
    assert official.get("/api/v1/search", {"q": WORD}).json()["total"] == 1
    similar = official.get("/forum/vergelijkbaar/", {"titel": "kwispelbudget regelen"}).content.decode()
    assert question.title in similar
    assert (
        official.get("/api/v1/search", {"q": "kwispelbudgt"}).json()["total"] == 1
    )  # corrected for insiders
