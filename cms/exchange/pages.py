"""Writing and reading knowledge pages for the importer and exporter (shared by cms and media)."""

import hashlib
from collections.abc import Iterator
from pathlib import Path

from django.core.files import File
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.utils.file import hash_filelike

from cms import content_types
from cms.exchange.richtext import richtext_to_markdown
from cms.exchange.types import ImportContext
from cms.exchange.validation import CleanItem
from cms.models import KnowledgePage, KnowledgePageAttachment, Law, Municipality, Theme


class TaxonomyCache:
    """Law, theme and municipality objects by slug/code, so tagging a page costs no lookups."""

    _cache: dict | None = None

    @classmethod
    def get(cls) -> dict:
        if cls._cache is None:
            cls._cache = {
                "laws": {law.slug: law for law in Law.objects.all()},
                "themes": {theme.slug: theme for theme in Theme.objects.all()},
                "municipalities": {m.code: m for m in Municipality.objects.all()},
            }
        return cls._cache

    @classmethod
    def clear(cls) -> None:
        cls._cache = None


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
    document.save()
    return document


def apply_common(page: KnowledgePage, clean: CleanItem, fingerprint: str) -> None:
    """Copy the shared fields and tags of `clean` onto `page` (not saved yet)."""
    taxonomy = TaxonomyCache.get()
    page.title = page.draft_title = clean.title
    page.summary = clean.summary
    page.published_date = clean.published
    page.last_reviewed = clean.last_reviewed
    page.author_name = clean.author_name
    page.author_organisation = clean.author_organisation
    page.external_id = clean.id
    page.import_fingerprint = fingerprint
    page.municipalities.set([taxonomy["municipalities"][code] for code in clean.municipalities])
    page.laws.set([taxonomy["laws"][slug] for slug in clean.laws])
    page.themes.set([taxonomy["themes"][slug] for slug in clean.themes])


def save_page(
    page: KnowledgePage,
    clean: CleanItem,
    *,
    parent_model: type[Page],
    existing: bool,
    fingerprint: str,
    ctx: ImportContext,
) -> KnowledgePage:
    """Create `page` live under the single `parent_model` page, or save the updated existing one."""
    apply_common(page, clean, fingerprint)
    if clean.attachments or existing:  # a new page without files needs no child-relation work
        page.attachments = [
            KnowledgePageAttachment(document=document_for_file(path, title), title=title, sort_order=index)
            for index, (title, path) in enumerate(clean.attachments)
        ]
    now = timezone.now()
    page.last_published_at = now
    page.has_unpublished_changes = False
    if existing:
        page.save(clean=False)  # validated on import; full_clean would repeat that work per page
        return page
    page.live = True
    page.first_published_at = timezone.make_aware(
        timezone.datetime.combine(clean.published, timezone.datetime.min.time())
    )
    ctx.tree.place(page, parent_model=parent_model, slug_for=clean.id)
    page.save(clean=False)
    return page


class TreeCursor:
    """Places new pages under their listing page without treebeard's per-insert queries.

    treebeard's add_child looks up the last sibling and updates the parent for every page; an import
    knows it is the only writer inside its transaction, so it numbers siblings itself and sets each
    parent's child count once, in `commit()`.
    """

    def __init__(self):
        self.parents: dict[type, Page] = {}
        self.next_number: dict[int, int] = {}
        self.slugs: dict[int, set[str]] = {}

    def _parent(self, parent_model: type[Page]) -> Page:
        if parent_model not in self.parents:
            parent = parent_model.objects.first()
            if parent is None:
                raise RuntimeError(f"No {parent_model.__name__} exists; run `pgb migrate` first.")
            last = (
                Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
                .order_by("-path")
                .first()
            )
            self.parents[parent_model] = parent
            self.next_number[parent.pk] = (int(last.path[-Page.steplen :], 36) if last else 0) + 1
            self.slugs[parent.pk] = set(Page.objects.child_of(parent).values_list("slug", flat=True))
        return self.parents[parent_model]

    def place(self, page: Page, *, parent_model: type[Page], slug_for: str) -> None:
        parent = self._parent(parent_model)
        number = self.next_number[parent.pk]
        self.next_number[parent.pk] = number + 1
        page.depth = parent.depth + 1
        page.path = parent.path + Page._int2str(number).rjust(Page.steplen, "0")
        page.numchild = 0
        page.locale_id = parent.locale_id
        page.slug = unique_slug(slug_for, taken=self.slugs[parent.pk])
        self.slugs[parent.pk].add(page.slug)
        page._cached_parent_obj = parent

    def commit(self) -> None:
        for parent in self.parents.values():
            count = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).count()
            Page.objects.filter(pk=parent.pk).update(numchild=count)


def unique_slug(external_id: str, *, taken: set[str]) -> str:
    """The page slug for an item: its external id without the type prefix, or whole if that is taken."""
    slug = external_id
    for prefix in sorted(f"{key}-" for key in content_types.keys()):
        if slug.startswith(prefix) and len(slug) > len(prefix) + 2:
            slug = slug[len(prefix) :]
            break
    candidates = [slug, external_id] + [f"{external_id}-{n}" for n in range(2, 1000)]
    return next(candidate for candidate in candidates if candidate not in taken)


def taxonomy_export(obj) -> dict:
    """The tag fields of a page or question as the exchange format writes them (sorted codes/slugs)."""
    return {
        "municipalities": sorted(m.code for m in obj.municipalities.all()),
        "laws": sorted(law.slug for law in obj.laws.all()),
        "themes": sorted(theme.slug for theme in obj.themes.all()),
    }


def common_export(page: KnowledgePage) -> dict:
    """The shared fields of `page` as an exchange-format item (attachments filled in by the caller)."""
    item = {
        "id": page.external_id,
        "type": page.content_type_key,
        "title": page.title,
        "summary": page.summary,
        "body": "",
        **taxonomy_export(page),
        "published": page.published_date.isoformat(),
    }
    if page.author_name or page.author_organisation:
        item["author"] = {"name": page.author_name, "organisation": page.author_organisation}
    if page.last_reviewed:
        item["last_reviewed"] = page.last_reviewed.isoformat()
    item["_attachments"] = [(a.label, a.document) for a in page.attachments.all()]
    return item


def pages_for_export(model: type[KnowledgePage]) -> Iterator[KnowledgePage]:
    """Every page of `model` (live or not: export is an operator's full copy), oldest id first."""
    yield from (
        model.objects.order_by("pk")
        .prefetch_related("municipalities", "laws", "themes", "attachments__document")
        .iterator(chunk_size=200)
    )


def body_markdown(stream) -> str:
    """A plain text/section StreamField as Markdown (used by articles, videos and documents)."""
    parts = []
    for block in stream:
        if block.block_type == "text":
            parts.append(richtext_to_markdown(block.value.source))
        elif block.block_type == "section":
            parts.append(f"## {block.value['heading']}\n\n{richtext_to_markdown(block.value['text'].source)}")
    return "\n\n".join(p for p in parts if p)


def fingerprint_of(item: dict, attachments: list[tuple[str, Path]]) -> str:
    """A hash of the item as given plus its attachment files' contents: equal means nothing changed."""
    import json

    digest = hashlib.sha256(json.dumps(item, sort_keys=True, ensure_ascii=False).encode())
    for _title, path in attachments:
        with path.open("rb") as handle:
            digest.update(hash_filelike(handle).encode())
    return digest.hexdigest()
