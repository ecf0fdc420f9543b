"""Exchange-format handlers for explainer videos and policy documents."""

from cms.exchange.handlers import PageHandler, text_body
from media import services
from media.captions import caption_errors
from media.models import DocumentPage, VideoPage


class VideoHandler(PageHandler):
    model = VideoPage

    def check_own(self, item, clean, checker):
        duration = item.get("duration")
        if duration is None:
            checker.error("duration", "is required")
        elif not isinstance(duration, int) or isinstance(duration, bool) or duration < 0:
            checker.error("duration", f"must be a whole number of seconds, not {duration!r}")
        captions = item.get("captions")
        if not isinstance(captions, str) or not captions.strip():
            checker.error("captions", "is required for videos (WebVTT)")
        else:
            for error in caption_errors(captions):
                checker.error("captions", f"invalid WebVTT: {error}")
        clean.extra = {
            "speaker": checker.string(item, "speaker", "speaker", required=False, max_len=200),
            "duration": duration if isinstance(duration, int) else None,
            "captions": captions if isinstance(captions, str) else "",
        }

    def save(self, page, clean, fields, placement):
        return services.video_save(
            video=page, fields=fields, body=text_body(clean.body), **clean.extra, **placement
        )

    def export_own(self, page, item):
        if page.speaker:
            item["speaker"] = page.speaker
        item["duration"] = page.duration or 0
        item["captions"] = page.captions


class DocumentHandler(PageHandler):
    model = DocumentPage
    attachments_required = True

    def save(self, page, clean, fields, placement):
        return services.document_save(document=page, fields=fields, body=text_body(clean.body), **placement)
