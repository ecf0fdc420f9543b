"""The JSON API keeps the promises of its OpenAPI document: Schemathesis fuzzes it in-process.

Every operation of /api/v1/openapi.json gets valid requests (which must be answered 200 in the declared
shape) and invalid ones (which must be refused with the declared 400), through Django's WSGI handler
on the test database: no server, no network.
"""

from io import StringIO

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.db import close_old_connections
from hypothesis import settings
from schemathesis.config import SchemathesisConfig

pytestmark = pytest.mark.django_db

CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
    "positive_data_acceptance",
    "negative_data_rejection",
    "unsupported_method",  # PUT, DELETE, …: 405 with an Allow header
)
# Per operation and generation mode: enough to hit every declared boundary (the coverage phase
# adds them deterministically), few enough that the whole module takes seconds.
MAX_EXAMPLES = 60
# Half the generated search texts come from here, so searches find, highlight and suggest the mini
# fixture's items (random text rarely matches) and meet the syntax of the engines' query languages.
WORDS = [
    *("pgb", "trekkingsrecht", "trekk", "keukentafelgesprek", "zorgkantoor", "Testdorp", "tarieven"),
    *("budgethouder SVB", "pgb-check", "Wlz-pgb", "zorg*", '"pgb', "pgb OR wmo", "-pgb", "NEAR(pgb)"),
    *("pgb:", "title:pgb", "a & b | !c", "(pgb", "Reële", "CLIËNTONDERSTEUNING", "   pgb   "),
]


@pytest.fixture(autouse=True)
def schemathesis_node_id(request):
    """schemathesis.pytest.from_fixture (4.32) names each operation's result through `Node._nodeid`,
    which pytest 9.2 no longer has; giving it one keeps the report and changes nothing else."""
    if not hasattr(request.node, "_nodeid"):
        request.node._nodeid = request.node.nodeid


@pytest.fixture
def api_schema(imported):
    """The served OpenAPI document, loaded from the app itself over the mini fixture, indexed."""
    call_command("search", "reindex", stdout=StringIO())
    config = SchemathesisConfig.from_dict(
        {
            "generation": {"mode": "all", "max-examples": MAX_EXAMPLES, "database": "none"},
            "phases": {"examples": {"enabled": False}, "stateful": {"enabled": False}},
            "checks": {name: {"enabled": True} for name in CHECKS},
            "dictionaries": {"words": {"values": WORDS}},
            "parameters": {"query.q": {"dictionary": "words", "probability": 0.5}},
        }
    )
    # Requests run on the test's connection, inside its transaction; the end of a request would close
    # it, so this receiver is off meanwhile, as Django's own test client (ClientHandler) keeps it.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler(), config=config)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(deadline=5000)  # ms per request: a slow query is a finding, CI's first query is not
def test_api_answers_as_its_openapi_document_says(case):
    case.call_and_validate(checks=[getattr(schemathesis.checks, name) for name in CHECKS])
