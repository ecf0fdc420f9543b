"""The search page (/zoeken/): a GET form that works without JavaScript, facets as checkbox groups."""

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render

from search import params, service
from search.types import FILTER_FIELDS

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
    context.update(
        query=search_request,
        results=results,
        facets=params.facet_groups(results, FILTER_FIELDS),
        selected=[(field, value) for field, values in search_request.filters for value in values],
    )
    return render(request, "search/search.html", context)
