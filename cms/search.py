"""How knowledge pages (cases, articles, videos, documents) become search documents."""

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager

from cms.models import DocumentText, KnowledgePage
from search.types import AttachmentPage, SearchDocument


def _read_pages(document) -> list:
    """The pages read from an attached PDF (in the background, cms.document_text); none until then."""
    reading = DocumentText.of(document)
    return reading.pages if reading is not None and reading.status == DocumentText.Status.READ else []


def page_document(page: KnowledgePage, **extra) -> SearchDocument:
    """The shared part of a knowledge page's search document; `extra` adds type-specific fields."""
    pages = tuple(
        AttachmentPage(title=attachment.label, page=number, text=text, url=attachment.document.url)
        for attachment in page.attachments.all()
        for number, text in _read_pages(attachment.document)
    )
    return SearchDocument(
        id=page.external_id,
        type=page.content_type_key,
        title=page.title,
        summary=page.summary,
        body=page.body_text(),
        url=page.url,
        published=page.published_date,
        municipalities=tuple((m.code, m.label, m.province) for m in page.municipalities.all()),
        laws=tuple(law.slug for law in page.laws.all()),
        themes=tuple(theme.slug for theme in page.themes.all()),
        pages=pages,
        **extra,
    )


def live_pages(model: type[KnowledgePage]):
    """Published, publicly viewable pages of `model`, with what their documents need prefetched."""
    return (
        model.objects.live()
        .public()
        .prefetch_related("municipalities", "laws", "themes", "attachments__document__pgb_text")
        .order_by("pk")
    )


class PageDocuments:
    """The search provider of one page type: its live, public pages, each as one document.

    `document(page)` may be overridden for what a type adds (a video's caption cues).
    """

    def __init__(self, name: str, model: type[KnowledgePage]):
        self.name = name
        self.model = model

    def document(self, page) -> SearchDocument:
        return page_document(page)

    def documents(self) -> Iterator[SearchDocument]:
        for page in live_pages(self.model).iterator(chunk_size=200):
            yield self.document(page)

    def document_for(self, obj) -> SearchDocument | None:
        if isinstance(obj, self.model) and is_searchable(obj):
            return self.document(obj)
        return None


_restricted_paths: contextvars.ContextVar[tuple[str, ...] | None] = contextvars.ContextVar(
    "pgb_restricted_paths", default=None
)


@contextmanager
def known_view_restrictions():
    """Within this block, view restrictions are read once instead of once per page (bulk indexing)."""
    from wagtail.models import PageViewRestriction

    paths = tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
    token = _restricted_paths.set(paths)
    try:
        yield
    finally:
        _restricted_paths.reset(token)


def is_searchable(page: KnowledgePage) -> bool:
    """Live and not behind a view restriction: what anonymous visitors may read."""
    if not page.live:
        return False
    paths = _restricted_paths.get()
    if paths is not None:  # a restriction on the page or an ancestor covers every path below it
        return not any(page.path.startswith(path) for path in paths)
    return not page.get_view_restrictions().exists()
