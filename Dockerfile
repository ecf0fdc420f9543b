# syntax=docker/dockerfile:1
# Production image for the Informatieplatform pgb: gunicorn behind a TLS-terminating proxy.

# --- 1. Front-end assets: NL Design System CSS from the npm registry -----------------------------
FROM node:20-slim AS assets
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error \
 && mkdir -p /assets/utrecht \
 && cp node_modules/@utrecht/component-library-css/dist/index.css /assets/utrecht/component-library.css \
 && cp node_modules/@utrecht/design-tokens/dist/theme.css /assets/utrecht/design-tokens.css

# --- 2. Python build: the project and its dependencies in a virtual environment -------------------
FROM python:3.11-slim AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
RUN python -m venv /opt/venv
WORKDIR /src
COPY pyproject.toml README.md ./
COPY pgbplatform pgbplatform
COPY cms cms
COPY search search
COPY accounts accounts
COPY forum forum
COPY media media
COPY benchmarks benchmarks
COPY manage.py ./
COPY --from=assets /assets pgbplatform/static/pgb/vendor
RUN /opt/venv/bin/pip install --upgrade pip && /opt/venv/bin/pip install .

# --- 3. Runtime: slim, non-root, static files collected at build time -----------------------------
FROM python:3.11-slim AS runtime
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=pgbplatform.settings \
    PGB_VAR_DIR=/app/var \
    STATIC_ROOT=/app/static \
    PGB_BEHIND_PROXY=1 \
    PORT=8000
# ffmpeg: ffprobe checks uploaded videos and reads their duration, ffmpeg takes their poster frame.
RUN apt-get update && apt-get install -y --no-install-recommends ffmpeg && rm -rf /var/lib/apt/lists/*
RUN groupadd --system pgb && useradd --system --gid pgb --home-dir /app --shell /usr/sbin/nologin pgb \
 && mkdir -p /app/var/media /app/static && chown -R pgb:pgb /app
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
# A build-only key: collectstatic needs settings, never a real secret.
RUN SECRET_KEY=collectstatic-only pgb collectstatic --no-input -v 0 && chown -R pgb:pgb /app/static
USER pgb
VOLUME ["/app/var"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD python -c "import os, sys, urllib.request; sys.exit(0 if urllib.request.urlopen(f'http://127.0.0.1:{os.environ.get(\"PORT\", \"8000\")}/healthz', timeout=4).status == 200 else 1)"
CMD ["gunicorn", "-c", "python:pgbplatform.gunicorn_conf", "pgbplatform.wsgi"]
