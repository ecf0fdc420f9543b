"""Wagtail admin for the taxonomy (laws, themes and municipalities as snippets under one menu) and the
editors' dashboard panel of content due for review."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.models import Law, Municipality, Theme
from cms.review import REVIEW_MONTHS, due_for_review


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


REVIEW_ROWS = 10


class ReviewDuePanel(Component):
    """Live content nobody checked for more than REVIEW_MONTHS months, oldest first: staff turn over,
    and stale content is how this platform fails slowly."""

    name = "review_due"
    template_name = "cms/admin/review_due_panel.html"
    order = 120

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        due = due_for_review()
        pages = list(due[:REVIEW_ROWS])
        context.update(pages=pages, more=max(0, due.count() - len(pages)), months=REVIEW_MONTHS)
        return context


@hooks.register("construct_homepage_panels")
def add_review_due_panel(request, panels):
    panels.append(ReviewDuePanel())
