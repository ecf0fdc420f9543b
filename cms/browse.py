"""Browse pages as searches with a fixed filter: theme, law and gemeente pages and the listings of the
content types (other apps use it for theirs: the forum's question list).

A browse page is the search page narrowed beforehand. The visitor adds words, the search page's filters
(values of one filter OR-ed, filters AND-ed) and its sort; results, totals and facet counts come from
the search service for the visitor's audience, so nothing a visitor may not read is listed or counted.
Parameters are checked by the search page's own rules, with the same Dutch messages
(`search.service.parse_request`).
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from cms import content_types
from cms.pagination import PAGE_PARAMETER
from search import service
from search.types import (
    FILTER_FIELDS,
    PUBLIC,
    FacetValue,
    SearchRequest,
    SearchResults,
)

Filters = tuple[tuple[str, tuple[str, ...]], ...]

NEARBY = "province"  # the parameter of "in de buurt" on a gemeente's page: its province


@dataclass(frozen=True)
class Scope:
    """What a browse page lists before the visitor narrows it, and how the visitor may narrow it."""

    filters: Filters  # always applied
    choices: tuple[str, ...]  # the search page's filters the visitor may add here
    label: str  # of the search box: "Zoeken in Tarieven"
    # A gemeente's province: offered as "in de buurt", and listed when the gemeente has nothing itself.
    nearby: str = ""


def scope(field: str, value: str, *, label: str) -> Scope:
    """Everything with `field` = `value` (a theme, a law, a content type), narrowed by any other filter."""
    return Scope(
        filters=((field, (value,)),), choices=tuple(f for f in FILTER_FIELDS if f != field), label=label
    )


def municipality_scope(municipality, *, label: str) -> Scope:
    """What a gemeente shared; instead of gemeente and province filters it offers its province."""
    return Scope(
        filters=(("municipality", (municipality.code,)),),
        choices=("type", "theme", "law", "year"),
        label=label,
        nearby=municipality.province,
    )


class InvalidParameter(Exception):
    """A parameter that cannot be used; `message` (Dutch) completes "“<name>” …"."""

    def __init__(self, parameter: str, message: str):
        super().__init__(parameter, message)
        self.parameter = parameter
        self.message = message

    @property
    def name(self) -> str:
        return service.parameter_name(self.parameter)


@dataclass(frozen=True)
class Asked:
    """What the visitor asked of a browse page, checked."""

    text: str
    chosen: Filters  # the visitor's filters (not the page's own)
    sort: str
    page: int
    nearby: bool  # a gemeente's page widened to its province


def parse(params, scope: Scope) -> Asked:
    """The visitor's words, filters, sort and page (a QueryDict); raises InvalidParameter.

    Filters this page does not offer (its own among them) are ignored, as the search page ignores
    parameters it does not know. Without words the newest come first, with words the most relevant.
    """
    params = params.copy()
    params.pop("page_size", None)  # a browse page has the site's page size
    try:  # the search page's rules and messages (search.params)
        checked = service.parse_request(
            params, page_parameter=PAGE_PARAMETER, default_page_size=settings.PGB_PAGE_SIZE
        )
    except service.InvalidParameter as error:
        raise InvalidParameter(error.parameter, error.message) from None
    text = checked.text
    chosen = tuple((field, checked.selected(field)) for field in scope.choices if checked.selected(field))
    nearby = False
    if scope.nearby:
        asked = checked.selected(NEARBY)
        if asked and asked != (scope.nearby,):
            other = next(v for v in asked if v != scope.nearby)
            raise InvalidParameter(NEARBY, _("has no value “%(value)s”") % {"value": other})
        nearby = bool(asked)
    sort = params.get("sort") or ("relevance" if text else "newest")
    page = checked.page
    return Asked(text=text, chosen=chosen, sort=sort, page=page, nearby=nearby)


@dataclass
class Listing:
    """A browse page's part below its heading: `status` 200, 400 (a parameter cannot be used) or 404
    (a page beyond the last); `context["browse"]` for cms/includes/browse.html."""

    status: int
    context: dict


def run(request: HttpRequest, scope: Scope) -> Listing:
    """Search `scope` as the visitor narrowed it, for the visitor's audience."""
    view = {"scope": scope, "text": (request.GET.get("q") or "")[: service.MAX_QUERY_LENGTH]}
    try:
        asked = parse(request.GET, scope)
    except InvalidParameter as error:
        view.update(error=error)
        return Listing(status=400, context={"browse": view})
    audience = getattr(request, "audience", PUBLIC)  # set by accounts' middleware on every request
    filters, own_empty = scope.filters, False
    if scope.nearby:
        own_empty = not _count(filters, audience=audience)
        if asked.nearby or own_empty:
            filters = ((NEARBY, (scope.nearby,)),)
    results = service.search(
        SearchRequest(
            text=asked.text,
            filters=filters + asked.chosen,
            sort=asked.sort,
            page=asked.page,
            page_size=settings.PGB_PAGE_SIZE,
            audience=audience,
        )
    )
    if asked.page > results.pages and results.total:
        query = request.GET.copy()
        query[PAGE_PARAMETER] = str(results.pages)
        view.update(page_missing=True, last_page=results.pages, last_page_url=f"?{query.urlencode()}")
        return Listing(status=404, context={"browse": view})
    facets = service.facet_groups(results, scope.choices)
    if scope.nearby and not own_empty:
        facets.insert(0, _nearby(scope, asked, results, audience=audience))
    view.update(
        asked=asked,
        request=results.request,
        results=results,
        facets=facets,
        own_empty=own_empty,
        selected=_selected(results, asked, facets),
        rows=[{"hit": hit, "details": details} for hit, details in _details(results, audience)],
    )
    return Listing(status=200, context={"browse": view})


def _count(filters: Filters, *, audience, text: str = "", chosen: Filters = ()) -> int:
    request = SearchRequest(text=text, filters=filters + chosen, page_size=1, audience=audience, facets=False)
    return service.search(request).total


def _nearby(scope: Scope, asked: Asked, results: SearchResults, *, audience) -> dict:
    """The "in de buurt" filter: the gemeente's whole province, counted with the visitor's words and filters."""
    if asked.nearby:
        count = results.total
    else:
        count = _count(((NEARBY, (scope.nearby,)),), audience=audience, text=asked.text, chosen=asked.chosen)
    label = _("All gemeenten in %(province)s") % {"province": scope.nearby}
    value = FacetValue(value=scope.nearby, label=label, count=count, selected=asked.nearby)
    return service.facet_group(NEARBY, _("Nearby"), [value])


def _selected(results: SearchResults, asked: Asked, facets: list[dict]) -> list[dict]:
    """The visitor's filters as removable tags, {field, value, label}; "in de buurt" while it is offered."""
    labels = {(field, v.value): v.label for field, values in results.facets.items() for v in values}
    labels.update({(g["field"], v.value): v.label for g in facets for v in g["visible"] + g["more"]})
    chosen = list(asked.chosen)
    if asked.nearby and any(g["field"] == NEARBY for g in facets):
        chosen.append((NEARBY, results.request.selected(NEARBY)))
    return [
        {"field": field, "value": value, "label": labels.get((field, value), value)}
        for field, values in chosen
        for value in values
    ]


def _details(results: SearchResults, audience):
    """Each hit with what its content type adds to its card (a question: answers, badges), if anything."""
    by_type: dict[str, list[str]] = {}
    for hit in results.hits:
        by_type.setdefault(hit.type, []).append(hit.id)
    details: dict[str, dict] = {}
    for key, ids in by_type.items():
        content_type = content_types.get(key)
        if content_type is not None and content_type.card_details is not None:
            details.update(content_type.card_details(ids, audience))
    return [(hit, details.get(hit.id)) for hit in results.hits]
