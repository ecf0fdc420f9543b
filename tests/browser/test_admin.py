"""The Wagtail admin works for editors under the site's Content-Security-Policy."""

import pytest

from cms.models import CasePage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_admin_screens_load_without_policy_violations_or_script_errors(site, page, django_user_model):
    django_user_model.objects.create_superuser("beheer", "beheer@example.nl", "beheer-wachtwoord-123")
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(site + "/admin/login/")
    page.fill("#id_username", "beheer")
    page.fill("#id_password", "beheer-wachtwoord-123")
    page.click("button[type=submit]")
    page.wait_for_url(site + "/admin/")
    case = CasePage.objects.get(external_id="case-testdorp-keukentafel")
    for path in (
        "/admin/",
        f"/admin/pages/{case.pk}/edit/",
        "/admin/snippets/forum/question/",
        "/admin/snippets/cms/municipality/",
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
    django_user_model.objects.create_superuser("beheer", "beheer@example.nl", "beheer-wachtwoord-123")
    page.goto(site + "/admin/login/")
    page.fill("#id_username", "beheer")
    page.fill("#id_password", "beheer-wachtwoord-123")
    page.click("button[type=submit]")
    page.wait_for_url(site + "/admin/")
    page.goto(site + f"/admin/snippets/forum/question/edit/{question.pk}/")
    boxes = [page.locator(f"#id_answers-{i}-is_accepted") for i in range(2)]
    unaccepted = next(box for box in boxes if not box.is_checked())
    unaccepted.check()  # now both answers are marked as accepted
    page.locator("form[data-edit-form] button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("Er kan maar één antwoord het geaccepteerde antwoord zijn.").first.is_visible()
    assert Answer.objects.filter(question=question, is_accepted=True).count() == 1
