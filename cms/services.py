"""Writes of knowledge pages: one page with its tags, files and place in the tree, atomically.

Other apps use these: media for videos and documents, the importer for everything it reads. Each
raises ValidationError (naming the field) for what it refuses; nothing is written then.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.utils.file import hash_filelike

from cms import selectors
from cms.bulk import NewPages
from cms.constants import CaseStatus
from cms.models import (
    ArticleIndexPage,
    ArticlePage,
    CaseIndexPage,
    CasePage,
    KnowledgePage,
    KnowledgePageAttachment,
    Municipality,
    new_external_id,
)
from cms.tree import TreeCursor
from search import service as search_service


@dataclass(frozen=True)
class PageFields:
    """What every knowledge page has; tags as CBS codes and slugs, files as (title, path)."""

    title: str
    summary: str
    published: datetime.date
    last_reviewed: datetime.date | None = None
    author_name: str = ""
    author_organisation: str = ""
    municipalities: Sequence[str] = ()
    laws: Sequence[str] = ()
    themes: Sequence[str] = ()
    attachments: Sequence[tuple[str, Path]] = field(default_factory=tuple)


def document_for_file(path: Path, title: str):
    """A Wagtail document with this file's content: an existing one with the same hash, or a new one."""
    Document = get_document_model()
    with path.open("rb") as handle:
        digest = hash_filelike(handle)
    existing = Document.objects.filter(file_hash=digest).order_by("pk").first()
    if existing is not None:
        return existing
    document = Document(title=title)
    with path.open("rb") as handle:
        document.file.save(path.name, File(handle), save=False)
    document.file_size = path.stat().st_size
    document.file_hash = digest
    document.pgb_read_at_once = True  # just checked by the importer: searchable on arrival, not queued
    document.save()
    return document


def knowledge_page_save(
    *,
    page: KnowledgePage,
    fields: PageFields,
    parent_model: type,
    external_id: str = "",
    import_fingerprint: str = "",
    tree: TreeCursor | None = None,
    batch: NewPages | None = None,
) -> KnowledgePage:
    """Save `page` (new, or an existing one updated) live with `fields`, its tags and its files.

    A new page goes under the single `parent_model` listing; `tree` (a bulk writer's TreeCursor)
    places it without per-page tree queries, else it is placed at once; with `batch` (cms.bulk.NewPages) a
    new page is written later with the rest of its batch, by `batch.write()`. Unknown tags raise
    ValidationError. Type-specific fields are set on `page` by the caller before.
    """
    # A batched page is only prepared here and written by `batch.write()` inside the caller's transaction
    # (the importer's, all or nothing): no savepoint per page.
    with transaction.atomic(savepoint=batch is None):
        return _write_page(page, fields, parent_model, external_id, import_fingerprint, tree, batch)


def _write_page(page, fields, parent_model, external_id, import_fingerprint, tree, batch) -> KnowledgePage:
    tags = selectors.tags_for(municipalities=fields.municipalities, laws=fields.laws, themes=fields.themes)
    is_new = page.pk is None
    page.title = page.draft_title = fields.title
    page.summary = fields.summary
    page.published_date = fields.published
    page.last_reviewed = fields.last_reviewed
    page.author_name = fields.author_name
    page.author_organisation = fields.author_organisation
    if external_id:
        page.external_id = external_id
    page.import_fingerprint = import_fingerprint
    files = [
        KnowledgePageAttachment(document=document_for_file(path, title), title=title, sort_order=index)
        for index, (title, path) in enumerate(fields.attachments)
    ]
    page.last_published_at = timezone.now()
    page.has_unpublished_changes = False
    own_tree = None
    if is_new:
        page.live = True
        page.first_published_at = timezone.make_aware(
            datetime.datetime.combine(fields.published, datetime.time.min)
        )
        if not page.external_id:
            page.external_id = new_external_id(page.content_type_key, fields.title)
        own_tree = tree or TreeCursor()
        own_tree.place(page, parent_model=parent_model, slug_for=page.external_id)
        if batch is not None:  # written with the others of its chunk (cms.bulk)
            batch.add(page, tags=tags, attachments=files)
            return page
    page.municipalities.set(tags.municipalities)
    page.laws.set(tags.laws)
    page.themes.set(tags.themes)
    if files or not is_new:  # a new page without files needs no child-relation work
        page.attachments = files
    page.save(clean=False)  # validated by the caller; full_clean would repeat that work per page
    if own_tree is not None and tree is None:
        own_tree.commit()
    if not search_service.updates_deferred():  # a bulk writer indexes what it wrote itself
        search_service.index_objects([page])
    return page


def case_save(
    *,
    case: CasePage | None,
    fields: PageFields,
    body: list,
    status: str = "",
    contact_name: str = "",
    contact_role: str = "",
    contact_email: str = "",
    **placement,
) -> CasePage:
    """Create or update a good-practice case; `body` is StreamField data of CASE_BODY_BLOCKS."""
    if status and status not in CaseStatus.values:
        raise ValidationError({"status": f"must be one of {', '.join(CaseStatus.values)}"})
    case = case or CasePage()
    case.body = body
    case.status = status
    case.contact_name, case.contact_role, case.contact_email = contact_name, contact_role, contact_email
    return knowledge_page_save(page=case, fields=fields, parent_model=CaseIndexPage, **placement)


def article_save(*, article: ArticlePage | None, fields: PageFields, body: list, **placement) -> ArticlePage:
    """Create or update an article; `body` is StreamField data of BODY_BLOCKS."""
    article = article or ArticlePage()
    article.body = body
    return knowledge_page_save(page=article, fields=fields, parent_model=ArticleIndexPage, **placement)


@transaction.atomic
def municipality_domains_set(*, domains: dict[str, list[str]], add: bool = False) -> int:
    """Give each gemeente (CBS code) these e-mail domains: replacing its list, or adding to it with
    `add`. Refuses (ValidationError, nothing written) a domain another gemeente already has."""
    municipalities = {m.code: m for m in Municipality.objects.select_for_update().filter(code__in=domains)}
    new = {}
    for code, municipality in municipalities.items():
        new[code] = list(dict.fromkeys([*(municipality.domains if add else []), *domains[code]]))
    claimed = {domain: code for code, listed in new.items() for domain in listed}
    for other in Municipality.objects.exclude(code__in=domains).exclude(email_domains=""):
        for domain in other.domains:
            if domain in claimed:
                raise ValidationError(
                    {"domain": f"{domain} ({claimed[domain]}) already belongs to {other.code} {other.name}"}
                )
    changed = 0
    for code, municipality in municipalities.items():
        text = "\n".join(new[code])
        if text != municipality.email_domains:
            municipality.email_domains = text
            municipality.save(update_fields=["email_domains"])
            changed += 1
    return changed
