"""Production logs are one JSON object a line, each carrying the id of the request it belongs to, which
the response hands back (and which the proxy may give)."""

import io
import json
import logging

from django.http import HttpResponse
from django.test import RequestFactory

from pgbplatform.logs import RequestIdMiddleware


def logging_view(request):
    logging.getLogger("pgb.test").warning("budgetplan %s", "gelezen")
    return HttpResponse("ok")


def test_a_log_line_is_json_with_the_request_id_the_response_returns():
    console = next(h for h in logging.getLogger().handlers if getattr(h, "name", "") == "console")
    written = io.StringIO()
    stream = console.setStream(written)  # the configured handler, formatter and filter; only read here
    try:
        response = RequestIdMiddleware(logging_view)(RequestFactory().get("/zoeken/"))
    finally:
        console.setStream(stream)
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32
    line = [json.loads(text) for text in written.getvalue().splitlines() if "budgetplan" in text][-1]
    assert line["message"] == "budgetplan gelezen" and line["level"] == "WARNING"
    assert line["logger"] == "pgb.test" and line["request_id"] == request_id and line["time"]


def test_the_proxys_request_id_is_kept_and_anything_odd_replaced(client):
    kept = RequestIdMiddleware(logging_view)(RequestFactory().get("/", HTTP_X_REQUEST_ID="req-7f3a9c2e41"))
    assert kept["X-Request-ID"] == "req-7f3a9c2e41"
    for odd in ("kort", "a" * 65, "x\r\nSet-Cookie: y=1", "<script>"):
        response = RequestIdMiddleware(logging_view)(RequestFactory().get("/", HTTP_X_REQUEST_ID=odd))
        assert response["X-Request-ID"] != odd and len(response["X-Request-ID"]) == 32
    assert len(client.get("/healthz")["X-Request-ID"]) == 32  # every response of the site
