"""WSGI entry point (gunicorn pgbplatform.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pgbplatform.settings")
application = get_wsgi_application()
