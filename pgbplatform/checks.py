"""Deploy checks of our own, next to Django's: what `pgb check --deploy` reports before going live
(security.txt, a cache shared by every process)."""

import datetime

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def security_txt(app_configs=None, **kwargs):
    """/.well-known/security.txt needs a contact and an expiry date that has not passed (RFC 9116)."""
    problems = []
    contact = settings.PGB_SECURITY_CONTACT
    if not contact.startswith(("mailto:", "https://")):
        problems.append(
            Warning(
                "PGB_SECURITY_CONTACT is not set to a mailto: or https:// address, so "
                "/.well-known/security.txt tells nobody where to report a vulnerability.",
                id="pgb.W001",
            )
        )
    try:
        expires = datetime.date.fromisoformat(settings.PGB_SECURITY_TXT_EXPIRES)
    except ValueError:
        expires = None
    if expires is None or expires <= datetime.date.today():
        problems.append(
            Warning(
                "PGB_SECURITY_TXT_EXPIRES is not a date in the future (such as 2027-12-01), so "
                "/.well-known/security.txt is missing or expired.",
                id="pgb.W002",
            )
        )
    return problems


@register(Tags.caches, deploy=True)
def shared_cache(app_configs=None, **kwargs):
    """Production runs several processes: they must share one cache (the page cache, rate limits)."""
    if settings.CACHES["default"]["BACKEND"].endswith("LocMemCache"):
        return [
            Warning(
                "REDIS_URL is not set, so every process keeps its own cache: with more than one gunicorn "
                "worker or web node, each serves its own cached pages (a change shows on the others only "
                "after PGB_PAGE_CACHE_SECONDS) and counts its own rate limits.",
                id="pgb.W003",
            )
        ]
    return []
