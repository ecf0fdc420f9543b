"""A video kept on YouTube or Vimeo: only their addresses of one video, and nothing loaded from them
until the visitor asks."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError

from cms.services import PageFields
from media.external import parse
from media.models import VideoPage
from media.services import video_save

pytestmark = pytest.mark.django_db
FIELDS = PageFields(title="Het pgb in de Wlz", summary="Uitleg.", published=datetime.date(2025, 1, 1))
CAPTIONS = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nHet zorgkantoor beheert uw pgb in de Wlz.\n"


@pytest.mark.parametrize(
    "url, embed",
    [
        ("https://www.youtube.com/watch?v=pgbWlzDemo1", "https://www.youtube-nocookie.com/embed/pgbWlzDemo1"),
        ("https://youtu.be/pgbWlzDemo1", "https://www.youtube-nocookie.com/embed/pgbWlzDemo1"),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871"),
        ("https://player.vimeo.com/video/76979871", "https://player.vimeo.com/video/76979871"),
    ],
)
def test_youtube_and_vimeo_addresses_of_one_video_are_embedded_without_cookies_where_possible(url, embed):
    assert parse(url).embed_url().startswith(embed + "?autoplay=1")


@pytest.mark.parametrize(
    "url",
    [
        "http://www.youtube.com/watch?v=pgbWlzDemo1",  # not https
        "https://youtube.com.evil.example/watch?v=pgbWlzDemo1",
        "https://evil.example/?u=https://youtu.be/pgbWlzDemo1",
        "https://www.youtube.com/watch?v=kort",
        "https://www.youtube.com/playlist?list=PL123",
        "https://user:pw@youtu.be/pgbWlzDemo1",
        "https://vimeo.com/channels/staffpicks",
        "javascript:alert(1)",
        "https://[::1",
    ],
)
def test_anything_else_is_refused(url):
    assert parse(url) is None
    with pytest.raises(ValidationError) as error:
        video_save(video=None, fields=FIELDS, body=[], captions=CAPTIONS, duration=4, external_url=url)
    assert "YouTube of Vimeo" in str(error.value)
    assert not VideoPage.objects.exists()


def test_the_page_shows_a_placeholder_and_asks_nothing_of_youtube_before_the_click(client):
    video = video_save(
        video=None,
        fields=FIELDS,
        body=[],
        captions=CAPTIONS,
        duration=84,
        external_url="https://www.youtube.com/watch?v=pgbWlzDemo1",
    )
    html = client.get(video.url, {"t": "2"}).content.decode()
    assert "Deze video wordt geladen van YouTube. Pas als u hem afspeelt, krijgt YouTube uw IP-adres" in html
    assert 'href="/privacy/">Lees onze privacyverklaring</a>' in html and "(1 min 24 s)" in html
    # Without JavaScript the button is a link to the video on YouTube: leaving is the visitor's choice.
    assert (
        'href="https://www.youtube.com/watch?v=pgbWlzDemo1" data-pgb-load-video>Video afspelen via YouTube'
        in html
    )
    assert (
        'data-pgb-embed="https://www.youtube-nocookie.com/embed/pgbWlzDemo1?autoplay=1&amp;start=2"' in html
    )
    # Nothing on the page would make the browser ask a third party by itself.
    assert "<iframe" not in html and "<video" not in html
    assert not [src for src in re.findall(r'\bsrc="([^"]+)"', html) if src.startswith("http")]
    csp = client.get(video.url)["Content-Security-Policy"]
    assert "frame-src https://www.youtube-nocookie.com https://player.vimeo.com" in csp
