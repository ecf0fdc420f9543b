"""Browse views: everything tagged with a theme, a law or a municipality, newest first."""

from itertools import groupby

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cms import extensions, selectors
from cms.models import Law, Municipality, Theme
from cms.pagination import paginate

BROWSE_PARENTS = {
    "theme": (_("Themes"), "cms:theme_list"),
    "law": (_("Laws"), "cms:law_list"),
    "municipality": (_("Gemeenten"), "cms:municipality_list"),
}


def _browse(request, *, obj, kind: str, items):
    title, url_name = BROWSE_PARENTS[kind]
    context = {
        "object": obj,
        "kind": kind,
        "page_obj": paginate(request, items),
        "breadcrumb_trail": [(title, reverse(url_name))],
        "actions": extensions.browse_actions(request, obj, kind),
    }
    return render(request, "cms/browse_detail.html", context)


def theme_list(request):
    return render(request, "cms/theme_list.html", {"themes": Theme.objects.all()})


def theme_detail(request, slug: str):
    theme = get_object_or_404(Theme, slug=slug)
    return _browse(request, obj=theme, kind="theme", items=selectors.knowledge_list_for_theme(theme=theme))


def law_list(request):
    return render(request, "cms/law_list.html", {"laws": Law.objects.all()})


def law_detail(request, slug: str):
    law = get_object_or_404(Law, slug=slug)
    return _browse(request, obj=law, kind="law", items=selectors.knowledge_list_for_law(law=law))


def municipality_list(request):
    municipalities = Municipality.objects.order_by("province", "name")
    provinces = [
        (province, list(group)) for province, group in groupby(municipalities, key=lambda m: m.province)
    ]
    return render(request, "cms/municipality_list.html", {"provinces": provinces})


def municipality_detail(request, slug: str):
    municipality = get_object_or_404(Municipality, slug=slug)
    return _browse(
        request,
        obj=municipality,
        kind="municipality",
        items=selectors.knowledge_list_for_municipality(municipality=municipality),
    )
