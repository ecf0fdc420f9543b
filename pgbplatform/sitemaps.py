"""/sitemap.xml: every public page, browse page and public forum question."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from accounts.selectors import audience_for
from cms.models import Law, Municipality, Theme
from forum.models import Question


class StaticViewSitemap(Sitemap):
    def items(self):
        return ["cms:theme_list", "cms:law_list", "cms:municipality_list", "forum:question_list"]

    def location(self, item):
        return reverse(item)


class TaxonomySitemap(Sitemap):
    def items(self):
        return [*Theme.objects.all(), *Law.objects.all(), *Municipality.objects.all()]


class QuestionSitemap(Sitemap):
    def items(self):
        return Question.objects.visible_to(audience_for(None)).order_by("pk")  # what crawlers may read

    def lastmod(self, question):
        return question.updated_at


sitemaps = {
    "pages": WagtailSitemap,
    "browse": StaticViewSitemap,
    "taxonomy": TaxonomySitemap,
    "forum": QuestionSitemap,
}
