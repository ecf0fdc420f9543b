"""App configuration for cms."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    label = "cms"
    verbose_name = _("Content: pages and taxonomy")

    def ready(self) -> None:
        from cms import home, selectors
        from cms.exchange import registry
        from cms.exchange.handlers import ArticleHandler, CaseHandler
        from cms.models import ArticleIndexPage, ArticlePage, CaseIndexPage, CasePage

        home.register_section(
            home.HomeSection(
                key="cases",
                heading=_("Latest good practices"),
                order=10,
                items=lambda request: selectors.latest_published(CasePage, 3),
                more_url=lambda: selectors.index_url(CaseIndexPage),
                more_label=_("All good practices"),
            )
        )
        home.register_section(
            home.HomeSection(
                key="articles",
                heading=_("News and background"),
                order=30,
                items=lambda request: selectors.latest_published(ArticlePage, 3),
                more_url=lambda: selectors.index_url(ArticleIndexPage),
                more_label=_("All news"),
            )
        )
        registry.register(CaseHandler())
        registry.register(ArticleHandler())

        from cms.search import PageDocuments
        from search import service as search_service

        search_service.register(PageDocuments())
        search_service.register_labels("theme", selectors.theme_labels)
        search_service.register_labels("law", selectors.law_labels)
        search_service.register_labels("municipality", selectors.municipality_labels)

        from cms import signals

        signals.connect()
