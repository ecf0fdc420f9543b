"""Template context: the Atom feed that follows the current page, decided here and nowhere else."""

from django.http import Http404, HttpRequest
from wagtail.models import Page

from cms import content_types, feeds
from cms.models import IndexPage

# Browse pages (by URL name) and the feed of each; the feed takes the page's own URL arguments.
BROWSE_FEEDS = {
    "cms:theme_detail": feeds.theme_feed,
    "cms:law_detail": feeds.law_feed,
    "cms:municipality_detail": feeds.municipality_feed,
}


def _subject(request: HttpRequest) -> feeds.Subject | None:
    match = request.resolver_match
    if match is None:
        return None
    path = request.path.strip("/")
    if match.view_name in BROWSE_FEEDS:
        return BROWSE_FEEDS[match.view_name].subject(request, **match.kwargs)
    if match.view_name == "search:search":
        return feeds.search_feed.subject(request)
    if match.view_name != "wagtail_serve":
        content_type = feeds.listing_outside_wagtail(path) if path else None
        return feeds.listing_subject(content_type, path) if content_type else None
    if not path:
        return feeds.platform_feed.subject(request)
    # Wagtail has routed this request already and keeps the result on it: no extra queries.
    route = Page.route_for_request(request, request.path)
    page = route.page if route else None
    if isinstance(page, IndexPage) and not page.get_view_restrictions():
        return feeds.listing_subject(content_types.for_model(page.listed_model), path)
    return None


def feed(request: HttpRequest) -> dict:
    """`page_feed` (title and url) for the page's <link rel="alternate"> and its visible link; absent
    where a page has no feed or does not exist (a 404 page links to no feed)."""
    try:
        subject = _subject(request)
    except (Http404, feeds.InvalidQuery):
        return {}
    return {"page_feed": {"title": subject.title, "url": subject.feed}} if subject else {}
