"""WebVTT captions: strict validation and, in the same walk over the lines, parsing into cues."""

import html
import re
from dataclasses import dataclass
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext as _

_TIME = r"(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})"
_TIMING = re.compile(rf"^{_TIME}[ \t]+-->[ \t]+{_TIME}(?:[ \t]+.*)?$")
_TAG = re.compile(r"<[^>]*>")  # cue tags such as <b>, <v Spreker>, <00:00:01.500>
# Blocks that are not cues: the keyword alone on its line or followed by a space or tab (WebVTT §4.1).
_NOT_A_CUE = re.compile(r"^(?:NOTE|STYLE|REGION)(?:[ \t].*)?$")


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
    return list(_checked(text or "", get_language())[0])


def _cue_text(lines: list[str]) -> str:
    """A cue's text as read: without cue tags, entities such as &amp; resolved, on one line."""
    return " ".join(html.unescape(_TAG.sub("", "\n".join(lines))).split())


def _name_cue(errors: list[str], found: int, number: int) -> None:
    """Prefix the errors from index `found` on with the cue they are in ("cue 2, line 6: …")."""
    if len(errors) > found:  # translated only when there is an error: most captions have none
        cue = _("cue %(cue)s") % {"cue": number}
        errors[found:] = [f"{cue}, {error}" for error in errors[found:]]


# An import checks a video's captions, saves them (checked again) and indexes their cues, all within
# one chunk of items: the walk is done once per text (and language, for the messages).
@lru_cache(maxsize=256)
def _checked(text: str, language: str | None) -> tuple[tuple[str, ...], tuple[Cue, ...]]:
    """The errors in `text` and its cues, in order."""
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").split("\n")
    if not lines[0].startswith("WEBVTT") or lines[0][6:7] not in ("", " ", "\t"):
        return (_("line 1: WebVTT captions must start with the line WEBVTT"),), ()
    errors, cues, index, previous, parsed = [], 0, 1, None, []
    while index < len(lines):
        if not lines[index].strip():
            index += 1
            continue
        start = index
        block = []
        while index < len(lines) and lines[index].strip():
            block.append(lines[index])
            index += 1
        if _NOT_A_CUE.match(block[0]):
            continue
        timing_at = 0 if "-->" in block[0] else 1
        found = len(errors)
        if timing_at >= len(block) or not _TIMING.match(block[timing_at].strip()):
            errors.append(
                _("line %(line)s: expected a cue timing such as 00:00:01.000 --> 00:00:04.000")
                % {"line": start + 1 + min(timing_at, len(block) - 1)}
            )
            _name_cue(errors, found, cues + 1)
            cues += 1
            continue
        match = _TIMING.match(block[timing_at].strip())
        begin, end = _seconds(*match.groups()[:4]), _seconds(*match.groups()[4:8])
        parsed.append(Cue(start=begin, end=end, text=_cue_text(block[timing_at + 1 :])))
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
        _name_cue(errors, found, cues + 1)
        cues += 1
    if not errors and not cues:
        errors.append(_("the captions contain no cues"))
    return tuple(errors), tuple(parsed)


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
    errors, cues = _checked(text or "", get_language())
    return [] if errors else list(cues)
