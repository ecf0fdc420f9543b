"""Template context shared by every page: the site name and the main navigation."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cms.models import ArticleIndexPage, CaseIndexPage
from cms.selectors import index_url
from media.models import DocumentIndexPage, VideoIndexPage


def site(request) -> dict:
    return {"PGB_SITE_NAME": settings.WAGTAIL_SITE_NAME}


def navigation(request) -> dict:
    """The main menu; the item whose section holds the current page gets aria-current."""
    items = [
        (_("Good practices"), index_url(CaseIndexPage)),
        (_("Videos"), index_url(VideoIndexPage)),
        (_("News"), index_url(ArticleIndexPage)),
        (_("Documents"), index_url(DocumentIndexPage)),
        (_("Forum"), reverse("forum:question_list")),
        (_("Themes"), reverse("cms:theme_list")),
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
