"""Wagtail admin for the forum: editors moderate questions and their answers."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

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
    list_display = ["title", "author_organisation", "visibility", "published_date"]
    list_filter = ["visibility"]
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
                [FieldPanel("municipalities"), FieldPanel("laws"), FieldPanel("themes")], heading=_("Tagging")
            ),
            InlinePanel("answers", label=_("Answers")),
        ],
        base_form_class=QuestionAdminForm,
    )


register_snippet(QuestionViewSet)
