"""`make screenshots`: render key pages in headless Chromium at desktop and mobile widths.

Usage: python -m benchmarks.screenshots OUTPUT_DIR [--url http://127.0.0.1:8000]
Without --url it starts a development server on a free port against the configured database,
after loading the demo content when the database is empty.
"""

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

CHROMIUM = os.environ.get("PGB_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WIDTHS = {"1280": (1280, 900), "390": (390, 844)}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/healthz", timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"The server at {url} did not answer within {seconds:.0f} s.")


def pages(base: str) -> dict[str, str]:
    """Name -> path of the pages to shoot, with a case, a video and a question found on the listings."""
    from html.parser import HTMLParser

    def first_link(path: str, prefix: str) -> str:
        class Links(HTMLParser):
            found = ""

            def handle_starttag(self, tag, attrs):
                href = dict(attrs).get("href") or ""
                usable = href.startswith(prefix) and href != prefix and not href.endswith("/feed/")
                if tag == "a" and not self.found and usable:
                    self.found = href

        parser = Links()
        parser.feed(urllib.request.urlopen(base + path, timeout=10).read().decode())
        return parser.found or path

    return {
        "home": "/",
        "case": first_link("/goede-voorbeelden/", "/goede-voorbeelden/"),
        "video": first_link("/video/", "/video/"),
        # The demo's videos: one playing from a second a search hit named, one behind the YouTube placeholder.
        "video-player": "/video/wat-is-een-pgb/?t=42",
        "video-external": "/video/wlz-pgb-zorgkantoor/",
        "theme": "/thema/trekkingsrecht/",
        "forum": "/forum/",
        "question": first_link("/forum/", "/forum/"),
        "search": "/zoeken/?q=budgetplan+beoordelen&law=wmo",
        "search-partial": "/zoeken/?q=pgb+weigeren",
        "laws": "/wet/",
        "gemeenten": "/gemeente/",
        "about": "/over/",
        "contact": "/contact/",
        "sitemap": "/sitemap/",
    }


# Pages also shot as printed (print stylesheet: no navigation, link addresses written out).
PRINTED = ("case",)


def shoot(base: str, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, path in pages(base).items():
            for label, (width, height) in WIDTHS.items():
                context = browser.new_context(viewport={"width": width, "height": height}, locale="nl-NL")
                page = context.new_page()
                page.goto(base + path, wait_until="networkidle")
                target = out / f"{name}-{label}.png"
                page.screenshot(path=str(target), full_page=True)
                written.append(target)
                if name in PRINTED and label == "1280":
                    page.emulate_media(media="print")
                    target = out / f"{name}-print.png"
                    page.screenshot(path=str(target), full_page=True)
                    written.append(target)
                context.close()
        browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument("--url", help="Use a running site instead of starting one.")
    args = parser.parse_args()
    server = None
    base = args.url
    if not base:
        env = {**os.environ, "DEBUG": "1"}
        pgb = str(Path(sys.executable).parent / "pgb")
        subprocess.run([pgb, "migrate", "--no-input", "-v", "0"], check=True, env=env)
        subprocess.run([pgb, "demo", "--if-empty", "-v", "0"], check=True, env=env)
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [pgb, "runserver", "--noreload", f"127.0.0.1:{port}"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    try:
        _wait(base)
        for path in shoot(base.rstrip("/"), args.output):
            print(path)
    finally:
        if server:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
