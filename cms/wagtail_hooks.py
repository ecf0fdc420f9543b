"""Wagtail admin for the taxonomy: laws, themes and municipalities as snippets under one menu."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.models import Law, Municipality, Theme


class LawViewSet(SnippetViewSet):
    model = Law
    icon = "doc-full"
    list_display = ["abbreviation", "name", "slug"]
    search_fields = ["abbreviation", "name"]


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    icon = "site"
    list_display = ["name", "display_name", "code", "province"]
    list_filter = ["province"]
    search_fields = ["name", "display_name", "code"]
    list_per_page = 50


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Taxonomy")
    menu_icon = "folder-open-inverse"
    menu_order = 250
    items = (ThemeViewSet, LawViewSet, MunicipalityViewSet)


register_snippet(TaxonomyGroup)
