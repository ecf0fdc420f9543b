"""Browser tests: Playwright driving the system Chromium against pytest-django's live server."""

import os
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

# Playwright's sync API runs an event loop in this thread; Django's async guard would refuse the ORM.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from benchmarks.screenshots import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def _missing(what: str):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{what} is missing; CI must install it (see .ci/run and `make install`).")
    pytest.skip(f"{what} is not installed")


@pytest.fixture(scope="session")
def browser():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        _missing(f"Chromium ({CHROMIUM})")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        _missing("axe-core (node_modules; run `make install`)")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def pristine_database(django_db_setup, django_db_blocker) -> str:
    """The migrated database (taxonomy, site structure, roles) before any browser test wrote to it."""
    from django.db import connections

    with django_db_blocker.unblock():
        _remember_content_types()
        return connections["default"].creation.serialize_db_to_string()


def _remember_content_types() -> None:
    """Fill Django's content type cache from the migrated database.

    Restoring the snapshot builds Wagtail pages, whose __init__ asks for their content type; a cache
    miss there would create the row before the snapshot inserts it (a UNIQUE error on restore).
    """
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.get_for_models(*apps.get_models(), for_concrete_models=False)


@pytest.fixture
def restorable_database(pristine_database):
    """Hand Django's serialized rollback its snapshot on the connection this test will use.

    Playwright's sync API runs an event loop, so Django hands each test a fresh connection object
    (connections are context-local) that lacks the snapshot taken when the test database was made.
    """
    from django.db import connections

    # On the class, so that every connection object this test's contexts get (set-up, live-server
    # requests, teardown's flush) sees it; the flush then also skips post_migrate, as Django intends.
    type(connections["default"])._test_serialized_contents = pristine_database


@pytest.fixture
def site(restorable_database, live_server, transactional_db):
    """The live server with the migrated data and the mini fixture imported; returns its base URL."""
    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "mini.jsonl"
    call_command("import", str(fixture), verbosity=0, stdout=StringIO())
    return live_server.url
