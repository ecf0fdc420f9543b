"""Writing many pages at once, below Wagtail's per-page save (the importer's bulk writer).

Wagtail saves a page with a dozen queries: its row in each table of its class chain, each tag relation,
each attachment, its revision, its reference index. For an archive of thousands of items the importer
instead collects the new pages of a chunk (`NewPages`) and writes each kind of row for all of them in one
statement: the page rows (tree paths numbered by cms.tree.TreeCursor), the rows of every subclass table,
the tag relations, the attachments. After each chunk, for new and updated pages alike, `record_revisions`
writes their revisions and `record_references` their reference index entries, in bulk.

The rows are the ones Wagtail's save would write (tests/cms/test_bulk_import.py compares both ways):
the fields are set by the same service (cms.services.knowledge_page_save), which validates as before.
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.models import Page, ReferenceIndex, Revision

from cms.models import KnowledgePage, KnowledgePageAttachment

TAG_FIELDS = ("municipalities", "laws", "themes")


class NewPages:
    """New live pages (already placed in the tree) waiting to be written together."""

    def __init__(self):
        self.pending: list[tuple[KnowledgePage, object, list]] = []

    def add(self, page: KnowledgePage, *, tags, attachments: list[KnowledgePageAttachment]) -> None:
        page.set_url_path(page._cached_parent_obj)
        self.pending.append((page, tags, attachments))

    def write(self) -> list[KnowledgePage]:
        """Insert every pending page with its relations; returns them, saved."""
        if not self.pending:
            return []
        pages = [page for page, _tags, _files in self.pending]
        Page.objects.bulk_create(pages)  # the base rows; sets each page's id
        _insert_subclass_rows(pages)
        for name in TAG_FIELDS:
            link(KnowledgePage, name, [(page, getattr(tags, name)) for page, tags, _files in self.pending])
        attachments = []
        for page, _tags, files in self.pending:
            for attachment in files:
                attachment.page_id = page.pk
                attachments.append(attachment)
        KnowledgePageAttachment.objects.bulk_create(attachments)
        for page, tags, files in self.pending:
            page._state.adding = False
            # What was just written, held as modelcluster holds a page's relations before its save: the
            # revision and both search indexes read them from memory, not from a prefetch.
            page._cluster_related_objects = {
                **{name: list(getattr(tags, name)) for name in TAG_FIELDS},  # in database order
                "attachments": files,
                "wagtail_admin_comments": [],
            }
        self.pending.clear()
        return pages


def hold_prefetched(obj, name: str, related: list) -> None:
    """`related` as a prefetch of the many-to-many field `name` of `obj` would have left it: read without
    a query."""
    manager = getattr(obj, name)
    queryset = manager.all()
    queryset._result_cache, queryset._prefetch_done = list(related), True
    obj.__dict__.setdefault("_prefetched_objects_cache", {})[manager.prefetch_cache_name] = queryset


def relations_in_memory(obj, names) -> bool:
    """Whether every relation in `names` (prefetch lookups) of `obj` is held in memory: by modelcluster
    (NewPages.write) or as prefetched (hold_prefetched)."""
    held = {**getattr(obj, "_cluster_related_objects", {}), **getattr(obj, "_prefetched_objects_cache", {})}
    return all(name.split("__", 1)[0] in held for name in names)


def link(model, name: str, pairs) -> None:
    """The rows of the many-to-many field `model.name` for (object, related objects) pairs, in one INSERT."""
    field = model._meta.get_field(name)
    through = field.remote_field.through
    columns = [
        through._meta.get_field(field.m2m_field_name()),
        through._meta.get_field(field.m2m_reverse_field_name()),
    ]
    insert_values(through, columns, [(obj.pk, related.pk) for obj, objects in pairs for related in objects])


def _insert_subclass_rows(pages: list[Page]) -> None:
    """The rows of each table below Page (KnowledgePage, then CasePage, …), one INSERT per table."""
    by_table: dict[type, list[Page]] = defaultdict(list)
    for page in pages:
        for model in [*reversed(type(page)._meta.get_parent_list()), type(page)][1:]:
            for parent_link in model._meta.parents.values():
                setattr(page, parent_link.attname, page.id)
            by_table[model].append(page)
    for model in sorted(by_table, key=lambda m: len(m._meta.get_parent_list())):
        insert_objects(model, by_table[model])


def insert_objects(model, objects: list) -> None:
    """INSERT the rows of `model`'s own table for `objects`, as bulk_create would write them, for models
    whose primary key is set or comes from the database and is not read back."""
    fields = [f for f in model._meta.local_concrete_fields if not (f.primary_key and f.db_returning)]
    insert_values(
        model,
        fields,
        [tuple(f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields) for obj in objects],
    )


def insert_values(model, fields: list, rows: list[tuple]) -> None:
    """INSERT `rows` (values ready for the database, in the order of `fields`) into `model`'s table, in
    statements of as many rows as the database takes: Django's bulk_create compiles every value on its
    own, which costs more than the database's work for these narrow rows."""
    if not rows:
        return
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    head = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES "  # nosec B608 # names from our models' metadata, quoted by the backend; every value is a parameter
    row_sql = "(" + ", ".join(["%s"] * len(fields)) + ")"
    # What the database allows (SQLite: 999 values), and 10,000 values a statement at most elsewhere.
    size = max(min(connection.ops.bulk_batch_size(fields, rows), 10_000 // len(fields)), 1)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            batch = rows[start : start + size]
            cursor.execute(
                head + ", ".join([row_sql] * len(batch)), [value for row in batch for value in row]
            )


def record_revisions(pages: list[KnowledgePage]) -> None:
    """A revision per page, the page's content as written (the admin's history and comparisons), set as
    its latest and live revision: as Wagtail's save_revision().publish() leaves it. The caller prefetches
    what the content reads (KnowledgePage.bulk_prefetch), as the importer's flush does."""
    if not pages:
        return
    now = timezone.now()
    base = ContentType.objects.get_for_model(Page)
    revisions = Revision.objects.bulk_create(
        Revision(
            content_type=ContentType.objects.get_for_model(page),
            base_content_type=base,
            object_id=str(page.pk),
            created_at=now,
            content=page.serializable_data(),
            object_str=str(page),
        )
        for page in pages
    )
    for page, revision in zip(pages, revisions, strict=True):
        page.latest_revision, page.live_revision, page.latest_revision_created_at = revision, revision, now
    # One UPDATE for the chunk: each page's newest revision (a CASE per page costs more to build).
    newest = Subquery(
        Revision.objects.filter(base_content_type=base, object_id=Cast(OuterRef("pk"), CharField()))
        .order_by("-pk")
        .values("pk")[:1]
    )
    Page.objects.filter(pk__in=[page.pk for page in pages]).update(
        latest_revision_id=newest, live_revision_id=newest, latest_revision_created_at=now
    )


def record_references(objects: list) -> None:
    """Wagtail's reference index for these objects (of one model), replaced in two statements."""
    if not objects:
        return
    model = type(objects[0])
    content_types = [ContentType.objects.get_for_model(m) for m in [model, *model._meta.get_parent_list()]]
    ReferenceIndex.objects.filter(
        base_content_type=content_types[-1], object_id__in=[obj.pk for obj in objects]
    ).delete()
    insert_objects(
        ReferenceIndex,
        [
            ReferenceIndex(
                content_type=content_types[0],
                base_content_type=content_types[-1],
                object_id=obj.pk,
                to_content_type_id=to_content_type_id,
                to_object_id=to_object_id,
                model_path=model_path,
                content_path=content_path,
                content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
            )
            for obj in objects
            for to_content_type_id, to_object_id, model_path, content_path in set(
                ReferenceIndex._extract_references_from_object(obj)
            )
        ],
    )
