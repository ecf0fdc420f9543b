"""Shared fixtures: the shared corpus location and service checks for CI."""

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
IN_CI = os.environ.get("CI", "").lower() == "true"


def pytest_sessionstart(session):
    from django.db import connection

    if IN_CI:
        print(f"\nDatabase under test: {connection.vendor}")


@pytest.fixture
def shared_corpus() -> Path:
    """../shared/corpus: skipped locally when absent, a hard failure in CI."""
    path = SHARED / "corpus"
    if not (path / "pgb-corpus.jsonl").exists():
        if IN_CI:
            pytest.fail("../shared/corpus is missing; CI must run beside shared/.")
        pytest.skip("../shared/corpus is not present")
    return path
