"""Wagtail admin for the search vocabulary: editors maintain synonyms and abbreviations."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.models import Synonym


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "search"
    menu_label = _("Synonyms")
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["rule", "active", "updated_at"]
    list_filter = ["active"]
    search_fields = ["rule"]


register_snippet(SynonymViewSet)
