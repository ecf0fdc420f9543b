"""App configuration for search."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from search.models import Synonym

        post_save.connect(_synonyms_changed, sender=Synonym, dispatch_uid="search-synonym-saved")
        post_delete.connect(_synonyms_changed, sender=Synonym, dispatch_uid="search-synonym-deleted")


def _synonyms_changed(**kwargs) -> None:
    from search import service

    service.synonyms_changed()
