"""Text of PDFs, page by page (pypdf), for search; unreadable files yield no text, never an error.

`pdf_problem` tells the importer beforehand whether a file would yield its text at all.
"""

import logging
from functools import lru_cache
from pathlib import Path

from pypdf import PdfReader

logger = logging.getLogger(__name__)
MAX_PAGES = 500


def pdf_pages(document) -> list[tuple[int, str]]:
    """[(page number from 1, text)] of a Wagtail document that is a PDF; [] for other or broken files."""
    if not document.file.name.lower().endswith(".pdf"):
        return []
    try:
        with document.open_file() as handle:
            reader = PdfReader(handle)
            return [
                (number, " ".join((page.extract_text() or "").split()))
                for number, page in enumerate(reader.pages[:MAX_PAGES], start=1)
            ]
    except Exception as exc:  # noqa: BLE001 - a damaged upload can make pypdf raise nearly anything
        logger.warning("Could not read text from %s: %r", document.file.name, exc)
        return []


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
