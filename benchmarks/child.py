"""Runs a benchmark's measuring part in a child process with a fresh, throw-away database.

A child per measurement keeps the figures clean: its own empty database (a SQLite file in `workdir`, or
a PostgreSQL database created for it and dropped afterwards), its own process memory, and nothing of the
parent's caches. The child prints one JSON line last; that is what `run_child` returns.
"""

import json
import os
import subprocess  # nosec B404 # subprocess runs fixed tools with argument lists (see the calls)
import sys
import uuid
from pathlib import Path

PG_ADMIN_URL = os.environ.get("PGB_BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def pg_database(name: str, action: str) -> None:
    """CREATE or DROP a PostgreSQL database on the benchmark server."""
    import psycopg

    with psycopg.connect(PG_ADMIN_URL.replace("postgres://", "postgresql://"), autocommit=True) as conn:
        conn.execute(f'{action} DATABASE "{name}"' + (" WITH (FORCE)" if action == "DROP" else ""))


def run_child(module: str, args: list[str], *, engine: str, workdir: Path, label: str, env=None) -> dict:
    """`python -m module args` on a fresh database of `engine` ("sqlite" or "postgres"); its last JSON line."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "pgbplatform.settings",
        "SECRET_KEY": "bench-only",  # nosec B105 # a throwaway key for benchmark databases made and dropped by the run
        "PGB_VAR_DIR": str(workdir / f"var-{engine}-{label}"),
        "PGB_LOG_LEVEL": "WARNING",
        "DEBUG": "0",  # as in production: no query log growing with every statement
        **(env or {}),
    }
    database = None
    if engine == "postgres":
        database = f"pgb_bench_{uuid.uuid4().hex[:8]}"
        pg_database(database, "CREATE")
        environment["DATABASE_URL"] = PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + database
    else:
        environment["DATABASE_URL"] = f"sqlite:///{workdir / f'bench-{label}.sqlite3'}"
    try:
        result = subprocess.run(  # nosec B603 # a fixed program and an argument list, no shell; the paths are our own files
            [sys.executable, "-m", module, *args],
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        if database:
            pg_database(database, "DROP")
    if result.returncode != 0:
        raise RuntimeError(f"{module} child failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])
