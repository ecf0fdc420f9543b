"""WebVTT captions: strict validation and parsing into cues (webvtt-py parses valid files)."""

import io
import re
from dataclasses import dataclass
from functools import lru_cache

import webvtt
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_TIME = r"(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})"
_TIMING = re.compile(rf"^{_TIME}[ \t]+-->[ \t]+{_TIME}(?:[ \t]+.*)?$")


@dataclass(frozen=True)
class Cue:
    """One caption: when it starts and ends (seconds) and its text."""

    start: float
    end: float
    text: str


def _seconds(hours, minutes, seconds, millis) -> float:
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(millis) / 1000


def caption_errors(text: str) -> list[str]:
    """Every problem in WebVTT `text`, each naming its cue and line ("cue 2, line 6: …"; empty when the
    captions are valid)."""
    lines = (text or "").lstrip("\ufeff").replace("\r\n", "\n").split("\n")
    if not lines[0].startswith("WEBVTT") or lines[0][6:7] not in ("", " ", "\t"):
        return [_("line 1: WebVTT captions must start with the line WEBVTT")]
    errors, cues, index, previous = [], 0, 1, None
    while index < len(lines):
        if not lines[index].strip():
            index += 1
            continue
        start = index
        block = []
        while index < len(lines) and lines[index].strip():
            block.append(lines[index])
            index += 1
        if block[0].startswith(("NOTE", "STYLE", "REGION")):
            continue
        timing_at = 0 if "-->" in block[0] else 1
        cue = _("cue %(cue)s") % {"cue": cues + 1}
        found = len(errors)
        if timing_at >= len(block) or not _TIMING.match(block[timing_at].strip()):
            errors.append(
                _("line %(line)s: expected a cue timing such as 00:00:01.000 --> 00:00:04.000")
                % {"line": start + 1 + min(timing_at, len(block) - 1)}
            )
            errors[found:] = [f"{cue}, {error}" for error in errors[found:]]
            cues += 1
            continue
        match = _TIMING.match(block[timing_at].strip())
        begin, end = _seconds(*match.groups()[:4]), _seconds(*match.groups()[4:8])
        if end <= begin:
            errors.append(
                _("line %(line)s: a cue must end after it starts") % {"line": start + 1 + timing_at}
            )
        elif previous is not None and begin < previous[0]:
            errors.append(
                _("line %(line)s: the cue starts before the cue above it; put the cues in order of time")
                % {"line": start + 1 + timing_at}
            )
        elif previous is not None and begin < previous[1]:
            errors.append(
                _("line %(line)s: the cue starts before the cue above it has ended (they overlap)")
                % {"line": start + 1 + timing_at}
            )
        if end > begin:
            previous = (begin, end)
        if len(block) <= timing_at + 1:
            errors.append(_("line %(line)s: the cue has no text") % {"line": start + 1 + timing_at})
        errors[found:] = [f"{cue}, {error}" for error in errors[found:]]
        cues += 1
    if not errors and not cues:
        errors.append(_("the captions contain no cues"))
    return errors


def validate_captions(text: str) -> None:
    """Raise ValidationError unless `text` is valid WebVTT with at least one cue."""
    errors = caption_errors(text)
    if errors:
        raise ValidationError(
            _("The captions are not valid WebVTT: %(errors)s") % {"errors": "; ".join(errors)}
        )


def validate_chapters(text: str) -> None:
    """Raise ValidationError unless `text` (optional) is valid WebVTT: a cue per chapter."""
    errors = caption_errors(text) if text.strip() else []
    if errors:
        raise ValidationError(
            _("The chapters are not valid WebVTT: %(errors)s") % {"errors": "; ".join(errors)}
        )


def parse_captions(text: str) -> list[Cue]:
    """The cues of WebVTT `text`; an empty list for empty or invalid text."""
    return list(_parse(text or ""))


@lru_cache(maxsize=64)  # a page's cues, transcript and search document parse the same text
def _parse(text: str) -> tuple[Cue, ...]:
    if not text or caption_errors(text):
        return ()
    captions = webvtt.from_buffer(io.StringIO(text.lstrip("\ufeff")))
    return tuple(
        Cue(
            start=_seconds(*_TIMING.match(f"{c.start} --> {c.end}").groups()[:4]),
            end=_seconds(*_TIMING.match(f"{c.start} --> {c.end}").groups()[4:8]),
            text=" ".join(c.text.split()),
        )
        for c in captions
    )
