"""Streaming reader for JSON Lines files: one (line number, item or errors) at a time.

Besides JSON syntax the reader refuses what no field may hold, wherever in the line it is: lines
over MAX_LINE_BYTES, nesting deeper than MAX_DEPTH, NUL characters (PostgreSQL cannot store them in
text), lone surrogates (they cannot be encoded as UTF-8) and numbers that are not finite or larger
than MAX_NUMBER. The field checks in validation.py can then rely on sane values.
"""

import json
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from cms.exchange.limits import MAX_DEPTH, MAX_LINE_BYTES, MAX_NUMBER
from cms.exchange.types import FieldError

_CHUNK = 64 * 1024
_MAX_PROBLEMS = 10  # per line: a list of a million NUL strings needs one message, not a million
_BAD_CHARACTER = re.compile("[\x00\ud800-\udfff]")
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,39}")


def _bounded_lines(handle: BinaryIO) -> Iterator[bytes | None]:
    """Each line of `handle` as bytes, or None for a line over MAX_LINE_BYTES, which is read past in
    chunks instead of being held in memory whole."""
    while raw := handle.readline(MAX_LINE_BYTES + 2):
        if len(raw.rstrip(b"\r\n")) <= MAX_LINE_BYTES:
            yield raw
            continue
        while not raw.endswith(b"\n") and (raw := handle.readline(_CHUNK)):
            pass
        yield None


def _child(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    if not _PLAIN_KEY.fullmatch(key):
        key = repr(key[:40])
    return key if path == "(line)" else f"{path}.{key}"


def _character_problem(text: str) -> str | None:
    match = _BAD_CHARACTER.search(text)
    if match is None:
        return None
    return "NUL, \\u0000" if match.group() == "\x00" else "a lone surrogate"


def structure_errors(item: dict, line: int) -> list[FieldError]:
    """What in `item` no field may contain, each with its JSON path (`answers[1].author.name`).

    Walks the item with an explicit stack, so the depth of the input cannot exhaust Python's.
    """
    errors: list[FieldError] = []
    stack: list[tuple[object, str, int]] = [(item, "(line)", 1)]
    while stack and len(errors) < _MAX_PROBLEMS:
        value, path, depth = stack.pop()
        if isinstance(value, str):
            if problem := _character_problem(value):
                errors.append(FieldError(line, path, f"contains an invalid character ({problem})"))
        elif isinstance(value, float) and not math.isfinite(value):
            errors.append(FieldError(line, path, "must be a finite number"))
        elif isinstance(value, int | float) and not isinstance(value, bool) and abs(value) > MAX_NUMBER:
            errors.append(FieldError(line, path, f"must be a number from -{MAX_NUMBER:,} to {MAX_NUMBER:,}"))
        elif isinstance(value, dict | list) and depth > MAX_DEPTH:
            errors.append(FieldError(line, path, f"is nested deeper than {MAX_DEPTH} levels"))
        elif isinstance(value, dict):
            for key, child in reversed(value.items()):
                if problem := _character_problem(key):
                    errors.append(FieldError(line, path, f"has a key with an invalid character ({problem})"))
                stack.append((child, _child(path, key), depth + 1))
        elif isinstance(value, list):
            stack.extend((child, _child(path, i), depth + 1) for i, child in reversed(list(enumerate(value))))
    return errors[:_MAX_PROBLEMS]


def _parse(text: str, line_no: int) -> tuple[dict | None, list[FieldError]]:
    try:
        item = json.loads(text)
    except json.JSONDecodeError as exc:
        message = (
            "the line is truncated (the JSON object is not closed)"
            if "Unterminated" in exc.msg or "Expecting" in exc.msg and exc.pos >= len(text) - 1
            else f"not valid JSON: {exc.msg} at column {exc.colno}"
        )
        return None, [FieldError(line_no, "(line)", message)]
    except RecursionError:
        return None, [FieldError(line_no, "(line)", f"is nested deeper than {MAX_DEPTH} levels")]
    except ValueError:  # an integer of more than 4,300 digits (sys.get_int_max_str_digits)
        return None, [FieldError(line_no, "(line)", "not valid JSON: a number has too many digits")]
    if not isinstance(item, dict):
        return None, [FieldError(line_no, "(line)", "each line must be a JSON object")]
    errors = structure_errors(item, line_no)
    return (None, errors) if errors else (item, [])


def iter_lines(path: Path) -> Iterator[tuple[int, dict | None, list[FieldError]]]:
    """Yield `(line_no, item, [])` for each item or `(line_no, None, errors)` for an unusable line.

    Blank lines and lines starting with `//` are skipped, as the format says. The file is read in binary
    so that one line that is not UTF-8 is reported on its own instead of aborting the whole read.
    """
    with path.open("rb") as handle:
        for line_no, raw in enumerate(_bounded_lines(handle), start=1):
            if raw is None:
                message = (
                    f"the line is longer than {MAX_LINE_BYTES // 1024 // 1024} MB ({MAX_LINE_BYTES:,} bytes)"
                )
                yield line_no, None, [FieldError(line_no, "(line)", message)]
                continue
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield line_no, None, [FieldError(line_no, "(line)", f"not valid UTF-8 (byte {exc.start})")]
                continue
            text = text.lstrip("\ufeff").strip()
            if not text or text.startswith("//"):
                continue
            item, errors = _parse(text, line_no)
            yield line_no, item, errors


def count_lines(path: Path) -> int:
    """A cheap first pass so a progress bar knows its length (counts non-blank lines)."""
    with path.open("rb") as handle:
        return sum(
            1
            for raw in _bounded_lines(handle)
            if raw is None or raw.strip() and not raw.lstrip().startswith(b"//")
        )
