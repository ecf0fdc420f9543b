"""`pgb bench load`: requests/s and p95 per route under concurrent clients, next to a static file.

The site runs as in production: gunicorn with `pgbplatform.gunicorn_conf`, `DEBUG` off, PostgreSQL (a
database made for the run and dropped after it), Redis as the cache when it answers on 127.0.0.1:6379,
the demo content plus synthetic items in the search index up to `--items`. wrk (Debian's package) loads
it from loopback for `--seconds` per route with `--clients` connections. Every route is measured twice:
as an anonymous visitor (pages from the page cache after one warm-up request), and with a session
cookie, which no cached page is served for (what a signed-in reader costs, and search asked anew). The
search and API routes go through a mix of queries with facets, one after the other.

The target of the issue: a cached anonymous page at least half the static file's requests/s; search p95 at
most 100 ms at 10,000 items under 16 clients. On a 2-core machine wrk and gunicorn share the cores. The same
searches are also asked by one client at a time: a search's own cost, without the queue in front of it.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess  # nosec B404 # runs our own pgb, gunicorn and wrk with argument lists
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

from benchmarks.child import PG_ADMIN_URL, pg_database
from benchmarks.search_bench import QUERY_MIX

WRK_SCRIPT = """
local paths = {%(paths)s}
local i = 0
%(headers)s
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests": %%d, "seconds": %%.3f, "failed": %%d, "status": %%d, ' ..
    '"p50": %%.2f, "p95": %%.2f, "p99": %%.2f}\\n', summary.requests, summary.duration / 1e6,
    e.connect + e.read + e.write + e.timeout, e.status, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
"""


def search_paths(prefix: str) -> list[str]:
    """The benchmark's query mix as search page (or API) addresses, with their facets and sort."""
    paths = []
    for text, filters, sort in QUERY_MIX:
        params = [("q", text)] + [(name, value) for name, values in filters for value in values]
        params.append(("sort", sort))
        paths.append(f"{prefix}?{urlencode(params)}")
    return paths


def fill(n: int) -> None:
    """In the server's database: `n` synthetic items in the search index besides the demo's (child)."""
    import django

    django.setup()
    from benchmarks.search_bench import documents
    from search import service

    backend, batch = service.get_backend(), []
    for document in documents(n):
        batch.append(document)
        if len(batch) == 500:
            backend.upsert(batch)
            batch = []
    backend.upsert(batch)
    service.tidy_index()
    service.index_updated.send(sender=None)  # pages cached before show the new items (page cache)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def wrk(url: str, paths: list[str], *, seconds: int, clients: int, cookie: str, workdir: Path) -> dict:
    script = workdir / f"wrk-{secrets.token_hex(4)}.lua"
    headers = f'wrk.headers["Cookie"] = "{cookie}"' if cookie else ""
    script.write_text(WRK_SCRIPT % {"paths": ", ".join(json.dumps(p) for p in paths), "headers": headers})
    result = subprocess.run(  # nosec B603 # wrk with an argument list against our own loopback server
        [
            shutil.which("wrk") or "/usr/bin/wrk",
            f"-t{min(2, clients)}",
            f"-c{clients}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            url,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"wrk failed: {result.stderr[-2000:]}")
    try:
        figures = json.loads(result.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError) as exc:
        raise RuntimeError(
            f"wrk printed no figures: {result.stdout[-2000:]} {result.stderr[-2000:]}"
        ) from exc
    figures["rps"] = figures["requests"] / figures["seconds"]
    return figures


class Site:
    """The site under production settings on a throw-away PostgreSQL database, served by gunicorn."""

    def __init__(self, workdir: Path, *, items: int):
        self.workdir, self.items = workdir, items
        self.database = f"pgb_load_{secrets.token_hex(4)}"
        self.port = free_port()
        self.redis = redis_answers()
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "pgbplatform.settings",
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DATABASE_URL": PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + self.database,
            "PGB_VAR_DIR": str(workdir / "var"),
            "PGB_SSL_REDIRECT": "0",  # loopback has no TLS proxy in front
            "ALLOWED_HOSTS": "127.0.0.1",
            "PGB_LOG_LEVEL": "WARNING",
            "PORT": str(self.port),
        }
        if self.redis:
            self.env["REDIS_URL"] = "redis://127.0.0.1:6379/13"
        else:
            self.env.pop("REDIS_URL", None)
        self.server = None

    def pgb(self, *args: str) -> None:
        pgb = str(Path(sys.executable).with_name("pgb"))
        subprocess.run([pgb, *args], env=self.env, check=True, stdout=subprocess.DEVNULL)  # nosec B603 # our own pgb

    def __enter__(self) -> Site:
        pg_database(self.database, "CREATE")
        try:
            self.pgb("migrate", "--no-input", "-v", "0")
            self.pgb("demo", "--if-empty")
            self.pgb("collectstatic", "--no-input", "-v", "0")
            if self.redis:
                self.pgb("shell", "-c", "from django.core.cache import cache; cache.clear()")
            log = (self.workdir / "gunicorn.log").open("w")
            self.server = subprocess.Popen(  # nosec B603 # gunicorn from our venv, fixed arguments
                [
                    str(Path(sys.executable).with_name("gunicorn")),
                    "-c",
                    "python:pgbplatform.gunicorn_conf",
                    "--bind",
                    f"127.0.0.1:{self.port}",
                    "--access-logfile",
                    "/dev/null",
                    "pgbplatform.wsgi",
                ],
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            self._wait()
        except BaseException:
            self.__exit__()
            raise
        return self

    def fill_index(self) -> None:
        """The synthetic items (after the routes are read off the demo site, whose listings they join)."""
        subprocess.run(  # nosec B603 # our own module, an argument list
            [sys.executable, "-m", "benchmarks.load_bench", str(self.items)], env=self.env, check=True
        )

    def _wait(self) -> None:
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2):  # nosec B310 # our loopback server
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer; see {self.workdir / 'gunicorn.log'}")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.url + path, timeout=10) as response:  # nosec B310 # loopback
            return response.read().decode()

    def __exit__(self, *exc) -> None:
        if self.server is not None:
            self.server.terminate()
            self.server.wait(timeout=30)
        pg_database(self.database, "DROP")


def routes(site: Site) -> list[tuple[str, list[str]]]:
    """(name, paths) for every route measured; addresses read off the demo site itself."""
    import re

    home = site.get("/")
    stylesheet = re.search(r'<link rel="stylesheet" href="(/static/[^"]+\.css)"', home).group(1)
    listing = {name: site.get(path) for name, path in (("case", "/goede-voorbeelden/"), ("video", "/video/"))}

    def first_item(html: str, prefix: str) -> str:
        return re.search(rf'href="({prefix}[a-z0-9-]+/)"', html).group(1)

    forum = re.search(r'href="(/forum/\d+-[a-z0-9-]+/)"', site.get("/forum/")).group(1)
    return [
        ("static file", [stylesheet]),
        ("home", ["/"]),
        ("case", [first_item(listing["case"], "/goede-voorbeelden/")]),
        ("video page", [first_item(listing["video"], "/video/")]),
        ("search + facets", search_paths("/zoeken/")),
        ("API search", search_paths("/api/v1/search")),
        ("forum question", [forum]),
    ]


def run(*, items: int, seconds: int, clients: int, write) -> dict:
    if shutil.which("wrk") is None:
        raise RuntimeError("wrk is not installed (Debian: apt-get install wrk).")
    results = {}
    with (
        tempfile.TemporaryDirectory(prefix="pgb-load-") as tmp,
        Site(Path(tmp), items=items) as site,
    ):
        workdir = Path(tmp)
        cookie = f"{session_cookie_name(site)}=not-a-session"
        write(
            f"Load benchmark: gunicorn ({os.environ.get('GUNICORN_WORKERS', '3')} workers, production settings), "
            f"PostgreSQL, cache {'Redis' if site.redis else 'local memory per worker'}, {items} items in the "
            f"index, wrk {clients} connections, {seconds} s per route"
        )
        write(
            f"{'route':<17} {'anonymous req/s':>15} {'p95 ms':>8} {'session req/s':>14} {'p95 ms':>8} {'errors':>7}"
        )
        measured = routes(site)
        site.fill_index()
        for name, paths in measured:
            for path in paths:  # warm: the page cache, the search statistics
                site.get(path)
            anonymous = wrk(site.url, paths, seconds=seconds, clients=clients, cookie="", workdir=workdir)
            signed = wrk(site.url, paths, seconds=seconds, clients=clients, cookie=cookie, workdir=workdir)
            errors = sum(r["failed"] + r["status"] for r in (anonymous, signed))
            results[name] = {"anonymous": anonymous, "session": signed, "errors": errors}
            write(
                f"{name:<17} {anonymous['rps']:>15.0f} {anonymous['p95']:>8.1f} {signed['rps']:>14.0f} "
                f"{signed['p95']:>8.1f} {errors:>7}"
            )
        # The same searches asked anew by one client at a time: what a search costs without a queue.
        alone = wrk(
            site.url, search_paths("/zoeken/"), seconds=seconds, clients=1, cookie=cookie, workdir=workdir
        )
        results["search alone"] = alone
    static = results["static file"]["anonymous"]["rps"]
    cached = min(
        results[name]["anonymous"]["rps"] for name in ("home", "case", "video page", "forum question")
    )
    search_p95 = results["search + facets"]["session"]["p95"]
    write(
        f"Slowest cached page: {cached / static:.0%} of the static file's requests/s (target ≥ 50 %); "
        f"search p95 asked anew: {search_p95:.1f} ms (target ≤ 100 ms at 10,000 items, {clients} clients); "
        f"one client alone: {alone['rps']:.0f} searches/s, p95 {alone['p95']:.1f} ms"
    )
    return results


def session_cookie_name(site: Site) -> str:
    """The production session cookie's name (`__Host-` under HTTPS settings)."""
    output = subprocess.run(  # nosec B603 # our own pgb, an argument list
        [
            str(Path(sys.executable).with_name("pgb")),
            "shell",
            "--no-imports",
            "-c",
            "from django.conf import settings; print(settings.SESSION_COOKIE_NAME)",
        ],
        env=site.env,
        capture_output=True,
        text=True,
        check=True,
    )
    return output.stdout.strip().splitlines()[-1]


if __name__ == "__main__":
    fill(int(sys.argv[1]))
