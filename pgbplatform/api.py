"""The JSON API at /api/v1/: one NinjaAPI mounting each app's router; OpenAPI at /api/v1/openapi.json."""

from ninja import NinjaAPI
from ninja.errors import ValidationError

api = NinjaAPI(
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
    location = first.get("loc") or ["request"]
    return api.create_response(
        request, {"error": first.get("msg", "invalid request"), "parameter": str(location[-1])}, status=400
    )
