"""The video player in real Chromium: it starts where a search hit points, and the transcript seeks it."""

import pytest

from media.models import VideoPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def current_time(page) -> float:
    return page.evaluate("document.querySelector('video').currentTime")


def until(page, condition, seconds: float = 10.0) -> None:
    """Wait until `condition()` holds (the page's strict CSP refuses Playwright's string predicates)."""
    for _ in range(int(seconds * 10)):
        if condition():
            return
        page.wait_for_timeout(100)
    raise AssertionError("the player did not get there in time")


def test_a_search_hit_in_a_video_starts_the_player_at_its_second_and_the_transcript_seeks(site, page):
    page.goto(site + "/zoeken/?q=overzicht+PGB+Portaal+controleer&type=video")
    page.click("text=Zo werkt het trekkingsrecht")
    assert page.url.endswith("?t=62")
    until(page, lambda: page.evaluate("document.querySelector('video').readyState") >= 1)
    assert page.evaluate("document.querySelector('video').duration") == pytest.approx(
        67, abs=1.5
    )  # the captions run to 67.25 s
    assert current_time(page) == pytest.approx(62, abs=0.5)  # the file is served in ranges: seekable
    current = page.locator(".pgb-transcript__cue--current")
    assert "Controleer elke maand het overzicht" in current.inner_text()
    assert page.evaluate("document.querySelector('video').textTracks[0].language") == "nl"

    page.click("a[data-pgb-seek='4']")  # a timestamp in the transcript plays from there, no reload
    until(page, lambda: current_time(page) >= 4.2)
    assert page.url.endswith("?t=4") and current_time(page) < 10
    video = VideoPage.objects.get()
    assert page.evaluate("document.activeElement.tagName") == "VIDEO", (
        video.title
    )  # keyboard users land on it
