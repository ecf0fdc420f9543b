"""Wagtail admin for the forum: editors edit questions and their answers (snippets); moderators work
through their own screens (forum.admin_views), which act only through forum.services."""

from django.urls import include, path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from accounts.selectors import audience_for
from cms.widgets import taxonomy_fields
from forum import admin_views, permissions, selectors
from forum.admin_forms import AnswersPanel
from forum.forms import QuestionAdminForm
from forum.models import Answer, Question

Answer.panels = [
    FieldPanel("body"),
    FieldPanel("author_name"),
    FieldPanel("author_organisation"),
    FieldPanel("published_date"),
    FieldPanel("is_accepted"),
]


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = _("Forum")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["title", "author_organisation", "visibility", "status", "published_date"]
    list_filter = ["visibility", "status", "is_locked"]
    search_fields = ["title", "body"]
    ordering = ["-published_date"]
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("body"),
            FieldPanel("visibility"),
            MultiFieldPanel(
                [FieldPanel("author_name"), FieldPanel("author_organisation"), FieldPanel("published_date")],
                heading=_("Author"),
            ),
            MultiFieldPanel(
                taxonomy_fields(),
                heading=_("Tagging"),
            ),
            # Wagtail's button reads "Voeg <label> toe": the singular, lower case ("Voeg antwoord toe").
            AnswersPanel("answers", heading=_("Answers"), label=_("answer")),
        ],
        base_form_class=QuestionAdminForm,
    )


register_snippet(QuestionViewSet)


@hooks.register("register_admin_urls")
def moderation_urls():
    urls = [
        path("", admin_views.QueueView.as_view(), name="queue"),
        path("log/", admin_views.LogView.as_view(), name="log"),
        path("<str:kind>/<int:pk>/", admin_views.PostView.as_view(), name="post"),
    ]
    return [path("forum/moderatie/", include((urls, "forum_moderation")))]


class ModerationMenuItem(MenuItem):
    """Shown to moderators, with how many posts wait for them."""

    def is_shown(self, request):
        return permissions.can_moderate(request.user)

    def render_component(self, request):
        component = super().render_component(request)
        waiting = selectors.moderation_counts()
        if waiting:
            component.label = f"{self.label} ({waiting})"
        return component


@hooks.register("register_admin_menu_item")
def moderation_menu_item():
    return ModerationMenuItem(
        _("Moderation"),
        reverse_lazy("forum_moderation:queue"),
        name="moderation",
        icon_name="warning",
        order=290,
    )


class AwaitingExpertPanel(Component):
    """Questions where a gemeente asked Per Saldo to think along and no experience expert answered
    yet, oldest first: what Per Saldo's editors chase on the dashboard."""

    name = "awaiting_expert"
    template_name = "forum/admin/awaiting_expert_panel.html"
    order = 125
    ROWS = 10

    def __init__(self, audience):
        self.audience = audience

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        waiting = selectors.question_list_awaiting_expert(audience=self.audience)
        questions = list(waiting[: self.ROWS])
        context.update(questions=questions, more=max(0, waiting.count() - len(questions)))
        return context


@hooks.register("construct_homepage_panels")
def add_awaiting_expert_panel(request, panels):
    panels.append(AwaitingExpertPanel(audience_for(request.user)))
