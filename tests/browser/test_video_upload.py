"""An editor publishes an explainer video from the admin, as Per Saldo's editors will: an MP4 and its
WebVTT captions uploaded, a gemeente chosen by typing; a phrase only spoken in it is then found at
its second, and the search hit starts the player there."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from media.models import VideoIndexPage, VideoPage
from tests.accounts.factories import person, with_totp
from tests.browser.helpers import log_in, violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
FILES = Path(__file__).parents[1] / "fixtures" / "files"


def test_an_editor_uploads_a_video_and_a_search_for_what_is_said_starts_it_there(site, page, axe_source):
    editor = person("eindredactie@persaldo.nl", first_name="Els")
    editor.groups.add(Group.objects.get(name="Eindredactie"))
    log_in(page, site, editor, secret=with_totp(editor), start="/admin/login/")
    page.goto(f"{site}/admin/pages/add/media/videopage/{VideoIndexPage.objects.get().pk}/")
    page.fill("#id_title", "Het budgetplan in een week")
    page.fill("#id_summary", "Zo plant u de zorg per week.")
    page.set_input_files("#id_upload", FILES / "video-budgetplan.mp4")
    page.set_input_files("#id_captions_upload", FILES / "video-budgetplan.nl.vtt")

    search = page.locator("#id_municipalities-search")
    search.fill("Gron")
    visible = page.locator("#id_municipalities label:visible")
    assert 1 <= visible.count() <= 5 and "Groningen" in visible.all_inner_texts()
    assert not page.get_by_label("Utrecht", exact=True).is_visible()
    page.get_by_label("Groningen", exact=True).check()
    assert "Gekozen: Groningen" in page.inner_text("[data-pgb-chooser-chosen]")
    search.press("Enter")  # two names match "Gron": Enter chooses neither and never submits the page
    assert "/add/" in page.url and page.inner_text("[data-pgb-chooser-chosen]") == "Gekozen: Groningen"
    search.fill("vaals")
    search.press("Enter")  # one name matches: Enter chooses it
    assert page.inner_text("[data-pgb-chooser-chosen]") == "Gekozen: Groningen, Vaals"
    page.get_by_label("Vaals", exact=True).uncheck()

    page.locator("footer [data-w-dropdown-target=toggle], footer .dropdown-toggle").first.click()
    page.locator("button[name=action-publish]").click()
    page.wait_for_url("**/admin/pages/*/")
    video = VideoPage.objects.get(title="Het budgetplan in een week")
    assert video.live and video.duration == 7 and video.poster is not None
    assert [m.label for m in video.municipalities.all()] == ["Groningen"]

    page.goto(f"{site}/zoeken/?q=weekplanningsformulier")
    hit = page.locator("article, li").filter(has_text="Het budgetplan in een week").last
    assert "op 0:03 in de video" in hit.inner_text().lower()
    hit.locator("a[href*='?t=3']").first.click()
    page.wait_for_url("**/het-budgetplan-in-een-week/?t=3")
    player = page.locator("video[data-pgb-video]")
    for _ in range(50):
        if player.evaluate("v => v.readyState >= 1 && v.currentTime >= 3"):
            break
        page.wait_for_timeout(100)
    assert player.evaluate("v => v.currentTime") >= 3
    assert violations(page, axe_source) == []


def test_the_editors_dashboard_has_no_wcag_violations(site, page, axe_source):
    editor = person("eindredactie@persaldo.nl", first_name="Els")
    editor.groups.add(Group.objects.get(name="Eindredactie"))
    log_in(page, site, editor, secret=with_totp(editor), start="/admin/login/")
    page.goto(f"{site}/zoeken/?q=xyzzy")  # a fruitless search, for the dashboard's panel
    page.goto(f"{site}/admin/")
    assert page.locator("#review-due-content, #zero-result-searches").count() >= 1
    assert violations(page, axe_source) == []
