"""`pgb bench import`: import throughput and peak memory on a fresh SQLite and PostgreSQL database.

Each measurement runs in a child process with its own empty database, so the figures include
nothing but migrate (untimed) and the import itself (timed).
"""

import json
import sys
import tempfile
from pathlib import Path

from benchmarks.child import run_child
from benchmarks.corpus import generate_items


def write_corpus(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for item in generate_items(n):
            handle.write(json.dumps(item, ensure_ascii=False) + "\n")


def child(jsonl: str) -> None:
    """Runs inside the child: migrate quietly, then time the import and report peak memory."""
    import resource
    import time

    import django

    django.setup()
    from django.core.management import call_command

    from cms.exchange.importer import import_file

    call_command("migrate", verbosity=0)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    report = import_file(Path(jsonl))
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "items": report.total,
                "created": report.created,
                "seconds": seconds,
                "rss_before_mb": before / 1024,
                "rss_peak_mb": peak / 1024,
                "errors": len(report.errors),
            }
        )
    )


def measure(engine: str, n: int, workdir: Path) -> dict:
    jsonl = workdir / f"corpus-{n}.jsonl"
    if not jsonl.exists():
        write_corpus(jsonl, n)
    return run_child(
        "benchmarks.import_bench", [str(jsonl)], engine=engine, workdir=workdir, label=f"import-{n}"
    )


def run(*, items: int, databases: list[str], write) -> None:
    sizes = sorted({min(500, items), items})
    with tempfile.TemporaryDirectory(prefix="pgb-bench-") as tmp:
        workdir = Path(tmp)
        write(
            f"Import benchmark: synthetic Dutch corpus without attachments ({', '.join(map(str, sizes))} items)"
        )
        write(
            f"{'database':<10} {'items':>6} {'seconds':>8} {'items/s':>8} {'peak RSS MB':>12} {'RSS growth MB':>14}"
        )
        for engine in databases:
            for n in sizes:
                r = measure(engine, n, workdir)
                if r["errors"] or r["created"] != n:
                    raise RuntimeError(f"{engine}: {r['errors']} errors, {r['created']} of {n} created")
                write(
                    f"{engine:<10} {n:>6} {r['seconds']:>8.2f} {n / r['seconds']:>8.0f} "
                    f"{r['rss_peak_mb']:>12.0f} {r['rss_peak_mb'] - r['rss_before_mb']:>14.1f}"
                )


if __name__ == "__main__":
    child(sys.argv[1])
