"""`pgb bench load` runs the site as in production (gunicorn, DEBUG off, PostgreSQL) and loads every route
it names; no request fails under 16 clients. The figures themselves are the command's to print."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import IN_CI

ROUTES = ("static file", "home", "case", "video page", "search + facets", "API search", "forum question")


@pytest.mark.skipif(
    "postgres" not in os.environ.get("DATABASE_URL", ""),
    reason="runs once, in the PostgreSQL run of the suite",
)
def test_every_route_answers_under_load_without_an_error():
    if shutil.which("wrk") is None:
        if IN_CI:
            pytest.fail("wrk is missing; .ci/run installs it from Debian's packages.")
        pytest.skip("wrk is not installed")
    environment = {**os.environ, "DEBUG": "1"}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [str(Path(sys.executable).with_name("pgb")), "bench", "load", "--items", "200", "--seconds", "1"],
        capture_output=True,
        text=True,
        env=environment,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    lines = {line[:17].strip(): line[17:].split() for line in result.stdout.splitlines()}
    for route in ROUTES:
        anonymous_rps, anonymous_p95, session_rps, session_p95, errors = lines[route]
        assert float(anonymous_rps) > 0 and float(session_rps) > 0, route
        assert errors == "0", f"{route}: {errors} failed requests"
    assert re.search(r"Slowest cached page: \d+% of the static file's requests/s", result.stdout)
    assert re.search(r"one client alone: [1-9]\d* searches/s, p95 [\d.]+ ms", result.stdout)
