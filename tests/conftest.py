"""Shared fixtures: a private media folder, the test corpus, and CI's rule that services must exist."""

import os
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = REPO.parent / "shared"
IN_CI = os.environ.get("CI", "").lower() == "true"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path_factory):
    """Uploaded and imported files go to a temporary folder, never to var/media or var/private."""
    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))
    forum = {**settings.STORAGES["forum"], "OPTIONS": {"location": str(tmp_path_factory.mktemp("private"))}}
    settings.STORAGES = {**settings.STORAGES, "forum": forum}


@pytest.fixture(autouse=True)
def fresh_search_labels():
    """Facet labels are cached per process; each test starts without another test's taxonomy names."""
    from search import service

    service.clear_labels()


@pytest.fixture
def mini_path() -> Path:
    return FIXTURES / "mini.jsonl"


@pytest.fixture
def imported(db, mini_path):
    """The mini fixture (every item type) imported through `pgb import`."""
    call_command("import", str(mini_path), verbosity=0, stdout=StringIO())
    return mini_path


@pytest.fixture
def shared_corpus() -> Path:
    """../shared/corpus: skipped locally when absent, a hard failure in CI."""
    path = SHARED / "corpus"
    if not (path / "pgb-corpus.jsonl").exists():
        if IN_CI:
            pytest.fail("../shared/corpus is missing; CI must run beside shared/.")
        pytest.skip("../shared/corpus is not present")
    return path


@pytest.fixture
def staff_user(db):
    """An editor of Per Saldo (the Editors group), with a verified address."""
    from accounts.constants import Role
    from tests.accounts.factories import person

    return person("redactie@example.nl", roles=[Role.EDITOR])


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate-limit counters and used TOTP codes live in the cache; no test inherits another's."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
