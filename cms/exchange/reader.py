"""Streaming reader for JSON Lines files: one (line number, item or error) at a time."""

import json
from collections.abc import Iterator
from pathlib import Path

from cms.exchange.types import FieldError


def iter_lines(path: Path) -> Iterator[tuple[int, dict | None, FieldError | None]]:
    """Yield `(line_no, item, None)` for each item or `(line_no, None, error)` for an unreadable line.

    Blank lines and lines starting with `//` are skipped, as the format says. The file is read in binary
    so that one line that is not UTF-8 is reported on its own instead of aborting the whole read.
    """
    with path.open("rb") as handle:
        for line_no, raw in enumerate(handle, start=1):
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield line_no, None, FieldError(line_no, "(line)", f"not valid UTF-8 (byte {exc.start})")
                continue
            text = text.lstrip("\ufeff").strip()
            if not text or text.startswith("//"):
                continue
            try:
                item = json.loads(text)
            except json.JSONDecodeError as exc:
                message = (
                    "the line is truncated (the JSON object is not closed)"
                    if "Unterminated" in exc.msg or "Expecting" in exc.msg and exc.pos >= len(text) - 1
                    else f"not valid JSON: {exc.msg} at column {exc.colno}"
                )
                yield line_no, None, FieldError(line_no, "(line)", message)
                continue
            if not isinstance(item, dict):
                yield line_no, None, FieldError(line_no, "(line)", "each line must be a JSON object")
                continue
            yield line_no, item, None


def count_lines(path: Path) -> int:
    """A cheap first pass so a progress bar knows its length (counts non-blank lines)."""
    with path.open("rb") as handle:
        return sum(1 for raw in handle if raw.strip() and not raw.lstrip().startswith(b"//"))
