"""Template context shared by every page: the site name and the main navigation."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cms import content_types, selectors


def site(request) -> dict:
    return {"PGB_SITE_NAME": settings.WAGTAIL_SITE_NAME}


def navigation(request) -> dict:
    """The main menu: every content type's listing, in the registry's order, then the ways to browse
    (themes, laws, gemeenten); the item whose section holds the current page gets aria-current."""
    types = content_types.all()
    urls = selectors.listing_urls(types)
    items = [(content_type.plural, urls[content_type.key]) for content_type in types]
    items += [
        (_("Themes"), reverse("cms:theme_list")),
        (_("Laws"), reverse("cms:law_list")),
        (_("Gemeenten"), reverse("cms:municipality_list")),
    ]
    path = request.path
    return {
        "main_navigation": [
            {
                "label": label,
                "url": url,
                "current": "page" if path == url else ("true" if path.startswith(url) else ""),
            }
            for label, url in items
            if url
        ]
    }


def account(request) -> dict:
    """The unread notification count in the header, for people who are logged in (one cheap count)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from accounts.models import Notification

    return {
        "unread_notifications": lambda: (
            Notification.objects.filter(user=user).unread().visible_to(request.audience).count()
        )
    }
