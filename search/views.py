"""The search page (/zoeken/): a GET form that works without JavaScript, facets as checkbox groups."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from search import params, service
from search.types import FILTER_FIELDS

FACET_TITLES = {
    "type": _("Kind of content"),
    "theme": _("Theme"),
    "law": _("Law"),
    "municipality": _("Gemeente"),
    "province": _("Province"),
    "year": _("Year"),
}
VISIBLE_VALUES = 8  # per facet; the rest folds into "show more"


def can_see_members_content(request: HttpRequest) -> bool:
    """Members-only questions are visible to staff until municipal verification exists."""
    return bool(request.user.is_authenticated and request.user.is_staff)


def search_page(request: HttpRequest) -> HttpResponse:
    context: dict = {"query_text": (request.GET.get("q") or "")[: params.MAX_QUERY_LENGTH]}
    try:
        query = params.parse(request.GET, include_members=can_see_members_content(request), log=True)
    except params.InvalidParameter as error:
        context["error"] = error
        return render(request, "search/search.html", context, status=400)
    results = service.search(query)
    if query.page > results.pages and results.total:
        context["error"] = params.InvalidParameter("page", str(_("this page does not exist")))
        return render(request, "search/search.html", context, status=404)
    facets = []
    for field in FILTER_FIELDS:
        values = [v for v in results.facets.get(field, []) if v.count or v.selected]
        if values:
            facets.append(
                {
                    "field": field,
                    "title": FACET_TITLES[field],
                    "visible": values[:VISIBLE_VALUES],
                    "more": values[VISIBLE_VALUES:],
                    "more_selected": any(v.selected for v in values[VISIBLE_VALUES:]),
                }
            )
    context.update(
        query=query,
        results=results,
        facets=facets,
        pages=page_links(request, query.page, results.pages),
        selected=[(field, value) for field, values in query.filters for value in values],
    )
    return render(request, "search/search.html", context)


def page_links(request: HttpRequest, current: int, total: int) -> list[dict]:
    """Links to nearby result pages, keeping the query and filters."""

    def url(number: int) -> str:
        query = request.GET.copy()
        query["page"] = str(number)
        return "?" + query.urlencode()

    numbers = sorted({1, total, *range(max(1, current - 2), min(total, current + 2) + 1)})
    links, previous = [], 0
    for number in numbers:
        if number - previous > 1:
            links.append({"gap": True})
        links.append({"number": number, "url": url(number), "current": number == current})
        previous = number
    return links if total > 1 else []
