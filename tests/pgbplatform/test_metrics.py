"""/metrics tells an operator how the site is doing (requests and latency per route, search latency, the
task queues' backlog and oldest task) and tells nobody else anything."""

import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.test import Client

from accounts import mail
from tests.accounts.factories import person
from tests.pgbplatform.test_security_headers import REPO, production_env

pytestmark = pytest.mark.django_db


def value(text: str, name: str, **labels) -> float:
    """The value of one sample (labels in any order)."""
    for line in text.splitlines():
        match = re.match(rf"{name}\{{(.*)\}} (\S+)$", line)
        if match and all(f'{k}="{v}"' in match.group(1) for k, v in labels.items()):
            return float(match.group(2))
    raise AssertionError(f"no {name} {labels} in the metrics")


def test_requests_searches_and_waiting_tasks_are_measured(
    client, imported, django_capture_on_commit_callbacks
):
    before = client.get("/metrics").content.decode()
    try:
        seen = value(before, "pgb_http_requests_total", route="forum/", method="GET", status="200")
    except AssertionError:
        seen = 0
    client.get("/forum/")
    client.get("/zoeken/?q=zorgovereenkomst")
    with django_capture_on_commit_callbacks(execute=True):
        mail.mail_queue(mail.Mail(to=[person("lid@gmail.com").email], subject="Test", text="Hallo"))
    response = client.get("/metrics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    assert response["Cache-Control"] == "no-store"
    text = response.content.decode()
    assert value(text, "pgb_http_requests_total", route="forum/", method="GET", status="200") == seen + 1
    assert value(text, "pgb_http_request_seconds_count", route="forum/", method="GET") >= 1
    assert value(text, "pgb_search_seconds_count", backend="database") >= 1
    assert value(text, "pgb_task_backlog", backend="mail", queue="mail") >= 1
    assert value(text, "pgb_task_oldest_seconds", backend="mail", queue="mail") >= 0


def test_nobody_else_can_read_them(imported, settings):
    assert Client(REMOTE_ADDR="203.0.113.7").get("/metrics").status_code == 404
    assert Client(headers={"X-Forwarded-For": "203.0.113.7"}).get("/metrics").status_code == 404
    settings.PGB_METRICS_ALLOWED = ["10.0.0.0/8"]
    assert Client(REMOTE_ADDR="10.1.2.3").get("/metrics").status_code == 200
    assert Client().get("/metrics").status_code == 404  # 127.0.0.1 is no longer listed


def test_gunicorns_workers_are_added_up(tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = production_env(var=str(tmp_path), PORT=str(port), GUNICORN_WORKERS="2")
    bin_dir = Path(sys.executable).parent
    subprocess.run([str(bin_dir / "pgb"), "migrate", "-v", "0"], env=env, check=True, timeout=300)
    server = subprocess.Popen(
        [str(bin_dir / "gunicorn"), "-c", "python:pgbplatform.gunicorn_conf", "pgbplatform.wsgi"],
        cwd=REPO,
        env={**env, "PGB_SSL_REDIRECT": "0"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                # Not /healthz, which is counted below: a request that timed out here while the workers
                # started may still be answered later, and would count.
                urllib.request.urlopen(f"{url}/robots.txt", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("gunicorn did not answer")

        def answered() -> float:
            text = urllib.request.urlopen(f"{url}/metrics", timeout=5).read().decode()
            return value(text, "pgb_http_requests_total", route="healthz", method="GET", status="200")

        urllib.request.urlopen(f"{url}/healthz", timeout=5)  # the route's first count
        before = answered()
        for _ in range(20):  # spread over both workers by the kernel
            urllib.request.urlopen(f"{url}/healthz", timeout=5)
        assert answered() - before == 20  # whichever worker answers the scrape
    finally:
        server.terminate()
        server.wait(timeout=20)
