"""Test settings: test values only, never different behaviour."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-not-secret")
os.environ.setdefault("PGB_STATICFILES_STORAGE", "django.contrib.staticfiles.storage.StaticFilesStorage")
# The test client and the live server speak plain HTTP: no redirect to HTTPS (the rest of production's
# HTTPS settings stay on; tests/pgbplatform/test_security_headers.py asks over HTTPS where it matters).
os.environ.setdefault("PGB_SSL_REDIRECT", "0")

from pgbplatform.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# WhiteNoise warns about a missing static folder otherwise.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
