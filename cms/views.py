"""Browse views: everything tagged with a theme, a law or a gemeente (cms.browse), and their indexes."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cms import browse, extensions, selectors
from cms.models import Law, Municipality, Theme

BROWSE_PARENTS = {
    "theme": (_("Themes"), "cms:theme_list"),
    "law": (_("Laws"), "cms:law_list"),
    "municipality": (_("Gemeenten"), "cms:municipality_list"),
}
MAX_FILTER_LENGTH = 100  # of the directory's ?q=; no gemeente's name comes near


def _browse(request, *, obj, kind: str, scope: browse.Scope):
    title, url_name = BROWSE_PARENTS[kind]
    listing = browse.run(request, scope)
    context = {
        "object": obj,
        "kind": kind,
        "breadcrumb_trail": [(title, reverse(url_name))],
        "actions": extensions.browse_actions(request, obj, kind),
        **listing.context,
    }
    return render(request, "cms/browse_detail.html", context, status=listing.status)


def theme_list(request):
    return render(request, "cms/theme_list.html", {"themes": Theme.objects.all()})


def theme_detail(request, slug: str):
    theme = get_object_or_404(Theme, slug=slug)
    label = _("Search within the theme %(name)s") % {"name": theme.name}
    return _browse(request, obj=theme, kind="theme", scope=browse.scope("theme", theme.slug, label=label))


def law_list(request):
    return render(request, "cms/law_list.html", {"laws": Law.objects.all()})


def law_detail(request, slug: str):
    law = get_object_or_404(Law, slug=slug)
    label = _("Search within the %(name)s") % {"name": law.abbreviation}
    return _browse(request, obj=law, kind="law", scope=browse.scope("law", law.slug, label=label))


def municipality_list(request):
    """All gemeenten by province, each with how many items the visitor may see; ?q= filters by name
    (without JavaScript; with it, pgb/js/municipality-filter.js filters as one types)."""
    text = (request.GET.get("q") or "").strip()[:MAX_FILTER_LENGTH]
    wanted = selectors.fold(text)
    provinces, shown, total = [], 0, 0
    for province, entries in selectors.municipality_directory(audience=request.audience):
        rows = [{**entry, "shown": wanted in entry["key"]} for entry in entries]
        provinces.append({"name": province, "rows": rows, "shown": any(row["shown"] for row in rows)})
        shown += sum(row["shown"] for row in rows)
        total += len(rows)
    context = {"provinces": provinces, "query_text": text, "shown": shown, "total": total}
    return render(request, "cms/municipality_list.html", context)


def municipality_detail(request, slug: str):
    municipality = get_object_or_404(Municipality, slug=slug)
    label = _("Search within gemeente %(name)s") % {"name": municipality.label}
    return _browse(
        request,
        obj=municipality,
        kind="municipality",
        scope=browse.municipality_scope(municipality, label=label),
    )
