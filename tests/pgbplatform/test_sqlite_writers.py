"""On the embedded SQLite database, concurrent writers wait for each other instead of failing with
"database is locked" (transaction_mode IMMEDIATE and a busy timeout in pgbplatform/settings.py)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="about SQLite's locking; PostgreSQL has row locks",
)


def test_many_concurrent_writers_see_no_error(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(PGB_VAR_DIR=str(tmp_path), DEBUG="1", PGB_SEARCH_BACKEND="database")
    result = subprocess.run(
        [sys.executable, "-m", "tests.pgbplatform.concurrent_writers", "8", "12"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip().splitlines()[-1] == "writes=96 errors=0", result.stderr[-3000:]
