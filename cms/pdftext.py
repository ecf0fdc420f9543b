"""Text of PDFs, page by page (pypdf), for search, and what makes one not accessible; unreadable files
yield nothing, never an error.

`pdf_problem` tells the importer beforehand whether a file would yield its text at all.
"""

import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pypdf import PdfReader

logger = logging.getLogger(__name__)
MAX_PAGES = 500


@dataclass(frozen=True)
class PdfReading:
    """What one reading of a PDF found: its text page by page, and what makes it not accessible."""

    pages: list[tuple[int, str]]  # (page number from 1, text)
    problems: list[str]  # codes of ACCESSIBILITY_PROBLEMS, in that order


# What a public-sector PDF must have (PDF/UA, WCAG 2.1 via EN 301 549): tags giving screen readers its
# structure, the language of its text, a title of its own in its properties.
ACCESSIBILITY_PROBLEMS = ("untagged", "no-language", "no-title")


def _problems(reader: PdfReader) -> list[str]:
    root = reader.trailer["/Root"]
    mark_info = root.get("/MarkInfo")
    mark_info = mark_info.get_object() if mark_info is not None else {}
    tagged = "/StructTreeRoot" in root and bool(mark_info.get("/Marked", False))
    language = str(root.get("/Lang", "") or "").strip()
    title = str((reader.metadata or {}).get("/Title", "") or "").strip()
    if not title and reader.xmp_metadata is not None:
        title = " ".join((reader.xmp_metadata.dc_title or {}).values()).strip()
    found = {"untagged": not tagged, "no-language": not language, "no-title": not title}
    return [code for code in ACCESSIBILITY_PROBLEMS if found[code]]


def read_pdf(document) -> PdfReading | None:
    """Read a Wagtail document that is a PDF (or anything with such a `file`, a migration's historical
    model too); None for other or unreadable files (never an error)."""
    if not document.file.name.lower().endswith(".pdf"):
        return None
    try:
        with document.file.open("rb") as handle:
            reader = PdfReader(handle)
            pages = [
                (number, " ".join((page.extract_text() or "").split()))
                for number, page in enumerate(reader.pages[:MAX_PAGES], start=1)
            ]
            return PdfReading(pages=pages, problems=_problems(reader))
    except Exception as exc:  # noqa: BLE001 - a damaged upload can make pypdf raise nearly anything
        logger.warning("Could not read %s: %r", document.file.name, exc)
        return None


def pdf_problem(path: Path) -> str | None:
    """Why the file at `path` is not a readable PDF ("it has no pages"), or None when it is one.

    Readable means: pypdf opens it, it has at least one page and the text of its first MAX_PAGES pages
    (the ones search reads) can be extracted. The verdict is remembered per file version, because an
    import checks every attachment twice.
    """
    path = path.resolve()
    stat = path.stat()
    return _pdf_problem(str(path), stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=256)
def _pdf_problem(path: str, size: int, mtime_ns: int) -> str | None:
    with open(path, "rb") as handle:
        if handle.read(5) != b"%PDF-":
            return "it does not start with %PDF-"
        handle.seek(0)
        try:
            pages = PdfReader(handle).pages
            if len(pages) == 0:
                return "it has no pages"
            for page in pages[:MAX_PAGES]:
                page.extract_text()
        except Exception as exc:  # a damaged file can make pypdf raise nearly anything
            logger.info("Unreadable PDF %s: %r", path, exc)
            return "pypdf cannot read it"
    return None
