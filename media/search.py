"""How videos (with every caption cue) and policy documents (with their PDF pages) become search documents."""

from collections.abc import Iterator

from cms.search import live_pages, page_document
from media.models import DocumentPage, VideoPage
from search.types import CaptionCue, SearchDocument


class MediaDocuments:
    name = "media"

    def documents(self) -> Iterator[SearchDocument]:
        for video in live_pages(VideoPage).iterator(chunk_size=200):
            cues = tuple(CaptionCue(start=cue.start, text=cue.text) for cue in video.cues)
            yield page_document(video, cues=cues)
        for document in live_pages(DocumentPage).iterator(chunk_size=200):
            yield page_document(document)
