"""Wagtail admin for the taxonomy (laws, themes and municipalities as snippets under one menu), the
editors' dashboard panel of content due for review, and who may download a document."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.models import Law, Municipality, Theme
from cms.review import REVIEW_MONTHS, due_for_review
from cms.selectors import pages_showing_document


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


# After media's hook (order 0), which sends a video's file to its page.
@hooks.register("before_serve_document", order=10)
def serve_documents_to_those_who_may_read_their_page(document, request):
    """A file is served to whoever may read a live page it is attached to or linked from, under the
    same view restrictions as that page; a file on no live page (an editor's upload not yet used, or
    only on a draft) only to people who work in the admin. Otherwise 404, as for the page itself."""
    if request.user.has_perm("wagtailadmin.access_admin"):
        return None
    for page in pages_showing_document(document):
        if all(restriction.accept_request(request) for restriction in page.get_view_restrictions()):
            return None
    raise Http404
