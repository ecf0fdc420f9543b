"""How videos become search documents: a page's document plus every caption cue with its second."""

from cms.search import PageDocuments, page_document
from media.models import VideoPage
from search.types import CaptionCue, SearchDocument


class VideoDocuments(PageDocuments):
    def __init__(self):
        super().__init__("video", VideoPage)

    def document(self, video: VideoPage) -> SearchDocument:
        return page_document(
            video, cues=tuple(CaptionCue(start=cue.start, text=cue.text) for cue in video.cues)
        )
