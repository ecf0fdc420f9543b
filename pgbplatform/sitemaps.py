"""/sitemap.xml: every public page, browse page and listing, and every content type's own items,
as far as an anonymous visitor (a crawler) may see them; every address at the public address
(PGB_BASE_URL), or where it is empty at the address the sitemap was asked at."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.models import Page

from accounts.selectors import audience_for
from cms import content_types, selectors
from cms.models import Law, Municipality, Theme


class PublicAddress:
    """Addresses at PGB_BASE_URL: its scheme, and its host (with a path prefix, if any) as the domain."""

    def get_protocol(self, protocol=None):
        base = settings.PGB_BASE_URL
        return urlsplit(base).scheme if base else super().get_protocol(protocol)

    def get_domain(self, site=None):
        base = settings.PGB_BASE_URL
        return base.split("://", 1)[-1].rstrip("/") if base else super().get_domain(site)


class PageSitemap(PublicAddress, WagtailSitemap):
    """Wagtail's pages, their addresses moved from the Wagtail site's root (http://localhost) to ours."""

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            parts = urlsplit(url["location"])
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            url["location"] = f"{protocol}://{domain}{path}"
        return urls


class BrowseSitemap(PublicAddress, Sitemap):
    """The browse indexes, and the listings of content types outside Wagtail's page tree."""

    def items(self):
        urls = [reverse(name) for name in ("cms:theme_list", "cms:law_list", "cms:municipality_list")]
        for content_type in content_types.all():
            if not issubclass(content_type.model, Page) and content_type.listing():
                urls.append(content_type.listing())
        return urls

    def location(self, item):
        return item


class TaxonomySitemap(PublicAddress, Sitemap):
    """Every theme and law page, and the pages of gemeenten that have shared something a visitor may
    see (the others only repeat their province's items until they have content of their own)."""

    def items(self):
        shared = selectors.municipality_item_counts(audience=audience_for(None))
        municipalities = Municipality.objects.filter(code__in=list(shared)).order_by("name")
        return [*Theme.objects.all(), *Law.objects.all(), *municipalities]


class ContentTypeSitemap(PublicAddress, Sitemap):
    """The items of one content type that lives outside the page tree (forum questions)."""

    def __init__(self, content_type: content_types.ContentType):
        super().__init__()
        self.content_type = content_type

    def items(self):
        return self.content_type.sitemap(audience_for(None))

    def lastmod(self, item):
        return getattr(item, "updated_at", None)


def all_sitemaps() -> dict:
    """{section: sitemap}: pages, browse pages, taxonomy, and each content type with items of its own.

    Read when the URLconf loads, after every app registered its types.
    """
    sections = {"pages": PageSitemap, "browse": BrowseSitemap, "taxonomy": TaxonomySitemap}
    for content_type in content_types.all():
        if content_type.sitemap is not None:
            sections[content_type.key] = ContentTypeSitemap(content_type)
    return sections


sitemaps = all_sitemaps()
