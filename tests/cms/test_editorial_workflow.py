"""Redacteuren draft and submit, Eindredactie approves and publishes; scheduling and previews work."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page

from cms.models import CaseIndexPage, CasePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model):
    from tests.accounts.factories import person

    user = person("r@example.nl")
    user.groups.add(Group.objects.get(name="Redacteuren"))
    return user


@pytest.fixture
def final_editor(django_user_model):
    user = django_user_model.objects.create_user("eindredacteur", "e@example.nl", "x" * 16)
    user.groups.add(Group.objects.get(name="Eindredactie"))
    return user


def draft_case(user) -> CasePage:
    index = CaseIndexPage.objects.get()
    page = CasePage(
        title="Nieuw voorbeeld",
        slug="nieuw-voorbeeld",
        summary="Kort.",
        live=False,
        body=[("aanleiding", "<p>Waarom.</p>")],
        owner=user,
    )
    index.add_child(instance=page)
    page.save_revision(user=user)
    return page


def test_editors_may_edit_but_not_publish(editor, final_editor):
    page = draft_case(editor)
    assert page.permissions_for_user(editor).can_edit()
    assert not page.permissions_for_user(editor).can_publish()
    assert page.permissions_for_user(final_editor).can_publish()


def test_submitted_page_goes_live_when_eindredactie_approves(editor, final_editor):
    page = draft_case(editor)
    workflow = page.get_workflow()
    assert workflow.name == "Redactieproces"
    state = workflow.start(page, editor)
    assert not CasePage.objects.get(pk=page.pk).live
    task_state = state.current_task_state
    assert task_state.task.name == "Goedkeuring eindredactie"
    actions = [name for name, _label, _modal in task_state.task.specific.get_actions(page, final_editor)]
    assert "approve" in actions
    assert task_state.task.specific.get_actions(page, editor) == []
    task_state.task.specific.on_action(task_state, final_editor, "approve")
    assert CasePage.objects.get(pk=page.pk).live


def test_the_admin_opens_for_editors(client, editor):
    from tests.accounts.factories import login, with_totp

    login(client, editor, secret=with_totp(editor))
    assert client.get("/admin/").status_code == 200
    index = CaseIndexPage.objects.get()
    assert client.get(f"/admin/pages/add/cms/casepage/{index.pk}/").status_code == 200


def test_scheduled_page_goes_live_only_after_its_time(final_editor):
    page = draft_case(final_editor)
    go_live = timezone.now() + datetime.timedelta(hours=1)
    page.go_live_at = go_live
    revision = page.save_revision(user=final_editor, approved_go_live_at=go_live)
    revision.publish(user=final_editor)
    page.refresh_from_db()
    assert not page.live
    call_command("publish_scheduled", stdout=StringIO())
    page.refresh_from_db()
    assert not page.live
    # Let the hour pass: move the scheduled moment (in the revision and its approval) into the past.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    call_command("publish_scheduled", stdout=StringIO())
    page.refresh_from_db()
    assert page.live


def test_a_draft_can_be_previewed(editor):
    page = draft_case(editor)
    response = Page.objects.get(pk=page.pk).specific.make_preview_request()
    assert response.status_code == 200
    assert "Nieuw voorbeeld" in response.content.decode()


def test_editors_may_add_themes_but_not_change_municipalities(editor):
    assert editor.has_perm("cms.add_theme") and editor.has_perm("cms.change_law")
    assert not editor.has_perm("cms.change_municipality")


def test_pages_made_in_the_admin_get_a_stable_external_id(editor):
    import re

    page = draft_case(editor)
    assert re.fullmatch(r"case-nieuw-voorbeeld-[0-9a-f]{6}", page.external_id)
    first = page.external_id
    page.title = "Nieuwe titel"
    page.save_revision(user=editor)
    page.save()
    assert CasePage.objects.get(pk=page.pk).external_id == first


def test_a_document_page_needs_its_file(final_editor):
    from media.models import DocumentIndexPage, DocumentPage

    index = DocumentIndexPage.objects.get()
    form_class = DocumentPage.get_edit_handler().get_form_class()
    data = {
        "title": "Beleidsregels",
        "slug": "beleidsregels",
        "summary": "Kort.",
        "published_date": "2025-01-01",
        "body-count": "0",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "1",
        "attachments-MAX_NUM_FORMS": "1000",
    }
    form = form_class(data, instance=DocumentPage(), parent_page=index, for_user=final_editor)
    assert not form.is_valid()
    assert form.formsets["attachments"].non_form_errors()
