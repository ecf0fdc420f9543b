"""Turning request parameters (the search page's and the API's) into a validated SearchRequest."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from search import labels
from search.types import (
    FILTER_FIELDS,
    MAX_PAGE_SIZE,
    MAX_RESULTS_PAGED,
    PUBLIC,
    SORTS,
    Audience,
    SearchRequest,
)

# The limits below are enforced here and declared in the API's OpenAPI document (search.api), so the
# document promises exactly what is refused. Patterns are written so ECMA 262, Python and Rust (pydantic)
# regexes read them alike: ASCII digits spelled out, not \d.
MAX_QUERY_LENGTH = 200
QUERY_PATTERN = r"^[^\x00]*$"  # no NUL, which PostgreSQL cannot store
MAX_VALUES = 50  # per filter
MAX_VALUE_LENGTH = 100
YEAR_PATTERN = r"^(19[0-9]{2}|20[0-9]{2}|2100)$"  # 1900-2100
MUNICIPALITY_PATTERN = r"^GM[0-9]{4}$"  # a CBS code
# The API's deepest page: at the largest page size it is the paging depth, so no page and page size the
# API accepts go deeper (the search page, with its own error page, pages as deep as each page size can).
MAX_API_PAGE = MAX_RESULTS_PAGED // MAX_PAGE_SIZE
DEFAULT_PAGE_SIZE = 10

FACET_TITLES = {
    "type": _("Kind of content"),
    "theme": _("Theme"),
    "law": _("Law"),
    "municipality": _("Gemeente"),
    "province": _("Province"),
    "year": _("Year"),
}
# How pages name a parameter in an error message (the API names the parameter itself).
PARAMETER_NAMES = {
    **FACET_TITLES,
    "q": _("Search words"),
    "sort": _("Sort order"),
    "page_size": _("Results per page"),
    "pagina": _("Page"),
}


@dataclass
class InvalidParameter(Exception):
    """A parameter that cannot be used; `message` is shown to visitors (Dutch) and API clients."""

    parameter: str
    message: str

    def __str__(self) -> str:
        return f"{self.parameter}: {self.message}"


VISIBLE_VALUES = 8  # per facet on a page; the rest folds into "show more"


def facet_group(field: str, title, values: list) -> dict:
    """One filter's checkbox group on a page (search/includes/facet_group.html)."""
    return {
        "field": field,
        "title": title,
        "visible": values[:VISIBLE_VALUES],
        "more": values[VISIBLE_VALUES:],
        "more_selected": any(v.selected for v in values[VISIBLE_VALUES:]),
    }


def facet_groups(results, fields) -> list[dict]:
    """The groups of `fields` for a page showing `results`: values with results, or chosen ones."""
    groups = []
    for field in fields:
        values = [v for v in results.facets.get(field, []) if v.count or v.selected]
        if values:
            groups.append(facet_group(field, FACET_TITLES[field], values))
    return groups


def parameter_name(parameter: str) -> str:
    """The Dutch name of a parameter, for a visitor's error message ("Wet" for `law`)."""
    return str(PARAMETER_NAMES.get(parameter, parameter))


def _int(params, name: str, default: int, low: int, high: int) -> int:
    raw = params.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise InvalidParameter(name, str(_("must be a whole number"))) from None
    if not low <= value <= high:
        raise InvalidParameter(
            name, str(_("must be between %(low)s and %(high)s") % {"low": low, "high": high})
        )
    return value


def parse(
    params,
    *,
    audience: Audience = PUBLIC,
    page_parameter: str = "page",
    default_page_size: int = DEFAULT_PAGE_SIZE,
    log: bool = False,
) -> SearchRequest:
    """A SearchRequest from a QueryDict (or a dict of lists); raises InvalidParameter naming the parameter.

    The search page numbers its pages with `pagina` (as every listing does), the API with `page`.
    """
    text = (params.get("q") or "").strip()
    if len(text) > MAX_QUERY_LENGTH:
        raise InvalidParameter("q", str(_("is longer than %(max)s characters") % {"max": MAX_QUERY_LENGTH}))
    if not re.fullmatch(QUERY_PATTERN, text):
        raise InvalidParameter("q", str(_("contains a character that is not allowed")))
    filters = []
    for field in FILTER_FIELDS:
        values = params.getlist(field) if hasattr(params, "getlist") else list(params.get(field) or [])
        values = list(dict.fromkeys(v.strip() for v in values if v and v.strip()))
        if len(values) > MAX_VALUES:
            raise InvalidParameter(field, str(_("has more than %(max)s values") % {"max": MAX_VALUES}))
        if any(len(v) > MAX_VALUE_LENGTH for v in values):
            raise InvalidParameter(field, str(_("has a value that is too long")))
        if field == "year":
            for value in values:
                if not re.fullmatch(YEAR_PATTERN, value):
                    raise InvalidParameter(field, str(_("must be a year such as 2024")))
        if field == "municipality":
            for value in values:
                if not re.fullmatch(MUNICIPALITY_PATTERN, value):
                    raise InvalidParameter(field, str(_("must be a CBS code such as GM0363")))
        if missing := labels.unknown(field, values):
            raise InvalidParameter(field, str(_("has no value “%(value)s”") % {"value": missing[0]}))
        if values:
            filters.append((field, tuple(values)))
    sort = params.get("sort") or "relevance"
    if sort not in SORTS:
        raise InvalidParameter("sort", str(_("must be one of: %(choices)s") % {"choices": ", ".join(SORTS)}))
    page_size = _int(params, "page_size", default_page_size, 1, MAX_PAGE_SIZE)
    deepest = MAX_RESULTS_PAGED // page_size
    page = _int(params, page_parameter, 1, 1, deepest)
    return SearchRequest(
        text=text,
        filters=tuple(filters),
        sort=sort,
        page=page,
        page_size=page_size,
        audience=audience,
        log=log,
    )
