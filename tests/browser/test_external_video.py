"""A video on YouTube: the page asks nothing of YouTube (or any other host) until the visitor clicks."""

import datetime
from urllib.parse import urlsplit

import pytest

from cms.services import PageFields
from media.services import video_save
from tests.browser.helpers import violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_no_third_party_request_before_the_visitor_chooses_to_play(site, page, axe_source):
    video = video_save(
        video=None,
        fields=PageFields(title="Het pgb in de Wlz", summary="Uitleg.", published=datetime.date(2025, 1, 1)),
        body=[],
        captions="WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nHet zorgkantoor beheert uw pgb.\n",
        duration=4,
        external_url="https://www.youtube.com/watch?v=pgbWlzDemo1",
    )
    local = urlsplit(site).netloc
    elsewhere: list[str] = []

    def record(route):  # every request to another host is noted and refused (CI has no internet)
        if urlsplit(route.request.url).netloc != local:
            elsewhere.append(route.request.url)
            return route.abort()
        return route.continue_()

    page.route("**/*", record)
    page.goto(site + video.url + "?t=2")
    page.wait_for_load_state("networkidle")
    assert elsewhere == []
    assert page.locator("iframe").count() == 0
    assert violations(page, axe_source) == []  # the placeholder, as every page, passes axe
    page.click("text=Video afspelen via YouTube")
    frame = page.locator("iframe.pgb-video__frame")
    assert (
        frame.get_attribute("src") == "https://www.youtube-nocookie.com/embed/pgbWlzDemo1?autoplay=1&start=2"
    )
    assert frame.get_attribute("title") == "Video: Het pgb in de Wlz"
    page.wait_for_timeout(500)
    assert elsewhere and all(url.startswith("https://www.youtube-nocookie.com/") for url in elsewhere)
