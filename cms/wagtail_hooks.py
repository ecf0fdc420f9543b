"""Wagtail admin for the taxonomy (laws, themes and municipalities as snippets under one menu) and the
editors' dashboard panel of content due for review."""

import datetime

from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.models import KnowledgePage, Law, Municipality, Theme


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


REVIEW_MONTHS = 12  # the dashboard lists what nobody checked for longer than this
REVIEW_ROWS = 10


class ReviewDuePanel(Component):
    """Live content nobody checked for more than REVIEW_MONTHS months, oldest first: staff turn over,
    and stale content is how this platform fails slowly."""

    name = "review_due"
    template_name = "cms/admin/review_due_panel.html"
    order = 120

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        since = timezone.localdate() - datetime.timedelta(days=round(REVIEW_MONTHS * 30.44))
        due = (
            KnowledgePage.objects.live()
            .annotate(checked=Coalesce(F("last_reviewed"), F("published_date")))
            .filter(checked__lt=since)
            .order_by("checked", "title")
        )
        pages = list(due[:REVIEW_ROWS])
        context.update(pages=pages, more=max(0, due.count() - len(pages)), months=REVIEW_MONTHS)
        return context


@hooks.register("construct_homepage_panels")
def add_review_due_panel(request, panels):
    panels.append(ReviewDuePanel())
