"""Settings for the Informatieplatform pgb, read from environment variables with safe defaults.

Production is the default: development switches things on explicitly (`make run` exports DEBUG=1).
Every variable read here has a row in the README's configuration table.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

env = environ.Env()

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env.str("PGB_VAR_DIR", default=str(BASE_DIR / "var")))

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="insecure-dev-only" if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY (a long random string) when DEBUG is off.")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "pgbplatform.apps.PgbPlatformConfig",
    "forum",
    "media",
    "accounts",
    "cms",
    "search",
    "benchmarks",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",  # allauth's sessions page
]

MIDDLEWARE = [
    # Outermost, so that every response gets its headers: errors, redirects to HTTPS and static files too.
    "pgbplatform.security.SecurityHeadersMiddleware",
    "pgbplatform.metrics.MetricsMiddleware",
    "pgbplatform.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "pgbplatform.page_cache.AnonymousPageCacheMiddleware",  # before the session: a hit costs no query
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "accounts.middleware.AudienceMiddleware",
    "accounts.security_log.RequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.AdminRequiresMFAMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "pgbplatform.security.ContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "pgbplatform.urls"
WSGI_APPLICATION = "pgbplatform.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "pgbplatform" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                "pgbplatform.context_processors.site",
                "pgbplatform.context_processors.navigation",
                "pgbplatform.context_processors.account",
                "cms.context_processors.feed",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
if (
    DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
    and DATABASES["default"]["NAME"] != ":memory:"
):
    try:  # SQLite cannot create the folder of its file itself
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ImproperlyConfigured(
            f"Cannot create the folder of the SQLite database ({exc}); check PGB_VAR_DIR."
        ) from exc
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("PGB_DB_CONN_MAX_AGE", default=60))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while an import writes; the lock wait avoids "database is locked".
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            # Writers take the write lock when their transaction begins, so a second writer waits
            # (up to the timeout) instead of failing with "database is locked" on its first write.
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env.str("REDIS_URL")}
        if env.str("REDIS_URL", default="")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Who may read /metrics (never through the proxy); how long anonymous pages are kept at most (0 = off).
PGB_METRICS_ALLOWED = env.list("PGB_METRICS_ALLOWED", default=["127.0.0.1", "::1"])
PGB_PAGE_CACHE_SECONDS = env.int("PGB_PAGE_CACHE_SECONDS", default=300)

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",  # permission checks; logging in goes through allauth
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:profile"

# --- Accounts (django-allauth; the platform's policy is in accounts/adapters.py) -------------------
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupDetailsForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True  # one address per person: changing it replaces the old one once verified
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None  # the person chooses ("Onthoud mij")
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Informatieplatform pgb] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env.str("PGB_HTTP_PROTOCOL", default="http" if DEBUG else "https")
# allauth's rate limits stay at its defaults (login failures: 10 a minute per address and 5 per five
# minutes per account; sign-up 20 a minute per address; reset 5 a minute per e-mail); a refused
# request gets pgbplatform.views.too_many_requests (429, in Dutch).
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = "Informatieplatform pgb"
# WebAuthn needs a secure origin; localhost counts as one in browsers, so development can use it.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
# Sessions are listed (and can be ended) from their login; tracking "last seen" would write to the
# database on every request a logged-in person makes.
USERSESSIONS_TRACK_ACTIVITY = False

# Dutch for everyone, whatever the browser asks: the English catalogue is not written yet. Add
# django.middleware.locale.LocaleMiddleware once it is.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "pgbplatform" / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
# Forum attachments are never served from MEDIA_URL: a view checks who may read the question first.
PGB_PRIVATE_MEDIA_ROOT = Path(env.str("PGB_PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "forum": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PGB_PRIVATE_MEDIA_ROOT / "forum"), "base_url": "/forum/bijlage/"},
    },
    "staticfiles": {
        "BACKEND": env.str(
            "PGB_STATICFILES_STORAGE",
            default=(
                "django.contrib.staticfiles.storage.StaticFilesStorage"
                if DEBUG
                else "whitenoise.storage.CompressedManifestStaticFilesStorage"
            ),
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- Security -------------------------------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("PGB_BEHIND_PROXY", default=False) else None
)
# PGB_HTTPS: the site is reached over HTTPS only (directly or through a TLS proxy): production's default.
# It turns on the redirect to HTTPS (not for /healthz, which load balancers ask over HTTP), secure cookies
# under `__Host-` names (sent only over HTTPS, to this host, for every path) and HSTS for a year.
HTTPS = env.bool("PGB_HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = env.bool("PGB_SSL_REDIRECT", default=HTTPS)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = env.bool("PGB_SECURE_COOKIES", default=HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_NAME = "__Host-pgb_session" if SESSION_COOKIE_SECURE else "pgb_session"
CSRF_COOKIE_NAME = "__Host-pgb_csrftoken" if CSRF_COOKIE_SECURE else "pgb_csrftoken"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_HSTS_SECONDS = env.int("PGB_HSTS_SECONDS", default=365 * 24 * 3600 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("PGB_HSTS_INCLUDE_SUBDOMAINS", default=True)
# Preloading puts the domain in the browsers' built-in HTTPS-only list, hard to undo: an explicit choice.
SECURE_HSTS_PRELOAD = env.bool("PGB_HSTS_PRELOAD", default=False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# /.well-known/security.txt (RFC 9116): where to report a vulnerability, and until when that holds.
# `pgb check --deploy` warns while either is unset or the date has passed.
PGB_SECURITY_CONTACT = env.str("PGB_SECURITY_CONTACT", default="")  # mailto:… or https://…
PGB_SECURITY_TXT_EXPIRES = env.str("PGB_SECURITY_TXT_EXPIRES", default="")  # a date, e.g. 2027-12-01
# The Permissions-Policy and the public site's Content-Security-Policy (django-csp 4): pgbplatform/policies.py.
from pgbplatform.policies import CONTENT_SECURITY_POLICY, PGB_PERMISSIONS_POLICY  # noqa: E402,F401

# --- Mail -----------------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Informatieplatform pgb <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ADMINS = [("Beheer", a) for a in env.list("PGB_ADMIN_EMAILS", default=[])]

# --- Wagtail --------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Informatieplatform pgb"
# One login path for everyone: the admin sends people to allauth's login (rate limits, MFA).
WAGTAILADMIN_LOGIN_URL = "/accounts/login/"
PGB_ADMIN_PATHS = ["/admin/"]  # everything under these needs two-factor authentication
WAGTAIL_PASSWORD_RESET_ENABLED = False  # allauth's reset is the only one
WAGTAILUSERS_PASSWORD_ENABLED = True
# No call home to releases.wagtail.org from editors' browsers: upgrades go through pyproject.toml.
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars fetched from gravatar.com: the admin makes no third-party requests either.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# The public address; empty: links that must be absolute (feeds) take the address of the request.
PGB_BASE_URL = env.str("PGB_BASE_URL", default="")
WAGTAILADMIN_BASE_URL = PGB_BASE_URL or "http://127.0.0.1:8000"
WAGTAIL_I18N_ENABLED = False
WAGTAIL_MODERATION_ENABLED = True
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "txt", "csv"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cms.document_forms.DocumentForm"  # a .pdf must be a PDF
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {"WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea"},
}

# --- Platform -------------------------------------------------------------------------------------
PGB_SEARCH_BACKEND = env.str("PGB_SEARCH_BACKEND", default="database")  # database | elasticsearch
ELASTICSEARCH_URL = env.str("ELASTICSEARCH_URL", default="")
if PGB_SEARCH_BACKEND not in ("database", "elasticsearch"):
    raise ImproperlyConfigured(
        f"PGB_SEARCH_BACKEND must be 'database' or 'elasticsearch', not {PGB_SEARCH_BACKEND!r}."
    )
if PGB_SEARCH_BACKEND == "elasticsearch" and not ELASTICSEARCH_URL:
    raise ImproperlyConfigured(
        "Set ELASTICSEARCH_URL (e.g. http://127.0.0.1:9200) with PGB_SEARCH_BACKEND=elasticsearch."
    )
ELASTICSEARCH_INDEX = env.str("ELASTICSEARCH_INDEX", default="pgb")
ELASTICSEARCH_TIMEOUT = env.float("ELASTICSEARCH_TIMEOUT", default=2.0)  # seconds before falling back
# Index work (creating indexes, bulks with whole PDFs, synonyms, alias swaps) may take far longer.
ELASTICSEARCH_ADMIN_TIMEOUT = env.float("ELASTICSEARCH_ADMIN_TIMEOUT", default=120.0)
ELASTICSEARCH_CA_CERTS = env.str("ELASTICSEARCH_CA_CERTS", default="")  # the CA of a TLS cluster
ELASTICSEARCH_API_KEY = env.str("ELASTICSEARCH_API_KEY", default="")
ELASTICSEARCH_REPLICAS = env.int("ELASTICSEARCH_REPLICAS", default=1)  # replicas of the index (0 on one node)

# Wagtail's own background work (its search and reference index) runs at once; our search index
# updates for Elasticsearch go through a durable queue in the database, written in the same
# transaction as the change and worked off by `pgb db_worker --queue-name search --backend search`.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    # Search work: Elasticsearch updates ("search") and reading uploaded PDFs ("documents").
    "search": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["search", "documents"]},
    # Outgoing mail: written with the event that causes it, sent by `pgb db_worker --backend mail
    # --queue-name mail`; a mail server that is down delays mail, it loses none.
    "mail": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["mail"]},
}
PGB_PAGE_SIZE = env.int("PGB_PAGE_SIZE", default=12)

# PGB_LOG_FORMAT: "json" (production's default: one JSON object a line, for the log collector) or "text".
LOG_FORMAT = env.str("PGB_LOG_FORMAT", default="text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "pgbplatform.logs.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_id"]}
    },
    "root": {"handlers": ["console"], "level": env.str("PGB_LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        # Wagtail 8 logs every page save and background task at INFO: too chatty for imports.
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
    },
}
PGB_DIGEST_HOUR = env.int("PGB_DIGEST_HOUR", default=7)  # daily digests go out from this hour (local time)
PGB_SIGNUP_OPEN = env.bool("PGB_SIGNUP_OPEN", default=True)  # False: nobody new can make an account
# Posts (questions and answers) one person may write in a window of seconds; moderators are not limited.
PGB_FORUM_POST_LIMIT = (
    env.int("PGB_FORUM_POSTS", default=10),
    env.int("PGB_FORUM_POSTS_WINDOW", default=600),
)
# Attachments to a question or answer: PDF, PNG or JPEG, at most this many megabytes and files per post.
PGB_FORUM_ATTACHMENT_MAX_MB = env.int("PGB_FORUM_ATTACHMENT_MAX_MB", default=10)
PGB_VIDEO_MAX_MB = env.int("PGB_VIDEO_MAX_MB", default=500)  # an uploaded video file, in the admin
# The weekly review reminder to editors (`pgb content review-reminders`): from this weekday (1 = Monday)
# at PGB_DIGEST_HOUR.
PGB_REVIEW_WEEKDAY = env.int("PGB_REVIEW_WEEKDAY", default=1)
# The security log (logins, MFA and role changes, moderation) is kept this many days.
PGB_SECURITY_LOG_DAYS = env.int("PGB_SECURITY_LOG_DAYS", default=365)
PGB_FORUM_ATTACHMENTS_PER_POST = env.int("PGB_FORUM_ATTACHMENTS_PER_POST", default=5)
