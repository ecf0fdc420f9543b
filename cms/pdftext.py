"""Text of uploaded PDFs, page by page (pypdf), for search; unreadable files yield no text, never an error."""

import logging

from pypdf import PdfReader
from pypdf.errors import PdfReadError

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
    except (PdfReadError, OSError, ValueError) as exc:
        logger.warning("Could not read text from %s: %s", document.file.name, exc)
        return []
