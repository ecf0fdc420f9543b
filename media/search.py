"""How videos (with every caption cue) and policy documents (with their PDF pages) become search documents."""

from collections.abc import Iterator

from cms.search import is_searchable, live_pages, page_document
from media.models import DocumentPage, VideoPage
from search.types import CaptionCue, SearchDocument


class MediaDocuments:
    name = "media"

    def documents(self) -> Iterator[SearchDocument]:
        for video in live_pages(VideoPage).iterator(chunk_size=200):
            yield self.video_document(video)
        for document in live_pages(DocumentPage).iterator(chunk_size=200):
            yield page_document(document)

    def document_for(self, obj) -> SearchDocument | None:
        if isinstance(obj, VideoPage) and is_searchable(obj):
            return self.video_document(obj)
        if isinstance(obj, DocumentPage) and is_searchable(obj):
            return page_document(obj)
        return None

    @staticmethod
    def video_document(video: VideoPage) -> SearchDocument:
        return page_document(
            video, cues=tuple(CaptionCue(start=cue.start, text=cue.text) for cue in video.cues)
        )
