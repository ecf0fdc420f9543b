"""The Wagtail admin works for editors under the site's Content-Security-Policy."""

import pytest

from accounts.constants import Role
from cms.models import CasePage
from tests.accounts.factories import person, with_totp
from tests.browser.helpers import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_admin_screens_load_without_policy_violations_or_script_errors(site, page, django_user_model):
    admin = person("beheer@example.nl", roles=[Role.ADMINISTRATOR])
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    log_in(page, site, admin, secret=with_totp(admin), start="/admin/login/")
    page.wait_for_url(site + "/admin/")
    case = CasePage.objects.get(external_id="case-testdorp-keukentafel")
    for path in (
        "/admin/",
        f"/admin/pages/{case.pk}/edit/",
        "/admin/snippets/forum/question/",
        "/admin/snippets/cms/municipality/",
        "/admin/forum/moderatie/",
        "/admin/forum/moderatie/log/",
        "/admin/accounts/officialrequest/",
        "/admin/accounts/rolechange/",
    ):
        response = page.goto(site + path)
        page.wait_for_load_state("networkidle")
        assert response.status == 200, path
    assert problems == []
    page.goto(site + f"/admin/pages/{case.pk}/edit/")
    assert page.locator("[data-draftail-input], .Draftail-Editor").first.is_visible()


def test_moderators_cannot_accept_two_answers(site, page, django_user_model):
    from forum.models import Answer, Question

    question = Question.objects.get(external_id="question-partner-als-zorgverlener")
    Answer.objects.filter(question=question).update(is_accepted=True)
    Answer.objects.create(question=question, body="Tweede antwoord", published_date=question.published_date)
    admin = person("beheer@example.nl", roles=[Role.ADMINISTRATOR])
    log_in(page, site, admin, secret=with_totp(admin), start="/admin/login/")
    page.wait_for_url(site + "/admin/")
    page.goto(site + f"/admin/snippets/forum/question/edit/{question.pk}/")
    boxes = [page.locator(f"#id_answers-{i}-is_accepted") for i in range(2)]
    unaccepted = next(box for box in boxes if not box.is_checked())
    unaccepted.check()  # now both answers are marked as accepted
    page.locator("form[data-edit-form] button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("Er kan maar één antwoord het geaccepteerde antwoord zijn.").first.is_visible()
    assert Answer.objects.filter(question=question, is_accepted=True).count() == 1
