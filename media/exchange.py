"""Exchange-format handlers for explainer videos and policy documents."""

from cms.exchange import limits
from cms.exchange.handlers import PageHandler, text_body
from cms.exchange.validation import shown
from media import external, services
from media.captions import caption_errors
from media.models import DocumentPage, VideoPage
from media.video_files import video_problem


class VideoHandler(PageHandler):
    model = VideoPage

    def check_own(self, item, clean, checker):
        duration = item.get("duration")
        if duration is None:
            checker.error("duration", "is required")
        elif (
            not isinstance(duration, int)
            or isinstance(duration, bool)
            or not 0 <= duration <= limits.MAX_DURATION_SECONDS
        ):
            checker.error(
                "duration",
                f"must be a whole number of seconds from 0 to {limits.MAX_DURATION_SECONDS:,},"
                f" not {shown(duration)}",
            )
            duration = None
        captions = item.get("captions")
        if not isinstance(captions, str) or not captions.strip():
            checker.error("captions", "is required for videos (WebVTT)")
        elif len(captions) > limits.MAX_CAPTIONS:
            checker.error(
                "captions", f"must be at most {limits.MAX_CAPTIONS:,} characters long (is {len(captions):,})"
            )
        else:
            for error in caption_errors(captions):
                checker.error("captions", f"invalid WebVTT: {error}")
        video_file = checker.named_file(
            "video", content=video_problem, kind="a WebM or MP4 video", max_bytes=limits.MAX_VIDEO_BYTES
        )
        if video_file is not None:
            clean.files.append(("video", video_file))
        video_url = checker.string(item, "video_url", "video_url", required=False, max_len=300)
        if video_url and external.parse(video_url) is None:
            checker.error("video_url", f"{shown(video_url)} is not the address of one YouTube or Vimeo video")
            video_url = ""
        if video_url and video_file is not None:
            checker.error("video_url", "give either video or video_url, not both")
        clean.extra = {
            "speaker": checker.string(item, "speaker", "speaker", required=False, max_len=limits.MAX_NAME),
            "duration": duration,
            "captions": captions if isinstance(captions, str) else "",
            "video_file": video_file,
            "external_url": video_url or "",
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
        if page.video_file is not None:
            item["_files"] = {"video": page.video_file}
        if page.external_url:
            item["video_url"] = page.external_url


class DocumentHandler(PageHandler):
    model = DocumentPage
    attachments_required = True

    def save(self, page, clean, fields, placement):
        return services.document_save(document=page, fields=fields, body=text_body(clean.body), **placement)
