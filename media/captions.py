"""WebVTT captions: validation and parsing into cues (webvtt-py does the parsing)."""

import io
from dataclasses import dataclass

import webvtt
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Cue:
    """One caption: when it starts (seconds) and its text."""

    start: float
    end: float
    text: str


def _read(text: str):
    try:
        return webvtt.from_buffer(io.StringIO(text))
    except Exception as exc:  # webvtt-py raises several exception types for malformed input
        raise ValidationError(_("The captions are not valid WebVTT: %(error)s") % {"error": exc}) from exc


def validate_captions(text: str) -> None:
    """Raise ValidationError unless `text` is WebVTT with at least one cue."""
    if not text.lstrip("\ufeff").startswith("WEBVTT"):
        raise ValidationError(_("WebVTT captions must start with the line WEBVTT."))
    if not list(_read(text)):
        raise ValidationError(_("The captions contain no cues."))


def parse_captions(text: str) -> list[Cue]:
    """The cues of valid WebVTT `text`; an empty list for empty or invalid text."""
    if not text:
        return []
    try:
        captions = _read(text)
    except ValidationError:
        return []
    return [Cue(start=c.start_in_seconds, end=c.end_in_seconds, text=" ".join(c.text.split())) for c in captions]
