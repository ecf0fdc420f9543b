"""Site-wide promises: health check, sitemap, robots.txt and security headers."""

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cms.models import CasePage
from forum.models import Question

pytestmark = pytest.mark.django_db
REPO = Path(__file__).resolve().parents[2]


def test_healthz_reports_database_and_search(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["database"]["status"] == "ok"
    assert body["search"]["backend"] == "database" and body["search"]["status"] == "ok"


def test_healthz_answers_503_when_the_database_is_unreachable():
    # A real process whose database is a PostgreSQL port nothing listens on: no mocks involved.
    code = (
        "import django; django.setup(); from django.test import Client; "
        "r = Client().get('/healthz'); print(r.status_code, r.json()['database']['status'])"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": "postgres://nobody@127.0.0.1:9/none",
        "ALLOWED_HOSTS": "testserver",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.split() == ["503", "error"], result.stderr[-2000:]


def test_sitemap_lists_every_public_page_and_each_answers_200(client, imported):
    page = CasePage.objects.get(external_id="case-voorbeeldstad-tarieven")
    page.unpublish()
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = [loc.text for loc in ET.fromstring(response.content).findall(".//s:loc", ns)]
    paths = [url.split("://", 1)[1].split("/", 1)[1] for url in urls]
    paths = ["/" + p for p in paths]
    for expected in (
        "/",
        "/goede-voorbeelden/",
        "/video/",
        "/toegankelijkheid/",
        "/privacy/",
        "/thema/toegang/",
        "/wet/wmo/",
        "/gemeente/groningen/",
        "/forum/",
        "/goede-voorbeelden/testdorp-keukentafel/",
    ):
        assert expected in paths
    public = Question.objects.get(external_id="question-partner-als-zorgverlener")
    members = Question.objects.get(external_id="question-fraudesignalen-intern")
    assert public.get_absolute_url() in paths and members.get_absolute_url() not in paths
    assert page.url not in paths and "/goede-voorbeelden/voorbeeldstad-tarieven/" not in paths
    for path in paths:
        assert client.get(path).status_code == 200, path


def test_public_pages_send_a_strict_content_security_policy(client, imported):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert (
        "default-src 'self'" in policy
        and "object-src 'none'" in policy
        and "frame-ancestors 'none'" in policy
    )
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_templates_have_no_inline_scripts_styles_or_event_handlers():
    import re

    offenders = []
    for template in REPO.glob("*/templates/**/*.html"):
        text = template.read_text(encoding="utf-8")
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle=|\son[a-z]+=", text):
            offenders.append(str(template.relative_to(REPO)))
    assert offenders == []


def test_robots_txt_points_at_the_sitemap(client):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in text and "/sitemap.xml" in text


def test_settings_refuse_to_start_without_a_secret_key_in_production():
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    env["DJANGO_SETTINGS_MODULE"] = "pgbplatform.settings"
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0 and "Set SECRET_KEY" in result.stderr


def test_the_pgb_command_names_a_missing_setting_without_a_traceback():
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    env["DJANGO_SETTINGS_MODULE"] = "pgbplatform.settings"
    result = subprocess.run(
        [str(Path(sys.executable).with_name("pgb")), "check"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("pgb: the configuration is incomplete: Set SECRET_KEY")
    assert "Traceback" not in result.stderr


def test_cookies_are_secure_when_debug_is_off():
    env = {**os.environ, "SECRET_KEY": "x" * 50, "DJANGO_SETTINGS_MODULE": "pgbplatform.settings"}
    env.pop("DEBUG", None)
    code = "from django.conf import settings; print(settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE, settings.DEBUG)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.split() == ["True", "True", "False"], result.stderr


def test_a_new_var_folder_is_created_for_the_sqlite_database(tmp_path):
    var = tmp_path / "nieuw" / "var"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "pgbplatform.settings", "SECRET_KEY": "x" * 50}
    env["PGB_VAR_DIR"] = str(var)
    env.pop("DATABASE_URL", None)
    code = "import django; django.setup(); from django.db import connection; connection.ensure_connection(); print('ok')"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "ok", result.stderr[-2000:]
    assert (var / "db.sqlite3").exists()
