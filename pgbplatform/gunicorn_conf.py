"""gunicorn in production: `gunicorn -c python:pgbplatform.gunicorn_conf pgbplatform.wsgi` (the image's
command). PORT and GUNICORN_WORKERS as before; behind the TLS proxy, which sets X-Forwarded-Proto. Workers share
their /metrics figures through PROMETHEUS_MULTIPROC_DIR."""

import os
import tempfile

from gunicorn.http import wsgi

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
accesslog = "-"
forwarded_allow_ips = "*"  # only the proxy reaches gunicorn (compose network, or 127.0.0.1)
# /metrics adds up the figures of every worker (prometheus_client's multiprocess mode): each worker
# writes its own files here; a fresh folder per start unless the operator names one.
os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", tempfile.mkdtemp(prefix="pgb-metrics-"))


def child_exit(server, worker):
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


class _Response(wsgi.Response):
    """gunicorn's response without its `Server: gunicorn` header: the site names no software or version
    to whoever scans it. (gunicorn has no setting for this; its workers build `wsgi.Response`.)"""

    def default_headers(self):
        return [line for line in super().default_headers() if not line.lower().startswith("server:")]


wsgi.Response = _Response
