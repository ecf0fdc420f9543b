"""The JSON API at /api/v1/: one NinjaAPI mounting each app's router; OpenAPI at /api/v1/openapi.json."""

from ninja import NinjaAPI
from ninja.errors import ValidationError

from cms import content_types
from cms.models import Law, Municipality, Theme


def taxonomy_values() -> dict[str, list[str]]:
    """Every value each taxonomy filter accepts today, from the tables search's labellers read
    (cms.selectors.*_labels), so the OpenAPI document offers exactly what a search accepts."""
    provinces = Municipality.objects.exclude(province="").values_list("province", flat=True)
    return {
        "type": sorted(content_types.keys()),
        "theme": list(Theme.objects.order_by("slug").values_list("slug", flat=True)),
        "law": list(Law.objects.order_by("slug").values_list("slug", flat=True)),
        "municipality": list(Municipality.objects.order_by("code").values_list("code", flat=True)),
        "province": sorted(set(provinces)),
    }


def _declare_values(node, values: dict[str, list[str]]) -> None:
    """Replace each `x-taxonomy` marker (search.api) by the `enum` of the values that exist."""
    if isinstance(node, list):
        for item in node:
            _declare_values(item, values)
    elif isinstance(node, dict):
        if taxonomy := node.pop("x-taxonomy", None):
            if values[taxonomy]:
                node["items"]["enum"] = values[taxonomy]
            else:  # nothing to filter on yet: any value would be refused
                node["maxItems"] = 0
        for value in node.values():
            _declare_values(value, values)


REFUSED = "A parameter is refused: `parameter` names it, `error` says why (in English)."


class PlatformAPI(NinjaAPI):
    """Ninja's API whose OpenAPI document is completed whenever it is served: taxonomy can change."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        _declare_values(schema, taxonomy_values())
        for path in schema["paths"].values():
            for operation in path.values():
                for parameter in operation.get("parameters", []):
                    if parameter["in"] == "query" and parameter["schema"].get("type") == "array":
                        # ?law=wmo&law=jeugdwet: how ninja reads a list (OpenAPI's default, said aloud)
                        parameter.update(style="form", explode=True)
                if refusal := operation["responses"].get(400):
                    refusal["description"] = REFUSED
        return schema


api = PlatformAPI(
    title="Informatieplatform pgb",
    version="1",
    description="Search the public knowledge of the Informatieplatform pgb.",
    docs_url=None,  # the interactive docs load scripts from a CDN; the OpenAPI document is enough
    urls_namespace="api",
)
api.add_router("/", "search.api.router")


@api.exception_handler(ValidationError)
def invalid_request(request, exc: ValidationError):
    """A parameter of the wrong shape: 400 naming it, never a 500."""
    first = exc.errors[0] if exc.errors else {}
    # ("query", "type", 0) for the first value of ?type=…: the name is the last string after the source
    names = [part for part in (first.get("loc") or [])[1:] if isinstance(part, str)]
    return api.create_response(
        request,
        {"error": first.get("msg", "invalid request"), "parameter": names[-1] if names else "request"},
        status=400,
    )
