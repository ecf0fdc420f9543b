"""Atom feeds of what is new: the whole platform, each listing, theme, law, gemeente and search.

Every feed reads the search service for the public audience, whoever asks: members-only content is
never in a feed, so a feed can be cached and shared. Links are absolute, from PGB_BASE_URL when set.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from cms import content_types, selectors
from cms.models import IndexPage, Law, Municipality, Theme
from search import service
from search.types import PUBLIC, Hit, SearchRequest

FEED_SIZE = 30
CACHE_SECONDS = 600  # the same for everyone (public content only), so shared caches may keep it
LABELLERS: dict[str, Callable] = {
    "type": content_types.labels,
    "theme": selectors.theme_labels,
    "law": selectors.law_labels,
    "municipality": selectors.municipality_labels,
    "province": selectors.province_labels,
}


@dataclass(frozen=True)
class Subject:
    """What one feed follows: its titles, the page it belongs to and the search that fills it."""

    title: str
    subtitle: str
    page: str  # the path of the page the feed follows
    feed: str  # the feed's own path (with its query string)
    text: str = ""
    filters: tuple[tuple[str, tuple[str, ...]], ...] = ()
    base: str = ""  # scheme and host of absolute links, without a trailing slash


@dataclass(frozen=True)
class Entry:
    """One item of a feed: a search hit and its absolute address."""

    hit: Hit
    link: str
    guid: str


class InvalidQuery(Exception):
    """A search feed parameter that cannot be used; the text is shown as is (translated)."""


def base_url(request: HttpRequest) -> str:
    """The public address (PGB_BASE_URL) when it is set, else the address the request came to."""
    return (getattr(settings, "PGB_BASE_URL", "") or request.build_absolute_uri("/")).rstrip("/")


def _titled(what: str) -> str:
    return _("%(site)s – %(what)s") % {"site": settings.WAGTAIL_SITE_NAME, "what": what}


def _published(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class SearchFeed(Feed):
    """An Atom feed of the newest public search hits for one Subject; subclasses say which."""

    feed_type = Atom1Feed
    language = "nl"

    def subject(self, request: HttpRequest, **kwargs) -> Subject:
        raise NotImplementedError

    def __call__(self, request, *args, **kwargs):
        try:
            response = super().__call__(request, *args, **kwargs)
        except InvalidQuery as error:
            return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
        response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
        return response

    def get_object(self, request, *args, **kwargs) -> Subject:
        return replace(self.subject(request, **kwargs), base=base_url(request))

    def title(self, obj: Subject) -> str:
        return obj.title

    def subtitle(self, obj: Subject) -> str:
        return obj.subtitle

    def link(self, obj: Subject) -> str:
        return obj.base + obj.page

    def feed_url(self, obj: Subject) -> str:
        return obj.base + obj.feed

    def feed_guid(self, obj: Subject) -> str:
        return obj.base + obj.feed

    def author_name(self) -> str:
        return settings.WAGTAIL_SITE_NAME

    def items(self, obj: Subject) -> list[Entry]:
        results = service.search(
            SearchRequest(
                text=obj.text,
                filters=obj.filters,
                sort="newest",
                page_size=FEED_SIZE,
                audience=PUBLIC,  # never the viewer's: a feed is the same for everyone
                facets=False,
            )
        )
        host = obj.base.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
        return [
            Entry(hit=hit, link=obj.base + hit.url, guid=f"tag:{host},{hit.published:%Y-%m-%d}:{hit.id}")
            for hit in results.hits
        ]

    def item_title(self, item: Entry) -> str:
        return item.hit.title  # an Atom title is text: the feed writer escapes it

    def item_description(self, item: Entry) -> str:
        return escape(item.hit.summary)  # Atom's summary is HTML here; ours is plain text

    def item_link(self, item: Entry) -> str:
        return item.link

    def item_guid(self, item: Entry) -> str:
        return item.guid

    def item_pubdate(self, item: Entry) -> datetime.datetime:
        return _published(item.hit.published)

    def item_updateddate(self, item: Entry) -> datetime.datetime:
        return _published(item.hit.published)

    def item_categories(self, item: Entry) -> list[str]:
        content_type = content_types.get(item.hit.type)
        return [str(content_type.label)] if content_type else []


class PlatformFeed(SearchFeed):
    """/feed/: everything new on the platform."""

    def subject(self, request, **kwargs) -> Subject:
        return Subject(
            title=_titled(_("What is new")),
            subtitle=_("The newest good practices, articles, documents, videos and forum questions."),
            page="/",
            feed=reverse("feeds:platform"),
        )


class ThemeFeed(SearchFeed):
    """/thema/<slug>/feed/: everything new about one theme."""

    def subject(self, request, *, slug: str) -> Subject:
        theme = get_object_or_404(Theme, slug=slug)
        return Subject(
            title=_titled(_("Theme %(name)s") % {"name": theme.name}),
            subtitle=_("Everything new about the theme %(name)s, newest first.") % {"name": theme.name},
            page=theme.get_absolute_url(),
            feed=reverse("feeds:theme", kwargs={"slug": slug}),
            filters=(("theme", (theme.slug,)),),
        )


class LawFeed(SearchFeed):
    """/wet/<slug>/feed/: everything new under one law."""

    def subject(self, request, *, slug: str) -> Subject:
        law = get_object_or_404(Law, slug=slug)
        return Subject(
            title=_titled(_("Law %(name)s") % {"name": law.abbreviation}),
            subtitle=_("Everything new about the pgb under the %(name)s, newest first.")
            % {"name": law.abbreviation},
            page=law.get_absolute_url(),
            feed=reverse("feeds:law", kwargs={"slug": slug}),
            filters=(("law", (law.slug,)),),
        )


class MunicipalityFeed(SearchFeed):
    """/gemeente/<slug>/feed/: everything new from or about one gemeente."""

    def subject(self, request, *, slug: str) -> Subject:
        municipality = get_object_or_404(Municipality, slug=slug)
        return Subject(
            title=_titled(_("Gemeente %(name)s") % {"name": municipality.label}),
            subtitle=_("Everything new from and about gemeente %(name)s, newest first.")
            % {"name": municipality.label},
            page=municipality.get_absolute_url(),
            feed=reverse("feeds:municipality", kwargs={"slug": slug}),
            filters=(("municipality", (municipality.code,)),),
        )


def listing_outside_wagtail(path: str) -> content_types.ContentType | None:
    """The content type whose listing is a view of its own at `path` ("forum"), not a Wagtail page."""
    for content_type in content_types.all():
        if not issubclass(content_type.model, Page) and content_type.listing() == f"/{path}/":
            return content_type
    return None


def listing_type(request: HttpRequest, path: str) -> content_types.ContentType | None:
    """The content type whose listing is at `path` ("goede-voorbeelden"): a live, public Wagtail
    listing page (IndexPage) of the default site, or a listing outside Wagtail (the forum)."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None:
        try:
            page = site.root_page.specific.route(request, [part for part in path.split("/") if part]).page
        except Http404:
            page = None
        if isinstance(page, IndexPage):
            return None if page.get_view_restrictions() else content_types.for_model(page.listed_model)
    return listing_outside_wagtail(path)


def listing_subject(content_type: content_types.ContentType, path: str) -> Subject:
    """The feed of the listing of `content_type`, which is at `path` ("goede-voorbeelden")."""
    plural = str(content_type.plural)
    return Subject(
        title=_titled(plural),
        subtitle=_("The newest %(listing)s on the platform.") % {"listing": plural.lower()},
        page=f"/{path}/",
        feed=f"/{path}/feed/",
        filters=(("type", (content_type.key,)),),
    )


class ListingFeed(SearchFeed):
    """<listing>/feed/: the newest items of one content type."""

    def subject(self, request, *, path: str) -> Subject:
        content_type = listing_type(request, path)
        if content_type is None:
            raise Http404
        return listing_subject(content_type, path)


def _query(params) -> tuple[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    """The text and filters of the search page's parameters, checked as the search page checks them."""
    try:
        request = service.parse_request(params, audience=PUBLIC, page_parameter="pagina")
    except service.InvalidParameter as error:
        raise InvalidQuery(
            _("This search cannot be done: “%(parameter)s” %(message)s.")
            % {"parameter": service.parameter_name(error.parameter), "message": error.message}
        ) from None
    return request.text, request.filters


def _describe(text: str, filters) -> str:
    parts = [f"“{text}”"] if text else []
    for field, values in filters:
        names = LABELLERS[field](values) if field in LABELLERS else {}
        parts += [str(names.get(value, value)) for value in values]
    return ", ".join(parts) or _("everything")


class SearchQueryFeed(SearchFeed):
    """/zoeken/feed/?q=…&theme=…: the newest results of one search (the search page's parameters)."""

    def subject(self, request, **kwargs) -> Subject:
        text, filters = _query(request.GET)
        pairs = ([("q", text)] if text else []) + [(f, v) for f, values in filters for v in values]
        query = f"?{urlencode(pairs)}" if pairs else ""
        described = _describe(text, filters)
        return Subject(
            title=_titled(_("Search results for %(query)s") % {"query": described}),
            subtitle=_("The newest search results for %(query)s.") % {"query": described},
            page=reverse("search:search") + query,
            feed=reverse("feeds:search") + query,
            text=text,
            filters=filters,
        )


platform_feed = PlatformFeed()
theme_feed = ThemeFeed()
law_feed = LawFeed()
municipality_feed = MunicipalityFeed()
listing_feed = ListingFeed()
search_feed = SearchQueryFeed()
