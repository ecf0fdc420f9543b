"""App configuration for media."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    name = "media"
    label = "media"
    verbose_name = _("Videos and documents")

    def ready(self) -> None:
        from cms import home, selectors
        from cms.exchange import registry
        from media.exchange import DocumentHandler, VideoHandler
        from media.models import VideoIndexPage, VideoPage

        home.register_section(
            home.HomeSection(
                key="videos",
                heading=_("Explainer videos"),
                order=20,
                items=lambda request: selectors.latest_published(VideoPage, 3),
                more_url=lambda: selectors.index_url(VideoIndexPage),
                more_label=_("All videos"),
            )
        )
        registry.register(VideoHandler())
        registry.register(DocumentHandler())

        from media.search import MediaDocuments
        from search import service as search_service

        search_service.register(MediaDocuments())
