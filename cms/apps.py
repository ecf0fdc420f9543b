"""App configuration for cms: registers the good-practice case and article content types."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    label = "cms"
    verbose_name = _("Content: pages and taxonomy")

    def ready(self) -> None:
        from cms import content_types, selectors, signals
        from cms.exchange.handlers import ArticleHandler, CaseHandler
        from cms.models import ArticleIndexPage, ArticlePage, CaseIndexPage, CasePage
        from cms.search import PageDocuments
        from search import service as search_service

        content_types.register(
            content_types.ContentType(
                key="case",
                label=_("Good practice"),
                plural=_("Good practices"),
                model=CasePage,
                listing=selectors.listing_url(CaseIndexPage),
                order=10,
                exchange=CaseHandler(),
                documents=PageDocuments("case", CasePage),
                home=selectors.latest(CasePage, 3),
            )
        )
        content_types.register(
            content_types.ContentType(
                key="article",
                label=_("Article"),
                plural=_("Articles"),
                model=ArticlePage,
                listing=selectors.listing_url(ArticleIndexPage),
                order=30,
                exchange=ArticleHandler(),
                documents=PageDocuments("article", ArticlePage),
                home=selectors.latest(ArticlePage, 3),
            )
        )
        search_service.register_labels("type", content_types.labels)
        search_service.register_labels("theme", selectors.theme_labels)
        search_service.register_labels("law", selectors.law_labels)
        search_service.register_labels("municipality", selectors.municipality_labels)
        search_service.register_labels("province", selectors.province_labels)
        signals.connect()
