"""App configuration for media: registers the explainer video and policy document content types."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediaConfig(AppConfig):
    name = "media"
    label = "media"
    verbose_name = _("Videos and documents")

    def ready(self) -> None:
        from cms import content_types, selectors
        from cms.search import PageDocuments
        from media.exchange import DocumentHandler, VideoHandler
        from media.models import DocumentIndexPage, DocumentPage, VideoIndexPage, VideoPage
        from media.search import VideoDocuments

        content_types.register(
            content_types.ContentType(
                key="video",
                label=_("Explainer video"),
                plural=_("Explainer videos"),
                model=VideoPage,
                listing=selectors.listing_url(VideoIndexPage),
                order=20,
                exchange=VideoHandler(),
                documents=VideoDocuments(),
                home=selectors.latest(VideoPage, 3),
            )
        )
        content_types.register(
            content_types.ContentType(
                key="document",
                label=_("Policy document"),
                plural=_("Policy documents"),
                model=DocumentPage,
                listing=selectors.listing_url(DocumentIndexPage),
                order=40,
                exchange=DocumentHandler(),
                documents=PageDocuments("document", DocumentPage),
            )
        )
