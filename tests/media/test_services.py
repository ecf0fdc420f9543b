"""Videos and documents written through the media services: captions checked, a document needs its file."""

import datetime
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from cms.services import PageFields
from media.models import DocumentPage, VideoPage
from media.services import document_save, video_save
from search import service
from search.types import SearchRequest

pytestmark = pytest.mark.django_db
FILES = Path(__file__).resolve().parents[1] / "fixtures" / "files"
FIELDS = PageFields(title="Zo vraagt u een pgb aan", summary="Uitleg.", published=datetime.date(2025, 1, 1))
CAPTIONS = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nVraag het zorgkantoor om een budgetgesprek.\n"


def test_a_video_is_searchable_by_what_is_said_at_its_second():
    video = video_save(video=None, fields=FIELDS, body=[], captions=CAPTIONS, duration=30, speaker="Jan")
    assert (
        video.url.startswith("/video/") and video.transcript == "Vraag het zorgkantoor om een budgetgesprek."
    )
    hit = service.search(SearchRequest(text="budgetgesprek zorgkantoor")).hits[0]
    assert hit.id == video.external_id and hit.timestamp == 1.0


def test_invalid_captions_or_durations_are_refused():
    with pytest.raises(ValidationError) as error:
        video_save(video=None, fields=FIELDS, body=[], captions="geen webvtt", duration=30)
    assert "captions" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        video_save(video=None, fields=FIELDS, body=[], captions=CAPTIONS, duration=10**30)
    assert "duration" in error.value.message_dict
    assert VideoPage.objects.count() == 0


def test_a_document_needs_its_file_and_its_pdf_text_is_searchable():
    with pytest.raises(ValidationError):
        document_save(document=None, fields=FIELDS, body=[])
    with_file = PageFields(
        **{**FIELDS.__dict__, "attachments": [("Beleidsregels", FILES / "beleidsregels-test.pdf")]}
    )
    document = document_save(document=None, fields=with_file, body=[])
    assert DocumentPage.objects.get().attachments.get().label == "Beleidsregels"
    assert document.external_id in [
        hit.id for hit in service.search(SearchRequest(text="informeel tarief")).hits
    ]
