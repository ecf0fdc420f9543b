"""Template context shared by every page."""

from django.conf import settings


def site(request) -> dict:
    return {"PGB_SITE_NAME": settings.WAGTAIL_SITE_NAME}
