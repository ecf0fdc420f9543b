"""Every page type, with realistic content, is valid HTML (the W3C's Nu HTML Checker: 0 errors) and scores
100 in Lighthouse 12.2.3 for accessibility, best practices and SEO (the search results page excepted for
SEO only: it tells search engines not to index it, as result pages should not be). axe-core runs in
test_accessibility.py. The figures are printed (`pytest -s`) for the release notes."""

import json
import os
import shutil
import subprocess
import urllib.request
from pathlib import Path

import pytest

from benchmarks.screenshots import CHROMIUM
from tests.browser.conftest import _missing
from tests.browser.test_accessibility import ACCOUNT_PAGES_ANONYMOUS, page_paths

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = NODE_MODULES / ".bin" / "lighthouse"
CATEGORIES = ("accessibility", "best-practices", "seo")
NOT_INDEXED = "/zoeken/"  # noindex on purpose: Lighthouse's is-crawlable fails there and nowhere else


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode()
    except urllib.error.HTTPError as error:  # the 404 page is a page type too
        return error.read().decode()


def test_every_page_type_is_valid_html(site, tmp_path):
    if shutil.which("java") is None or not VNU.exists():
        _missing("Java or node_modules/vnu-jar (make install)")
    paths = page_paths() + ACCOUNT_PAGES_ANONYMOUS
    files = []
    for number, path in enumerate(paths):
        file = tmp_path / f"{number:02d}.html"
        file.write_text(fetch(site + path), encoding="utf-8")
        files.append(file)
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [
        f"{paths[int(Path(m['url']).stem)]}: line {m.get('lastLine')}: {m['message']}"
        for m in messages
        if m.get("type") == "error"
    ]
    print(f"\nNu HTML Checker: {len(errors)} errors on {len(paths)} pages")
    assert errors == []


def lighthouse_paths() -> list[str]:
    """One page of each type (Lighthouse refuses to audit a 404; axe and the HTML checker cover it)."""
    seen, chosen = set(), []
    for path in page_paths() + ACCOUNT_PAGES_ANONYMOUS:
        kind = path.split("?")[0]
        if "bestaat-niet" in path or kind in seen or path == "/zoeken/":  # results, not the empty form
            continue
        seen.add(kind)
        chosen.append(path)
    return chosen


@pytest.mark.skipif(
    "postgres" in os.environ.get("DATABASE_URL", ""), reason="runs once, in the SQLite run of the suite"
)
def test_every_page_type_scores_100_in_lighthouse(site, tmp_path):
    if not LIGHTHOUSE.exists():
        _missing("node_modules/.bin/lighthouse (make install)")
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        _missing(f"Chromium ({CHROMIUM})")
    flags = "--headless=new --no-sandbox --disable-gpu --disable-background-networking"
    flags += " --disable-component-update --disable-sync --no-first-run"
    failures, rows = [], []
    for path in lighthouse_paths():
        report = tmp_path / "report.json"
        subprocess.run(
            [
                str(LIGHTHOUSE),
                site + path,
                f"--chrome-path={CHROMIUM}",
                f"--chrome-flags={flags}",
                f"--only-categories={','.join(CATEGORIES)}",
                "--output=json",
                f"--output-path={report}",
                "--quiet",
            ],
            capture_output=True,
            timeout=240,
            check=True,
        )
        result = json.loads(report.read_text())
        scores = {name: result["categories"][name]["score"] for name in CATEGORIES}
        rows.append(f"{path:<55} " + " ".join(f"{name} {scores[name] * 100:.0f}" for name in CATEGORIES))
        failed = sorted(
            name
            for name, audit in result["audits"].items()
            if audit.get("scoreDisplayMode") in ("binary", "numeric")
            and (audit.get("score") or 0) < 1
            and audit.get("score") is not None
        )
        allowed = ["is-crawlable"] if path.startswith(NOT_INDEXED) else []
        if failed != allowed:
            failures.append(f"{path}: {failed}")
    print("\nLighthouse 12.2.3:\n" + "\n".join(rows))
    assert failures == []
