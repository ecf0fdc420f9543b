"""The search page (/zoeken/): a GET form that works without JavaScript, facets as checkbox groups."""

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render

from search import params, service
from search.params import FACET_TITLES
from search.types import FILTER_FIELDS

VISIBLE_VALUES = 8  # per facet; the rest folds into "show more"
PAGE_PARAMETER = "pagina"  # as on every listing; the API says `page`


def search_page(request: HttpRequest) -> HttpResponse:
    if "page" in request.GET and PAGE_PARAMETER not in request.GET:  # links from before `pagina`
        query = request.GET.copy()
        query[PAGE_PARAMETER] = query.pop("page")[-1]
        return HttpResponsePermanentRedirect(f"{request.path}?{query.urlencode()}")
    context: dict = {"query_text": (request.GET.get("q") or "")[: params.MAX_QUERY_LENGTH]}
    try:
        search_request = params.parse(
            request.GET, audience=request.audience, page_parameter=PAGE_PARAMETER, log=True
        )
    except params.InvalidParameter as error:
        context.update(error=error, error_name=params.parameter_name(error.parameter))
        return render(request, "search/search.html", context, status=400)
    results = service.search(search_request)
    if search_request.page > results.pages and results.total:
        query = request.GET.copy()
        query[PAGE_PARAMETER] = str(results.pages)
        context.update(page_missing=True, last_page=results.pages, last_page_url=f"?{query.urlencode()}")
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
        query=search_request,
        results=results,
        facets=facets,
        selected=[(field, value) for field, values in search_request.filters for value in values],
    )
    return render(request, "search/search.html", context)
