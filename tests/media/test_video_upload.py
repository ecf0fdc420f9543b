"""An editor uploads a video and its captions in the admin: checked by content before anything is
stored, duration and poster taken from the file, published only with Dutch captions."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from accounts.constants import Role
from media.models import VideoIndexPage, VideoPage
from tests.accounts.factories import login, person, with_totp
from tests.admin_forms import form_values

pytestmark = pytest.mark.django_db
FILES = Path(__file__).parents[1] / "fixtures" / "files"
MP4 = (FILES / "video-budgetplan.mp4").read_bytes()
VTT = (FILES / "video-budgetplan.nl.vtt").read_bytes()


@pytest.fixture
def add_form(client, imported):
    admin = person("redactie@example.nl", roles=[Role.ADMINISTRATOR])
    login(client, admin, secret=with_totp(admin))
    url = f"/admin/pages/add/media/videopage/{VideoIndexPage.objects.get().pk}/"
    response = client.get(url)
    assert response.status_code == 200
    values = form_values(response.content.decode())
    values.update(title="Het budgetplan", slug="het-budgetplan", summary="Zo maakt u een budgetplan.")
    values.update({"published_date": "2026-11-30", "body-count": "0"})  # StreamFields are drawn by script
    return url, values


def publish(client, url, values, **files):
    return client.post(url, {**values, **files, "action-publish": "action-publish"})


def test_an_uploaded_mp4_with_a_webvtt_file_is_published_with_duration_and_poster_from_the_file(
    client, add_form
):
    url, values = add_form
    values["captions"] = ""
    response = publish(
        client,
        url,
        values,
        upload=SimpleUploadedFile("budgetplan.mp4", MP4, "video/mp4"),
        captions_upload=SimpleUploadedFile("budgetplan.vtt", VTT, "text/vtt"),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    video = VideoPage.objects.get(slug="het-budgetplan")
    assert video.live and video.duration == 7  # 7.008 s, read by ffprobe
    assert "weekplanningsformulier" in video.captions
    assert video.video_file.file.read(12)[4:8] == b"ftyp"
    assert video.poster is not None and video.poster.width == 640  # a frame of the 640×360 video
    page = client.get(video.url).content.decode()
    assert 'poster="' in page and 'type="video/mp4"' in page
    played = client.get(f"{video.url}bestand/", HTTP_RANGE="bytes=0-99")
    assert played.status_code == 206 and played["Content-Type"] == "video/mp4"


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("vakantie.mp4", b"%PDF-1.4 not a video at all", "geen MP4- of WebM-video"),
        ("kapot.mp4", MP4[:2000], "kan niet als video worden afgespeeld"),  # an MP4 cut short
        ("echt.webm", MP4, "kan niet als video worden afgespeeld"),  # named WebM, is MP4: its header is read
    ],
)
def test_a_file_that_is_no_playable_video_is_refused_and_nothing_is_stored(
    client, add_form, name, content, message
):
    url, values = add_form
    values["captions"] = VTT.decode()
    documents = get_document_model().objects.count()
    if name == "echt.webm":  # ffprobe reads the container; the first bytes alone said MP4: accepted as MP4
        response = publish(client, url, values, upload=SimpleUploadedFile(name, content, "video/webm"))
        assert response.status_code == 302
        assert VideoPage.objects.get(slug="het-budgetplan").video_file.file.name.endswith(".mp4")
        return
    response = publish(client, url, values, upload=SimpleUploadedFile(name, content, "video/mp4"))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not VideoPage.objects.filter(slug="het-budgetplan").exists()
    assert get_document_model().objects.count() == documents
    assert not get_image_model().objects.filter(title__contains="Het budgetplan").exists()


def test_a_video_over_the_size_limit_is_refused(client, add_form, settings):
    settings.PGB_VIDEO_MAX_MB = 0
    url, values = add_form
    values["captions"] = VTT.decode()
    response = publish(client, url, values, upload=SimpleUploadedFile("groot.mp4", MP4, "video/mp4"))
    assert "een video mag hoogstens" in response.content.decode()
    assert not VideoPage.objects.filter(slug="het-budgetplan").exists()


@pytest.mark.parametrize(
    "captions, message",
    [
        (b"", "Nederlandse ondertiteling nodig"),
        (b"WEBVTT\n\n00:00:03.000 --> 00:00:02.000\nTerug in de tijd.\n", "cue 1, regel 3"),
        (
            b"WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nEen.\n\n00:00:03.000 --> 00:00:05.000\nTwee.\n",
            "cue 2, regel 6: deze cue begint voordat de cue erboven is afgelopen (ze overlappen)",
        ),
        ("WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nCafé.\n".encode("latin-1"), "geen UTF-8"),
    ],
)
def test_a_video_is_not_published_without_valid_dutch_captions(client, add_form, captions, message):
    url, values = add_form
    values["captions"] = ""
    files = {"upload": SimpleUploadedFile("budgetplan.mp4", MP4, "video/mp4")}
    if captions:
        files["captions_upload"] = SimpleUploadedFile("ondertiteling.vtt", captions, "text/vtt")
    response = publish(client, url, values, **files)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not VideoPage.objects.filter(slug="het-budgetplan").exists()
    assert not get_document_model().objects.filter(title="Het budgetplan").exists()


def test_without_ffprobe_the_upload_is_checked_on_its_first_bytes_and_asks_for_the_duration(
    client, add_form, monkeypatch
):
    url, values = add_form
    monkeypatch.setenv("PATH", "/nonexistent")  # a server without Debian's ffmpeg
    assert "ffprobe ontbreekt" in client.get(url).content.decode()  # the editor is told beforehand
    values["captions"] = VTT.decode()
    response = publish(client, url, values, upload=SimpleUploadedFile("budgetplan.mp4", MP4, "video/mp4"))
    assert "Vul de duur in" in response.content.decode()
    assert not VideoPage.objects.filter(slug="het-budgetplan").exists()
    values["duration"] = "7"
    response = publish(client, url, values, upload=SimpleUploadedFile("budgetplan.mp4", MP4, "video/mp4"))
    assert response.status_code == 302
    video = VideoPage.objects.get(slug="het-budgetplan")
    assert video.duration == 7 and video.video_file is not None and video.poster is None


def test_chapters_become_a_table_of_contents_that_starts_the_player_there(client, add_form):
    url, values = add_form
    values["captions"] = VTT.decode()
    values["chapters"] = (
        "WEBVTT\n\n00:00:00.000 --> 00:00:03.000\nWat is een budgetplan\n\n00:00:03.000 --> 00:00:07.000\nDe weekplanning\n"
    )
    response = publish(client, url, values, upload=SimpleUploadedFile("budgetplan.mp4", MP4, "video/mp4"))
    assert response.status_code == 302
    video = VideoPage.objects.get(slug="het-budgetplan")
    html = client.get(video.url).content.decode()
    toc = html[html.index('aria-labelledby="chapters-heading"') :]
    toc = toc[: toc.index("</nav>")]
    assert "Hoofdstukken" in toc and 'href="?t=3" data-pgb-seek="3"' in toc and "De weekplanning" in toc
    assert f'src="{video.url}hoofdstukken/"' in html
    assert client.get(f"{video.url}hoofdstukken/")["Content-Type"].startswith("text/vtt")
    values["slug"], values["title"] = "kapot", "Kapot"
    values["chapters"] = "WEBVTT\n\n00:00:05.000 --> 00:00:02.000\nTerug\n"
    response = publish(client, url, values)
    assert "De hoofdstukken zijn geen geldige WebVTT" in response.content.decode()


def test_an_imported_video_gets_its_poster_from_its_file(client, imported):
    video = VideoPage.objects.get(external_id="video-trekkingsrecht-uitleg")
    assert video.poster is not None and video.poster.width == 640
    assert 'poster="/media/images/' in client.get(video.url).content.decode()


def test_a_video_file_is_served_by_its_page_not_by_the_document_view(client, imported):
    video = VideoPage.objects.get(external_id="video-trekkingsrecht-uitleg")
    response = client.get(video.video_file.url)
    assert response.status_code == 302 and response["Location"] == f"{video.url}bestand/"
    video.unpublish()
    assert client.get(video.video_file.url).status_code == 404
