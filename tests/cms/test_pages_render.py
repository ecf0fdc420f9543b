"""Every page type renders for visitors, with its content, tags and Dutch interface."""

import re
from pathlib import Path

import pytest

from cms.models import CasePage, KnowledgePage
from media.models import DocumentPage, VideoPage

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

pytestmark = pytest.mark.django_db


def test_home_shows_latest_items_and_browse_links(client, imported):
    html = client.get("/").content.decode()
    assert "Keukentafelgesprek met pgb-check in Testdorp" in html
    assert "Zo werkt het trekkingsrecht" in html
    assert "Mag een partner uit het pgb worden betaald?" in html  # an open public question
    assert "Hoe delen jullie fraudesignalen met de SVB?" not in html  # members-only stays hidden
    assert 'href="/thema/tarieven/"' in html and 'href="/wet/wlz/"' in html
    assert '<html lang="nl"' in html and "Direct naar de inhoud" in html


def test_case_page_shows_sections_contact_attachment_and_review_date(client, imported):
    case = CasePage.objects.get(external_id="case-testdorp-keukentafel")
    html = client.get(case.url).content.decode()
    for heading in ("Aanleiding", "Aanpak", "Resultaat", "Lessen", "Kosten"):
        assert f">{heading}</h2>" in html
    assert "mailto:a.devries@example.nl" in html
    assert "Checklist huisbezoek" in html and "/bestanden/" in html
    assert "Laatst gecontroleerd" in html and "5 maart 2024" in html
    assert 'href="/gemeente/groningen/"' in html


def test_video_page_plays_its_file_with_dutch_captions_and_a_transcript_that_seeks(client, imported):
    video = VideoPage.objects.get()
    html = client.get(video.url).content.decode()
    assert '<track kind="captions" srclang="nl" label="Nederlands"' in html
    assert f'<source src="{video.url}bestand/" type="video/webm">' in html
    assert "De SVB betaalt de zorgverlener namens de budgethouder." in html
    # Without JavaScript a timestamp is a link that starts the player there.
    assert 'href="?t=62" data-pgb-seek="62" aria-label="Afspelen vanaf 1:02">1:02</a>' in html
    assert "1 min 7 s" in html and ">Uitlegvideo<" in html
    captions = client.get(video.url + "ondertiteling/")
    assert captions["Content-Type"].startswith("text/vtt") and captions.content.startswith(b"WEBVTT")


def test_a_video_page_without_a_file_shows_no_empty_player(client, imported):
    video = VideoPage.objects.get()
    video.video_file = None
    video.save_revision().publish()
    html = client.get(video.url).content.decode()
    assert "<video" not in html
    assert '<span class="pgb-transcript__time">1:02</span>' in html  # no player to seek: no links
    assert client.get(video.url + "bestand/").status_code == 404


def test_t_starts_the_player_at_that_second_and_a_mistyped_t_from_the_start(client, imported):
    video = VideoPage.objects.get()
    html = client.get(video.url, {"t": "62"}).content.decode()
    assert f'<source src="{video.url}bestand/#t=62"' in html and 'data-pgb-start="62"' in html
    assert "De video begint op 1:02." in html and "Vanaf het begin afspelen" in html
    for wrong in ("abc", "-5", "67", "9999999", "١٢", "1.5"):  # 67: the video is 67 seconds long
        response = client.get(video.url, {"t": wrong})
        page = response.content.decode()
        assert response.status_code == 200 and 'data-pgb-start="0"' in page and "#t=" not in page, wrong


def test_the_video_file_is_served_in_ranges_so_the_player_can_seek(client, imported):
    video = VideoPage.objects.get()
    data = (FIXTURES / "files" / "video-trekkingsrecht-uitleg.webm").read_bytes()
    whole = client.get(video.url + "bestand/")
    assert whole.status_code == 200 and b"".join(whole.streaming_content) == data
    assert whole["Accept-Ranges"] == "bytes" and whole["Content-Type"] == "video/webm"
    assert whole["Content-Disposition"].startswith("inline")
    part = client.get(video.url + "bestand/", HTTP_RANGE="bytes=4-11")
    assert part.status_code == 206 and b"".join(part.streaming_content) == data[4:12]
    assert part["Content-Range"] == f"bytes 4-11/{len(data)}"
    tail = client.get(video.url + "bestand/", HTTP_RANGE="bytes=-10")
    assert b"".join(tail.streaming_content) == data[-10:]
    beyond = client.get(video.url + "bestand/", HTTP_RANGE=f"bytes={len(data)}-")
    assert beyond.status_code == 416 and beyond["Content-Range"] == f"bytes */{len(data)}"
    odd = client.get(video.url + "bestand/", HTTP_RANGE="bytes=0-1,5-6")  # several ranges: the whole file
    assert odd.status_code == 200
    video.video_file.file.storage.delete(video.video_file.file.name)  # lost from storage: a 404, not a 500
    assert client.get(video.url + "bestand/").status_code == 404


def test_document_page_links_its_pdf(client, imported):
    page = DocumentPage.objects.get()
    html = client.get(page.url).content.decode()
    assert "Beleidsregels pgb 2025" in html and "PDF" in html
    document_url = page.attachments.get().document.url
    assert client.get(document_url).status_code == 200


@pytest.mark.parametrize("path", ["/goede-voorbeelden/", "/video/", "/nieuws/", "/documenten/"])
def test_listing_pages_show_their_items(client, imported, path):
    response = client.get(path)
    assert response.status_code == 200
    listed = [p for p in KnowledgePage.objects.live() if p.url.startswith(path)]
    assert listed and all(p.title in response.content.decode() for p in listed)


def test_browse_pages_list_tagged_items_newest_first(client, imported):
    html = client.get("/wet/wmo/").content.decode()
    newest = html.index("Beleidsregels pgb Testgemeente 2025")  # 2025-01-01
    older = html.index("Keukentafelgesprek met pgb-check in Testdorp")  # 2024-03-05
    assert newest < older
    assert "Het pgb in de Wlz" not in html
    assert "Keukentafelgesprek" in client.get("/gemeente/groningen/").content.decode()
    assert "Reële tarieven in Voorbeeldstad" in client.get("/thema/tarieven/").content.decode()


def test_browse_indexes_list_all_themes_laws_and_municipalities(client):
    assert len(re.findall(r'href="/thema/[a-z]', client.get("/thema/").content.decode())) == 15
    assert len(re.findall(r'href="/wet/[a-z]', client.get("/wet/").content.decode())) == 4
    html = client.get("/gemeente/").content.decode()
    assert len(re.findall(r'href="/gemeente/[a-z]', html)) == 342
    assert 'href="/gemeente/s-gravenhage/">Den Haag<' in html


def test_browse_pages_paginate(client, imported, settings):
    settings.PGB_PAGE_SIZE = 2
    first = client.get("/wet/wmo/").content.decode()
    assert 'rel="next"' in first and 'aria-current="page"' in first
    assert client.get("/wet/wmo/?pagina=2").status_code == 200
    assert client.get("/wet/wmo/?pagina=niet-een-getal").status_code == 400  # as the search page


def test_unknown_addresses_get_a_dutch_404(client):
    for path in (
        "/bestaat-niet/",
        "/thema/onbekend/",
        "/gemeente/atlantis/",
        "/forum/999-nee/",
        "/goede-voorbeelden/x/",
    ):
        response = client.get(path)
        assert response.status_code == 404
        html = response.content.decode()
        assert "Pagina niet gevonden" in html
        assert 'href="/sitemap/"' in html  # a way on: every page of the platform


def test_titles_and_summaries_are_escaped(client, imported):
    case = CasePage.objects.get(external_id="case-voorbeeldstad-tarieven")
    case.title = '<script>alert("x")</script>'
    case.summary = "<img src=x onerror=alert(1)>"
    case.save_revision().publish()  # as an editor does; listings and browse pages read the search index
    for path in (case.url, "/", "/goede-voorbeelden/", "/thema/tarieven/"):
        html = client.get(path).content.decode()
        assert '<script>alert("x")</script>' not in html and "<img src=x" not in html
        assert "&lt;script&gt;" in html


def test_interface_is_dutch_even_for_an_english_browser(client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="nl"' in html and "Direct naar de inhoud" in html
