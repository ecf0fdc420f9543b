"""Search's part of the JSON API: GET /api/v1/search and /api/v1/suggest (mounted by pgbplatform.api)."""

import datetime
from typing import Annotated, Literal

from django.http import HttpRequest
from django.utils import translation
from ninja import Query, Router, Schema, Status
from pydantic import AfterValidator, BaseModel, Field

from search import params, service
from search.types import MAX_PAGE_SIZE, SORTS

router = Router(tags=["search"])


# Responses are plain pydantic models: they validate the dicts the views build (ninja's Schema resolves
# every field through a Django-aware getter, which cost 15 % of a search at 10,000 items).


class Error(BaseModel):
    """A refused request: which parameter, and what is wrong with it."""

    error: str = Field(description="What is wrong, in English, e.g. “has no value ‘bogus’”.")
    parameter: str = Field(description="The name of the refused query parameter.")


class Municipality(BaseModel):
    code: str
    name: str


class Result(BaseModel):
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
    page_url: str = Field("", description="The PDF the best passage is on, opened at that page (#page=N).")
    missing: list[str] = Field(
        description="The concepts of the query (words as typed) this result does not match; "
        "empty when it matches them all."
    )


class FacetValue(BaseModel):
    value: str
    label: str
    count: int
    selected: bool


class SearchResponse(BaseModel):
    query: str
    total: int = Field(description="How many results there are, those matching every concept first.")
    complete: int = Field(description="How many of the results match every concept of the query.")
    unmatched: list[str] = Field(
        description="The concepts of the query (words as typed) that match nothing at all."
    )
    page: int
    page_size: int
    backend: str
    degraded: bool
    suggestion: str | None
    results: list[Result]
    facets: dict[str, list[FacetValue]]


def _exact(value: str) -> str:
    """The search page forgives spaces around a filter value; an API client is told."""
    if value != value.strip():
        raise ValueError("must not begin or end with a space")
    return value


def _values(description: str, *, taxonomy: str = "", pattern: str | None = None):
    """A filter: a repeated parameter (`?law=wmo&law=jeugdwet`). `taxonomy` names the values that exist;
    pgbplatform.api lists them as the items' `enum` whenever the OpenAPI document is served."""
    value = Annotated[
        str,
        Field(min_length=1, max_length=params.MAX_VALUE_LENGTH, pattern=pattern),
        AfterValidator(_exact),
    ]
    extra = {"x-taxonomy": taxonomy} if taxonomy else None
    return Annotated[
        list[value], Field(max_length=params.MAX_VALUES, description=description, json_schema_extra=extra)
    ]


QueryText = Annotated[str, Field(max_length=params.MAX_QUERY_LENGTH, pattern=params.QUERY_PATTERN)]


class SearchParams(Schema):
    """Every limit here is one of search.params, which enforces it on the search page too."""

    q: QueryText = Field("", description="Free text; empty lists everything.")
    type: _values("Kind of content.", taxonomy="type") = []
    theme: _values("Theme (slug).", taxonomy="theme") = []
    law: _values("Law (slug).", taxonomy="law") = []
    municipality: _values(
        "Gemeente (CBS code).", taxonomy="municipality", pattern=params.MUNICIPALITY_PATTERN
    ) = []
    province: _values("Province of the gemeenten an item is about.", taxonomy="province") = []
    year: _values("Year of publication (1900-2100).", pattern=params.YEAR_PATTERN) = []
    sort: Literal[SORTS] = Field("relevance", description="Relevance (with a mild recency boost) or newest.")
    page: int = Field(
        1,
        ge=1,
        le=params.MAX_API_PAGE,
        description=f"Result page, at most {params.MAX_API_PAGE} whatever the page size (at page_size "
        f"{MAX_PAGE_SIZE} that is {params.MAX_API_PAGE * MAX_PAGE_SIZE} results deep); "
        "a page past the last result has none.",
    )
    page_size: int = Field(params.DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Results per page.")


class Suggestion(BaseModel):
    title: str
    url: str = Field(description="The item's absolute address, as in search results.")
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
        "complete": results.complete,
        "unmatched": list(results.unmatched),
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
                "page_url": request.build_absolute_uri(hit.page_url) if hit.page_url else "",
                "missing": list(hit.missing),
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
def suggest(
    request: HttpRequest,
    q: str = Query(
        "",
        max_length=params.MAX_QUERY_LENGTH,
        pattern=params.QUERY_PATTERN,
        description="What has been typed so far.",
    ),
):
    """Up to eight titles matching what has been typed so far (the last word may be incomplete)."""
    return [
        {"title": s.title, "url": request.build_absolute_uri(s.url), "type": s.type}
        for s in service.suggest(q, audience=request.audience)
    ]
