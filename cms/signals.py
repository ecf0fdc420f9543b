"""Keep search up to date when editors publish, unpublish or delete knowledge pages."""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from cms.models import KnowledgePage, Law, Municipality, Theme
from search import service as search_service


def _specific(instance):
    return instance.specific if hasattr(instance, "specific") else instance


def page_changed(sender, instance, **kwargs):
    if isinstance(instance, KnowledgePage):
        search_service.index_objects([_specific(instance)])


def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, KnowledgePage) and instance.external_id:
        search_service.remove([instance.external_id])


def connect() -> None:
    from wagtail.documents import get_document_model

    from cms.document_text import document_saved

    post_save.connect(document_saved, sender=get_document_model(), dispatch_uid="pgb-read-pdf")
    page_published.connect(page_changed, dispatch_uid="pgb-search-page-published")
    page_unpublished.connect(page_changed, dispatch_uid="pgb-search-page-unpublished")
    post_delete.connect(page_deleted, dispatch_uid="pgb-search-page-deleted")
    for model in (Law, Municipality, Theme):
        post_save.connect(taxonomy_changed, sender=model, dispatch_uid=f"pgb-search-labels-{model.__name__}")


def taxonomy_changed(**kwargs) -> None:
    """A renamed theme, law or gemeente shows under its new name in search facets at once."""
    search_service.clear_labels()
