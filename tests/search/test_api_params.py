"""Every limit of the search API is enforced (400 naming the parameter) and declared in its OpenAPI document,
with the values of search.params, so a client reading the document is never refused a request it allows."""

import pytest

from cms import content_types
from cms.models import Law, Municipality, Theme
from search import params
from search.types import FILTER_FIELDS, MAX_PAGE_SIZE, MAX_RESULTS_PAGED, SORTS

pytestmark = pytest.mark.django_db

SEARCH, SUGGEST = "/api/v1/search", "/api/v1/suggest"
EXISTING = {
    "type": "case",
    "theme": "tarieven",
    "law": "wmo",
    "municipality": "GM0363",
    "province": "Groningen",
    "year": "2024",
}


def refused(client, path, query) -> str:
    """The parameter a 400 names, after checking the body is the declared Error."""
    response = client.get(path, query)
    assert response.status_code == 400, (query, response.content)
    body = response.json()
    assert set(body) == {"error", "parameter"} and body["error"], body
    return body["parameter"]


def accepted(client, path, query) -> dict | list:
    response = client.get(path, query)
    assert response.status_code == 200, (query, response.content)
    return response.json()


@pytest.fixture
def document(client):
    return client.get("/api/v1/openapi.json").json()


def parameter(document, path, name) -> dict:
    (found,) = [p for p in document["paths"][path]["get"]["parameters"] if p["name"] == name]
    return found


@pytest.mark.parametrize("path", [SEARCH, SUGGEST])
def test_search_text_is_at_most_200_characters_without_nul(client, document, path):
    accepted(client, path, {"q": "a" * params.MAX_QUERY_LENGTH})
    assert refused(client, path, {"q": "a" * (params.MAX_QUERY_LENGTH + 1)}) == "q"
    assert refused(client, path, {"q": "pgb\x00"}) == "q"
    schema = parameter(document, path, "q")["schema"]
    assert schema["maxLength"] == params.MAX_QUERY_LENGTH == 200
    assert schema["pattern"] == params.QUERY_PATTERN


@pytest.mark.parametrize("field", FILTER_FIELDS)
def test_a_filter_takes_at_most_50_values_of_at_most_100_characters(client, document, field):
    value = EXISTING[field]
    accepted(client, SEARCH, {field: [value] * params.MAX_VALUES})
    assert refused(client, SEARCH, {field: [value] * (params.MAX_VALUES + 1)}) == field
    assert refused(client, SEARCH, {field: [value, "x" * (params.MAX_VALUE_LENGTH + 1)]}) == field
    assert refused(client, SEARCH, {field: [value, ""]}) == field
    assert refused(client, SEARCH, {field: f" {value}"}) == field  # the enum holds the value as it is
    declared = parameter(document, SEARCH, field)
    assert declared["style"] == "form" and declared["explode"] is True  # ?law=wmo&law=jeugdwet
    assert declared["schema"]["maxItems"] == params.MAX_VALUES == 50
    assert declared["schema"]["items"]["maxLength"] == params.MAX_VALUE_LENGTH == 100
    assert declared["schema"]["items"]["minLength"] == 1


@pytest.mark.parametrize("year", ["1900", "2024", "2100"])
def test_a_year_from_1900_to_2100_is_accepted(client, year):
    accepted(client, SEARCH, {"year": year})


@pytest.mark.parametrize("year", ["1899", "2101", "20x4", "024", "²⁰²⁴", "٢٠٢٤", "2024\n"])
def test_anything_else_is_not_a_year(client, document, year):
    assert refused(client, SEARCH, {"year": ["2024", year]}) == "year"
    assert parameter(document, SEARCH, "year")["schema"]["items"]["pattern"] == params.YEAR_PATTERN


def test_superscript_digits_get_the_search_page_error_not_a_crash(client):
    response = client.get("/zoeken/", {"year": "²⁰²⁴"})
    assert response.status_code == 400 and "Jaar" in response.content.decode()


@pytest.mark.parametrize("code", ["GM036", "gm0363", "0363", "GM٠٣٦٣", "GM9999"])
def test_a_gemeente_is_the_cbs_code_of_one_that_exists(client, document, code):
    accepted(client, SEARCH, {"municipality": "GM0363"})
    assert refused(client, SEARCH, {"municipality": code}) == "municipality"
    items = parameter(document, SEARCH, "municipality")["schema"]["items"]
    assert items["pattern"] == params.MUNICIPALITY_PATTERN
    assert "GM0363" in items["enum"] and code not in items["enum"]


def test_the_document_offers_exactly_the_taxonomy_values_that_exist(document):
    enums = {
        field: parameter(document, SEARCH, field)["schema"]["items"].get("enum") for field in FILTER_FIELDS
    }
    assert enums == {
        "type": sorted(content_types.keys()),
        "theme": sorted(Theme.objects.values_list("slug", flat=True)),
        "law": sorted(Law.objects.values_list("slug", flat=True)),
        "municipality": sorted(Municipality.objects.values_list("code", flat=True)),
        "province": sorted(set(Municipality.objects.values_list("province", flat=True))),
        "year": None,  # the pattern decides
    }
    assert {"case", "video", "question"} <= set(enums["type"]) and "wmo" in enums["law"]


@pytest.mark.parametrize("field", ["type", "theme", "law", "municipality", "province"])
def test_every_value_the_document_offers_is_accepted_and_no_other(client, document, field):
    offered = parameter(document, SEARCH, field)["schema"]["items"]["enum"]
    for start in range(0, len(offered), params.MAX_VALUES):  # 342 gemeenten in 7 requests
        accepted(client, SEARCH, {field: offered[start : start + params.MAX_VALUES]})
    assert refused(client, SEARCH, {field: [offered[0], "bestaat-niet"]}) == field


def test_a_new_theme_is_offered_as_soon_as_it_exists(client):
    Theme.objects.create(slug="nieuw-thema", name="Nieuw thema")
    document = client.get("/api/v1/openapi.json").json()
    assert "nieuw-thema" in parameter(document, SEARCH, "theme")["schema"]["items"]["enum"]
    accepted(client, SEARCH, {"theme": "nieuw-thema"})


def test_sort_is_one_of_the_sort_orders(client, document):
    for sort in SORTS:
        accepted(client, SEARCH, {"sort": sort})
    assert refused(client, SEARCH, {"sort": "oldest"}) == "sort"
    assert parameter(document, SEARCH, "sort")["schema"]["enum"] == list(SORTS) == ["relevance", "newest"]


def test_page_size_is_from_1_to_50(client, document):
    assert accepted(client, SEARCH, {"page_size": 1})["page_size"] == 1
    assert accepted(client, SEARCH, {"page_size": MAX_PAGE_SIZE})["page_size"] == 50
    for bad in ("0", str(MAX_PAGE_SIZE + 1), "x", ""):
        assert refused(client, SEARCH, {"page_size": bad}) == "page_size"
    schema = parameter(document, SEARCH, "page_size")["schema"]
    assert (schema["minimum"], schema["maximum"], schema["default"]) == (
        1,
        MAX_PAGE_SIZE,
        params.DEFAULT_PAGE_SIZE,
    )


def test_every_page_the_document_allows_exists_whatever_the_page_size(client, document):
    """The deepest page at the largest page size is within the paging depth, so no combination of page
    and page_size the document allows is refused; a page past the last result is empty, not an error."""
    assert params.MAX_API_PAGE * MAX_PAGE_SIZE <= MAX_RESULTS_PAGED
    deepest = accepted(client, SEARCH, {"page": params.MAX_API_PAGE, "page_size": MAX_PAGE_SIZE})
    assert deepest["page"] == params.MAX_API_PAGE and deepest["results"] == []
    for bad in ("0", str(params.MAX_API_PAGE + 1), "x", "1.5"):
        assert refused(client, SEARCH, {"page": bad}) == "page"
    schema = parameter(document, SEARCH, "page")["schema"]
    assert (schema["minimum"], schema["maximum"]) == (1, params.MAX_API_PAGE)


@pytest.mark.parametrize("path", [SEARCH, SUGGEST])
def test_a_refusal_is_declared_with_its_shape(document, path):
    responses = document["paths"][path]["get"]["responses"]
    assert set(responses) == {"200", "400"}
    assert responses["400"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}
    error = document["components"]["schemas"]["Error"]
    assert set(error["required"]) == {"error", "parameter"}
    assert {name: field["type"] for name, field in error["properties"].items()} == {
        "error": "string",
        "parameter": "string",
    }


def test_no_internal_marker_reaches_the_document(client):
    assert "x-taxonomy" not in client.get("/api/v1/openapi.json").content.decode()


def test_a_theme_made_a_moment_ago_is_accepted_at_once(client):
    """The OpenAPI document lists a new theme as soon as it exists; the API accepts it as soon, although
    a refused value was asked for just before, also in a process that was not told of the new theme
    (labels keep only values that exist)."""
    assert refused(client, SEARCH, {"theme": "pgb-en-wonen"}) == "theme"
    Theme.objects.bulk_create([Theme(slug="pgb-en-wonen", name="Pgb en wonen")])  # no signal: another process
    found = accepted(client, SEARCH, {"theme": "pgb-en-wonen"})
    assert found["total"] == 0 and [v["label"] for v in found["facets"]["theme"] if v["selected"]] == [
        "Pgb en wonen"
    ]
