"""One way to page through lists: the `pagina` parameter, a page size from settings, nearby page links."""

from django.conf import settings
from django.core.paginator import Page, Paginator

PAGE_PARAMETER = "pagina"  # every listing and the search page; the JSON API says `page`


def paginate(request, items) -> Page:
    """The page of `items` the request asks for (a bad or too high number gives the nearest page)."""
    return Paginator(items, settings.PGB_PAGE_SIZE).get_page(request.GET.get(PAGE_PARAMETER))


def page_links(query, number: int, pages: int) -> list[dict]:
    """Links to the first, last and nearby pages, keeping the rest of the query string (`query`: a
    QueryDict); gaps between them are marked. Nothing for a single page."""
    if pages <= 1:
        return []

    def url(page: int) -> str:
        params = query.copy()
        params[PAGE_PARAMETER] = str(page)
        return "?" + params.urlencode()

    numbers = sorted({1, pages, *range(max(1, number - 2), min(pages, number + 2) + 1)})
    links, previous = [], 0
    for page in numbers:
        if page - previous > 1:
            links.append({"gap": True})
        links.append({"number": page, "url": url(page), "current": page == number})
        previous = page
    return links
