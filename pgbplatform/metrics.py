"""`/metrics` in Prometheus' text format, for operators' monitoring, reachable only from configured
addresses (`PGB_METRICS_ALLOWED`; never through the public proxy).

- `pgb_http_requests_total{route,method,status}` and `pgb_http_request_seconds{route,method}`: every request,
  by the URL pattern that answered it (`wagtail` for the page tree, `page cache` for pages served from
  it, `static` for files WhiteNoise serves);
- `pgb_search_seconds{backend}`: each search's time in the search service (search.metrics);
- `pgb_task_backlog{backend,queue}` and `pgb_task_oldest_seconds{backend,queue}`: tasks waiting in the
  durable queues (mail, search index updates, PDF reading) and the age of the oldest, read when scraped.

Under gunicorn every worker records its own figures; with `PROMETHEUS_MULTIPROC_DIR` set (the
gunicorn config sets it) a scrape adds up those of all workers.
"""

from __future__ import annotations

import ipaddress
import os
import time

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils import timezone
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily

REQUESTS = Counter("pgb_http_requests", "HTTP requests answered", ["route", "method", "status"])
SECONDS = Histogram(
    "pgb_http_request_seconds",
    "Time to answer an HTTP request",
    ["route", "method"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


class MetricsMiddleware:
    """Counts and times every request by its route (outermost but for the security headers)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        start = time.perf_counter()
        response = self.get_response(request)
        route = _route(request, response)
        method = request.method if request.method in METHODS else "other"
        REQUESTS.labels(route, method, str(response.status_code)).inc()
        SECONDS.labels(route, method).observe(time.perf_counter() - start)
        return response


def _route(request, response) -> str:
    if getattr(request, "from_page_cache", False):
        return "page cache"
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "static" if request.path.startswith(settings.STATIC_URL) else "unresolved"
    if match.url_name == "wagtail_serve":
        return "wagtail"
    return match.route or match.view_name or "unnamed"


class TaskQueueCollector:
    """The durable task queues' backlog and oldest waiting task, read from the database when scraped."""

    def collect(self):
        from django.db.models import Count, Min
        from django_tasks.base import TaskResultStatus
        from django_tasks_db.models import DBTaskResult

        backlog = GaugeMetricFamily(
            "pgb_task_backlog", "Tasks waiting to be run", labels=["backend", "queue"]
        )
        oldest = GaugeMetricFamily(
            "pgb_task_oldest_seconds", "Age of the oldest task waiting to be run", labels=["backend", "queue"]
        )
        now = timezone.now()
        rows = (
            DBTaskResult.objects.filter(status=TaskResultStatus.READY)
            .values("backend_name", "queue_name")
            .annotate(count=Count("id"), first=Min("enqueued_at"))
        )
        for row in rows:
            labels = [row["backend_name"], row["queue_name"]]
            backlog.add_metric(labels, row["count"])
            oldest.add_metric(labels, (now - row["first"]).total_seconds())
        yield backlog
        yield oldest


def _allowed(request) -> bool:
    if "HTTP_X_FORWARDED_FOR" in request.META:  # came through the public proxy
        return False
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(
        address in ipaddress.ip_network(network, strict=False) for network in settings.PGB_METRICS_ALLOWED
    )


def metrics(request):
    """The figures, or a 404 (as for any address that does not exist) for everyone else."""
    if not _allowed(request):
        raise Http404
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        from prometheus_client import REGISTRY as registry
    scrape = CollectorRegistry()
    scrape.register(TaskQueueCollector())
    body = generate_latest(registry) + generate_latest(scrape)
    response = HttpResponse(body, content_type=CONTENT_TYPE_LATEST)
    response["Cache-Control"] = "no-store"
    return response
