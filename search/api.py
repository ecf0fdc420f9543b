"""Search's part of the JSON API: GET /api/v1/search and /api/v1/suggest (mounted by pgbplatform.api)."""

import datetime

from django.http import HttpRequest
from django.utils import translation
from ninja import Query, Router, Schema, Status

from search import params, service

router = Router(tags=["search"])


class Error(Schema):
    error: str
    parameter: str


class Municipality(Schema):
    code: str
    name: str


class Result(Schema):
    id: str
    type: str
    title: str
    url: str
    summary: str
    highlight: str
    published: datetime.date
    municipalities: list[Municipality]
    laws: list[str]
    themes: list[str]
    timestamp: float | None
    page: int | None


class FacetValue(Schema):
    value: str
    label: str
    count: int
    selected: bool


class SearchResponse(Schema):
    query: str
    total: int
    page: int
    page_size: int
    backend: str
    degraded: bool
    suggestion: str | None
    results: list[Result]
    facets: dict[str, list[FacetValue]]


class SearchParams(Schema):
    q: str = ""
    type: list[str] = []
    theme: list[str] = []
    law: list[str] = []
    municipality: list[str] = []
    province: list[str] = []
    year: list[str] = []
    sort: str = "relevance"
    page: str = "1"
    page_size: str = "10"


class Suggestion(Schema):
    title: str
    url: str
    type: str


def refused(error: params.InvalidParameter) -> Status:
    return Status(400, {"error": error.message, "parameter": error.parameter})


@router.get("/search", response={200: SearchResponse, 400: Error}, summary="Search everything public")
def search(request: HttpRequest, filters: Query[SearchParams]):
    """Free text with filters (several values of one filter are OR-ed, different filters AND-ed),
    facet counts per filter computed without that filter's own selection, highlighted snippets."""
    with translation.override("en"):  # error messages for API clients are English
        try:
            search_request = params.parse(request.GET, audience=request.audience, log=True)
        except params.InvalidParameter as error:
            return refused(error)
    results = service.search(search_request)
    return {
        "query": search_request.text,
        "total": results.total,
        "page": search_request.page,
        "page_size": search_request.page_size,
        "backend": results.backend,
        "degraded": results.degraded,
        "suggestion": results.suggestion,
        "results": [
            {
                "id": hit.id,
                "type": hit.type,
                "title": hit.title,
                "url": request.build_absolute_uri(hit.url),
                "summary": hit.summary,
                "highlight": hit.highlight,
                "published": hit.published,
                "municipalities": [{"code": code, "name": name} for code, name in hit.municipalities],
                "laws": list(hit.laws),
                "themes": list(hit.themes),
                "timestamp": hit.timestamp,
                "page": hit.page,
            }
            for hit in results.hits
        ],
        "facets": {
            field: [
                {"value": v.value, "label": v.label, "count": v.count, "selected": v.selected} for v in values
            ]
            for field, values in results.facets.items()
        },
    }


@router.get("/suggest", response={200: list[Suggestion], 400: Error}, summary="Titles for a search box")
def suggest(request: HttpRequest, q: str = ""):
    """Up to eight titles matching what has been typed so far (the last word may be incomplete)."""
    if len(q) > params.MAX_QUERY_LENGTH:
        return refused(params.InvalidParameter("q", "is too long"))
    return [
        {"title": s.title, "url": s.url, "type": s.type}
        for s in service.suggest(q, audience=request.audience)
    ]
