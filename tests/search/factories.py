"""Search documents for tests that put items straight into a backend."""

import datetime

from search.types import SearchDocument


def doc(doc_id: str, title: str, body: str = "", **fields) -> SearchDocument:
    """A case (unless `type` says otherwise) published on 2024-01-01 unless `published` says otherwise."""
    return SearchDocument(
        id=doc_id,
        type=fields.pop("type", "case"),
        title=title,
        summary=fields.pop("summary", ""),
        body=body,
        url=f"/goede-voorbeelden/{doc_id}/",
        published=fields.pop("published", datetime.date(2024, 1, 1)),
        **fields,
    )
