"""Every response carries the security headers, on every page type, the admin included; a signed-in
person's pages are never kept by shared caches; production settings pass Django's deploy checks; the
server names no software."""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from accounts.constants import Role
from cms.models import KnowledgePage
from forum.models import Question
from tests.accounts.factories import login, person, with_totp

pytestmark = pytest.mark.django_db
REPO = Path(__file__).resolve().parents[2]
YEAR = 365 * 24 * 3600


def public_paths() -> list[str]:
    detail = {p.specific_class.__name__: p.url for p in KnowledgePage.objects.live()}
    video = detail["VideoPage"]
    return [
        "/",
        "/goede-voorbeelden/",
        detail["CasePage"],
        detail["ArticlePage"],
        video,
        f"{video}bestand/",
        f"{video}ondertiteling/",
        detail["DocumentPage"],
        "/thema/",
        "/wet/wmo/",
        "/gemeente/groningen/",
        "/forum/",
        Question.objects.get(external_id="question-partner-als-zorgverlener").get_absolute_url(),
        "/zoeken/?q=pgb",
        "/api/v1/search?q=pgb",
        "/feed/",
        "/sitemap.xml",
        "/robots.txt",
        "/healthz",
        "/accounts/login/",
        "/deze-pagina-bestaat-niet/",
    ]


def check_common(response, path: str) -> None:
    assert response["Strict-Transport-Security"] == f"max-age={YEAR}; includeSubDomains", path
    assert response["X-Content-Type-Options"] == "nosniff", path
    assert response["Referrer-Policy"] == "same-origin", path
    assert response["Cross-Origin-Opener-Policy"] == "same-origin", path
    assert response["X-Frame-Options"] == "DENY", path
    policy = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in policy, (path, feature)
    assert 'fullscreen=(self "https://www.youtube-nocookie.com" "https://player.vimeo.com")' in policy
    assert "Server" not in response, path


def test_every_public_page_type_sends_every_security_header(client, imported):
    for path in public_paths():
        response = client.get(path, secure=True)
        assert response.status_code in (200, 404), path
        check_common(response, path)
        if response["Content-Type"].startswith("text/html"):
            policy = response["Content-Security-Policy"]
            assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy, path
            assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, path
        cache = response.get("Cache-Control", "")
        assert "private" not in cache or "no-store" in cache, path  # nothing personal for anonymous


def test_the_admin_sends_them_too_with_only_the_csp_exceptions_wagtail_needs(client, imported):
    admin = person("beheer@example.nl", roles=[Role.ADMINISTRATOR])
    login(client, admin, secret=with_totp(admin))
    case = KnowledgePage.objects.live().first()
    for path in (
        "/admin/",
        f"/admin/pages/{case.pk}/edit/",
        "/admin/snippets/forum/question/",
        "/admin/users/",
    ):
        response = client.get(path, secure=True)
        assert response.status_code == 200, path
        check_common(response, path)
        policy = response["Content-Security-Policy"]
        # Written down in pgbplatform/security.py: Wagtail 8's admin writes inline scripts and styles.
        assert "script-src 'self' 'unsafe-inline'" in policy and "object-src 'none'" in policy, path
        assert "frame-ancestors 'none'" in policy and "unsafe-eval" not in policy, path
        assert "private" in response["Cache-Control"] and "Cookie" in response["Vary"], path


def test_a_signed_in_readers_pages_are_private_to_caches(client, imported):
    reader = person("lezer@example.nl")
    login(client, reader)
    for path in ("/", "/forum/", "/zoeken/?q=pgb", KnowledgePage.objects.live().first().url):
        response = client.get(path, secure=True)
        assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"], path
        assert "Cookie" in response["Vary"], path
    cookies = {name: morsel for name, morsel in client.cookies.items()}
    session = cookies["__Host-pgb_session"]  # Secure, this host only, every path
    assert session["secure"] and session["path"] == "/" and not session["domain"]


def test_plain_http_is_sent_to_https_but_a_load_balancers_health_check_is_not(client, settings):
    settings.SECURE_SSL_REDIRECT = (
        True  # production's default (tests speak plain HTTP, see tests/settings.py)
    )
    response = client.get("/forum/")
    assert response.status_code == 301 and response["Location"] == "https://testserver/forum/"
    assert "Permissions-Policy" in response
    assert client.get("/healthz").status_code == 200


def test_security_txt_says_where_to_report_and_until_when(client, settings):
    assert client.get("/.well-known/security.txt").status_code == 404  # not configured: not made up
    settings.PGB_SECURITY_CONTACT = "mailto:security@persaldo.nl"
    settings.PGB_SECURITY_TXT_EXPIRES = "2027-12-01"
    response = client.get("/.well-known/security.txt", secure=True)
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().splitlines() == [
        "Contact: mailto:security@persaldo.nl",
        "Expires: 2027-12-01T00:00:00Z",
        "Preferred-Languages: nl, en",
        "Canonical: https://testserver/.well-known/security.txt",
    ]


def production_env(**extra) -> dict:
    # Not what the test run set for itself (the browser tests allow async-unsafe calls, say).
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PGB_", "DEBUG", "DJANGO_", "REDIS_"))}
    env.pop("DATABASE_URL", None)  # its own SQLite file in the temporary var folder, on either suite run
    env.update(
        DJANGO_SETTINGS_MODULE="pgbplatform.settings",
        SECRET_KEY=secrets.token_urlsafe(50),
        PGB_VAR_DIR=extra.pop("var"),
    )
    env.update(extra)
    return env


def test_production_settings_pass_the_deploy_checks_once_the_https_variables_are_set(tmp_path):
    pgb = str(Path(sys.executable).parent / "pgb")
    check = [pgb, "check", "--deploy", "--fail-level", "WARNING"]
    bare = subprocess.run(
        check, env=production_env(var=str(tmp_path)), capture_output=True, text=True, timeout=120
    )
    assert bare.returncode != 0 and "pgb.W001" in bare.stderr and "security.W021" in bare.stderr
    assert "pgb.W003" in bare.stderr  # a cache per process
    assert "security.W004" not in bare.stderr and "security.W008" not in bare.stderr  # HSTS, redirect: on
    documented = production_env(
        var=str(tmp_path),
        PGB_HSTS_PRELOAD="1",
        PGB_SECURITY_CONTACT="mailto:security@persaldo.nl",
        PGB_SECURITY_TXT_EXPIRES="2099-01-01",
        REDIS_URL="redis://127.0.0.1:6379/0",
    )
    done = subprocess.run(check, env=documented, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "no issues" in done.stdout, done.stderr


def test_gunicorn_with_the_production_config_names_no_server(tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = production_env(var=str(tmp_path), PORT=str(port), GUNICORN_WORKERS="1")
    subprocess.run(
        [str(Path(sys.executable).parent / "pgb"), "migrate", "-v", "0"], env=env, check=True, timeout=300
    )
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    server = subprocess.Popen(
        [
            gunicorn,
            "-c",
            "python:pgbplatform.gunicorn_conf",
            "pgbplatform.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                response = urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("gunicorn did not answer")
        assert response.status == 200
        assert response.headers.get("Server") is None
        assert "camera=()" in response.headers["Permissions-Policy"]
    finally:
        server.terminate()
        server.wait(timeout=20)
