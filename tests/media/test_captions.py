"""WebVTT captions are validated strictly (editors get the line that is wrong) and parsed into timed cues."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from media.captions import caption_errors, parse_captions, validate_captions

VALID = "WEBVTT\n\nNOTE gemaakt door de redactie\n\n1\n00:00:01.000 --> 00:00:04.500 align:start\nHallo <b>daar</b>.\n\n01:02:03.250 --> 01:02:05.000\nLaatste zin.\n"


def test_valid_captions_become_cues_with_seconds():
    validate_captions(VALID)
    cues = parse_captions(VALID)
    assert [(cue.start, cue.text) for cue in cues] == [(1.0, "Hallo daar."), (3723.25, "Laatste zin.")]


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("00:00:01.000 --> 00:00:02.000\nGeen kop\n", "line 1"),
        ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n", "the cue has no text"),
        ("WEBVTT\n\n00:00:05.000 --> 00:00:02.000\nTerug in de tijd\n", "must end after it starts"),
        ("WEBVTT\n\n00:00:01 --> 00:00:02\nGeen milliseconden\n", "line 3"),
        ("WEBVTT\n", "no cues"),
    ],
)
def test_invalid_captions_name_the_problem(text, error):
    with translation.override("en"):
        assert any(error in message for message in caption_errors(text))
        with pytest.raises(ValidationError):
            validate_captions(text)
    assert parse_captions(text) == []


def test_editors_see_the_error_in_dutch():
    with pytest.raises(ValidationError) as error:
        validate_captions("WEBVTT\n\n00:00:0x.000 --> 00:00:02.000\nKapot\n")
    assert "cue 1, regel 3" in error.value.messages[0] and "geen geldige WebVTT" in error.value.messages[0]


def test_a_cue_whose_identifier_begins_with_note_keeps_its_times():
    text = (
        "WEBVTT\n\nNOTEWORTHY\n00:00:01.000 --> 00:00:02.000\nEerst\n\n00:00:03.000 --> 00:00:04.000\nDan\n"
    )
    assert [(cue.start, cue.end, cue.text) for cue in parse_captions(text)] == [
        (1.0, 2.0, "Eerst"),
        (3.0, 4.0, "Dan"),
    ]


def test_messages_follow_the_language_asked_for_the_same_text():
    text = "WEBVTT\n\n00:00:05.000 --> 00:00:02.000\nTerug\n"
    with translation.override("en"):
        english = caption_errors(text)
    with translation.override("nl"):
        dutch = caption_errors(text)
    assert english != dutch and "cue 1" in english[0] and "regel" in dutch[0]


def test_cue_text_is_read_without_tags_and_with_entities_resolved():
    text = "WEBVTT\n\nNOTE\nopmerking\n\n00:00:01.000 --> 00:00:02.000\n<v Ans>Zorg &amp; <i>welzijn</i>\nen meer\n"
    assert [cue.text for cue in parse_captions(text)] == ["Zorg & welzijn en meer"]
