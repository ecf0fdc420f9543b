"""PDFs read in the background (the durable task queue): uploaded in the admin, a PDF is searchable as
soon as its reading is done, and its editors are told when it is not accessible.

Saving a PDF document (any way: the admin's upload, a replaced file) writes a waiting `DocumentText`
and its task in the same transaction, so no upload goes unread when the worker is down. The importer
marks its files `pgb_read_at_once` (it has just checked them): they are read at once, without a
task, so imported content is searchable on arrival.
"""

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from cms.models import DocumentText, KnowledgePage
from cms.pdftext import read_pdf
from search import service as search_service


def is_pdf(document) -> bool:
    return bool(document.file) and document.file.name.lower().endswith(".pdf")


def document_saved(sender, instance, raw=False, **kwargs) -> None:
    """post_save of Wagtail's document model: queue a reading of a PDF not yet read in this version."""
    if raw or not is_pdf(instance):
        return
    if getattr(instance, "pgb_read_at_once", False):  # the importer's files: read now, no task
        read(instance)
        return
    current = instance.file_hash or ""
    reading = DocumentText.objects.filter(document=instance).first()
    if reading is not None and reading.file_hash == current and current:
        return
    DocumentText.objects.update_or_create(
        document=instance, defaults={"status": DocumentText.Status.WAITING, "file_hash": current}
    )
    read_document_text.enqueue(instance.pk)


@transaction.atomic
def read(document) -> DocumentText:
    """Read `document` now: store its pages and accessibility problems, and re-index the live pages
    that attach it, so a search finds its text from then on."""
    reading = read_pdf(document)
    text, _created = DocumentText.objects.update_or_create(
        document=document,
        defaults={
            "file_hash": document.file_hash or "",
            "status": DocumentText.Status.READ if reading else DocumentText.Status.UNREADABLE,
            "pages": [[number, page] for number, page in reading.pages if page] if reading else [],
            "problems": reading.problems if reading else [],
            "read_at": timezone.now(),
        },
    )
    pages = KnowledgePage.objects.filter(attachments__document=document).live().distinct()
    search_service.index_objects([page.specific for page in pages])
    return text


@task(backend="search", queue_name="documents")
def read_document_text(document_id: int) -> str:
    """The queued reading of one PDF; nothing to do when that version was read meanwhile."""
    from wagtail.documents import get_document_model

    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None:
        return "gone"
    done = DocumentText.objects.filter(document=document, file_hash=document.file_hash or "").exclude(
        status=DocumentText.Status.WAITING
    )
    if document.file_hash and done.exists():
        return "read already"
    return read(document).status
