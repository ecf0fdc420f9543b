"""`make screenshots`: render key pages in headless Chromium at desktop and mobile widths.

Usage: python -m benchmarks.screenshots OUTPUT_DIR [--url http://127.0.0.1:8000]
Without --url it starts a development server on a free port against the configured database,
after loading the demo content when the database is empty.
"""

import argparse
import os
import socket
import subprocess  # nosec B404 # subprocess runs fixed tools with argument lists (see the calls)
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
            urllib.request.urlopen(url + "/healthz", timeout=2)  # nosec B310 # a fixed http://127.0.0.1 address of the server this script started
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
        parser.feed(urllib.request.urlopen(base + path, timeout=10).read().decode())  # nosec B310 # a fixed http://127.0.0.1 address of the server this script started
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

# The editors' side, shot signed in as a temporary administrator (made for the shots, then removed).
SHOOTER = "schermafbeelding@localhost"
SHOOTER_PASSWORD = "alleen-voor-schermafbeeldingen-2026"  # nosec B105 # a temporary local account the script makes and deletes around its shots
_MAKE_SHOOTER = f"""
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from accounts.models import User
User.objects.filter(email="{SHOOTER}").delete()
user = User.objects.create_superuser("schermafbeelding", "{SHOOTER}", "{SHOOTER_PASSWORD}", first_name="Redactie")
EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
secret = generate_totp_secret()
TOTP.activate(user, secret)
from media.models import VideoIndexPage
print(VideoIndexPage.objects.get().pk, secret)
"""
_REMOVE_SHOOTER = f"from accounts.models import User; User.objects.filter(email='{SHOOTER}').delete()"


def _totp(secret: str) -> str:
    """The authenticator code now (RFC 6238: 30 s, 6 digits, SHA-1), waiting out a period's last seconds."""
    import base64
    import hashlib
    import hmac
    import struct

    if 30 - time.time() % 30 < 4:
        time.sleep(30 - time.time() % 30 + 0.1)
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 15
    return f"{(struct.unpack('>I', digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


def shoot_admin(base: str, out: Path, browser) -> list[Path]:
    """The editors' dashboard and a new video's form with the gemeente list narrowed by typing."""
    pgb = str(Path(sys.executable).parent / "pgb")
    env = {**os.environ, "DEBUG": "1"}
    made = subprocess.run(  # nosec B603 # a fixed program and an argument list, no shell; the paths are our own files
        [pgb, "shell", "-c", _MAKE_SHOOTER], check=True, env=env, capture_output=True, text=True
    )
    videos, secret = made.stdout.strip().splitlines()[-1].split()
    written = []
    try:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
        page = context.new_page()
        page.goto(base + "/admin/login/", wait_until="networkidle")
        page.fill("#id_login", SHOOTER)
        page.fill("#id_password", SHOOTER_PASSWORD)
        page.click("form.pgb-form button[type=submit]")
        page.wait_for_url("**/2fa/authenticate/**")
        page.fill("#id_code", _totp(secret))
        page.click("form.pgb-form button[type=submit]")
        page.wait_for_url("**/admin/")
        page.wait_for_load_state("networkidle")
        page.set_viewport_size({"width": 1280, "height": 2000})  # the admin scrolls inside; show every panel
        written.append(out / "admin-dashboard-1280.png")
        page.screenshot(path=str(written[-1]))
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(f"{base}/admin/pages/add/media/videopage/{videos}/", wait_until="networkidle")
        page.fill("#id_title", "Het budgetplan in een week")
        page.fill("#id_municipalities-search", "Gron")
        page.get_by_label("Groningen", exact=True).check()
        page.locator("#id_municipalities-search").scroll_into_view_if_needed()
        written.append(out / "admin-video-upload-1280.png")
        page.screenshot(path=str(written[-1]), full_page=False)
        context.close()
    finally:
        subprocess.run([pgb, "shell", "-c", _REMOVE_SHOOTER], check=True, env=env)  # nosec B603 # a fixed program and an argument list, no shell; the paths are our own files
    return written


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
        written += shoot_admin(base, out, browser)
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
        subprocess.run([pgb, "migrate", "--no-input", "-v", "0"], check=True, env=env)  # nosec B603 # a fixed program and an argument list, no shell; the paths are our own files
        subprocess.run([pgb, "demo", "--if-empty", "-v", "0"], check=True, env=env)  # nosec B603 # a fixed program and an argument list, no shell; the paths are our own files
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(  # nosec B603 # a fixed program and an argument list, no shell; the paths are our own files
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
