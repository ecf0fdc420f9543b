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
