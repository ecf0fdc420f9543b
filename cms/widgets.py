"""Admin widgets of the taxonomy: long lists an editor narrows by typing instead of scrolling."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class SearchableCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes with a search box above them: type "Gron" and only Groningen and its namesakes
    remain, chosen ones always stay in view and are listed above the box.

    Progressive enhancement: without JavaScript it is the plain list of checkboxes, in a scrolling
    box; `admin-chooser.js` adds the search and the list of what is chosen.
    """

    template_name = "cms/widgets/searchable_checkboxes.html"

    def __init__(self, *, search_label: str, attrs=None, choices=()):
        super().__init__(attrs=attrs, choices=choices)
        self.search_label = search_label

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["search_label"] = self.search_label
        context["widget"]["chosen"] = [
            option["label"]
            for _group, options, _index in context["widget"]["optgroups"]
            for option in options
            if option["selected"]
        ]
        return context

    class Media:
        js = ["pgb/js/admin-chooser.js"]
        css = {"all": ["pgb/css/admin-chooser.css"]}


def taxonomy_fields() -> list[FieldPanel]:
    """Gemeenten, laws and themes, each chosen from a list that narrows as one types: for every model
    tagged with them (knowledge pages, forum questions)."""
    return [
        FieldPanel("municipalities", widget=SearchableCheckboxes(search_label=_("Search a municipality"))),
        FieldPanel("laws", widget=SearchableCheckboxes(search_label=_("Search a law"))),
        FieldPanel("themes", widget=SearchableCheckboxes(search_label=_("Search a theme"))),
    ]
