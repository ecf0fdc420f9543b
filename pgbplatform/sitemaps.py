"""/sitemap.xml: every public page, browse page and listing, and every content type's own items,
as far as an anonymous visitor (a crawler) may see them."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.models import Page

from accounts.selectors import audience_for
from cms import content_types
from cms.models import Law, Municipality, Theme


class BrowseSitemap(Sitemap):
    """The browse indexes, and the listings of content types outside Wagtail's page tree."""

    def items(self):
        urls = [reverse(name) for name in ("cms:theme_list", "cms:law_list", "cms:municipality_list")]
        for content_type in content_types.all():
            if not issubclass(content_type.model, Page) and content_type.listing():
                urls.append(content_type.listing())
        return urls

    def location(self, item):
        return item


class TaxonomySitemap(Sitemap):
    def items(self):
        return [*Theme.objects.all(), *Law.objects.all(), *Municipality.objects.all()]


class ContentTypeSitemap(Sitemap):
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
    sections = {"pages": WagtailSitemap, "browse": BrowseSitemap, "taxonomy": TaxonomySitemap}
    for content_type in content_types.all():
        if content_type.sitemap is not None:
            sections[content_type.key] = ContentTypeSitemap(content_type)
    return sections


sitemaps = all_sitemaps()
