"""Wagtail admin for search: synonyms, promoted results and the query report."""

from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.models import Promotion, Synonym


class YesNoColumn(Column):
    """A yes/no field as "ja" or "nee" (Wagtail's own list shows True and False)."""

    def get_value(self, instance):
        return _("yes") if super().get_value(instance) else _("no")


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "search"
    menu_label = _("Synonyms")
    menu_order = 260
    add_to_admin_menu = True
    list_display = [
        "rule",
        YesNoColumn("active", label=capfirst(_("active"))),
        DateColumn("updated_at", label=capfirst(_("changed"))),
    ]
    list_filter = ["active"]
    search_fields = ["rule"]


register_snippet(SynonymViewSet)


class PromotionViewSet(SnippetViewSet):
    model = Promotion
    icon = "pick"
    menu_label = _("Promoted results")
    menu_order = 261
    add_to_admin_menu = True
    list_display = ["query", "page", "sort_order"]
    search_fields = ["query"]


register_snippet(PromotionViewSet)


def query_report(request):
    """Top queries and queries that found nothing, over the last 30 days (no personal data is kept)."""
    from search.querylog import top_queries

    return TemplateResponse(
        request,
        "search/admin/query_report.html",
        {
            "header_title": _("Search queries"),
            "top": top_queries(days=30),
            "zero": top_queries(days=30, zero_only=True),
        },
    )


@hooks.register("register_admin_urls")
def register_query_report_url():
    return [path("zoekvragen/", query_report, name="search_query_report")]


@hooks.register("register_reports_menu_item")
def register_query_report_menu_item():
    return MenuItem(_("Search queries"), reverse("search_query_report"), icon_name="search", order=900)


class ZeroResultsPanel(Component):
    """The week's searches that found nothing: what editors could add a synonym, a promotion or content for."""

    name = "zero_results"
    template_name = "search/admin/zero_results_panel.html"
    order = 130

    def get_context_data(self, parent_context):
        from search.querylog import top_queries

        context = super().get_context_data(parent_context)
        context["rows"] = top_queries(days=7, limit=10, zero_only=True)
        return context


@hooks.register("construct_homepage_panels")
def add_zero_results_panel(request, panels):
    panels.append(ZeroResultsPanel())
