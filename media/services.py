"""Writes of explainer videos (with their captions) and policy documents; other apps may call these.

Each raises ValidationError naming the field it refuses; nothing is written then.
"""

import io
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from cms.services import PageFields, document_for_file, knowledge_page_save
from media import probe
from media.captions import caption_errors
from media.models import DocumentIndexPage, DocumentPage, VideoIndexPage, VideoPage, validate_external_video
from media.video_files import video_problem

MAX_DURATION = 24 * 60 * 60  # seconds: a day is longer than any explainer video


def video_save(
    *,
    video: VideoPage | None,
    fields: PageFields,
    body: list,
    captions: str,
    duration: int | None,
    speaker: str = "",
    video_file: Path | None = None,
    external_url: str = "",
    **placement,
) -> VideoPage:
    """Create or update an explainer video; its WebVTT `captions` give the transcript and search text,
    `video_file` (WebM or MP4, checked by content) the file the player plays."""
    errors = caption_errors(captions)
    if errors:
        raise ValidationError({"captions": errors})
    if video_file is not None and (problem := video_problem(video_file)):
        raise ValidationError({"video_file": problem})
    validate_external_video(external_url)
    if duration is not None and not (isinstance(duration, int) and 0 <= duration <= MAX_DURATION):
        raise ValidationError({"duration": f"must be a whole number of seconds from 0 to {MAX_DURATION}"})
    video = video or VideoPage()
    video.body = body
    video.captions = captions
    video.duration = duration
    video.speaker = speaker
    video.video_file = document_for_file(video_file, fields.title) if video_file is not None else None
    video.external_url = external_url
    if video_file is not None and video.poster_id is None and probe.available():
        jpeg = probe.poster_frame(video_file, at=1.0)
        if jpeg:
            video.poster = poster_image(fields.title, jpeg)
    return knowledge_page_save(page=video, fields=fields, parent_model=VideoIndexPage, **placement)


def attach_uploaded_video(
    video: VideoPage, upload, *, kind: str, duration: float | None, poster_jpeg: bytes | None
) -> None:
    """Store an uploaded, already checked video file as the video's file (a new Wagtail document,
    served only through the page); the duration ffprobe read and, when the video has no poster yet,
    the frame ffmpeg took become the video's. The page itself is saved by its caller."""
    document = get_document_model()(title=video.title)
    document.file.save(f"{video.slug or 'video'}.{kind}", upload, save=False)
    document._set_document_file_metadata()  # size and hash, as Wagtail's own upload form sets them
    document.save()
    video.video_file = document
    video.external_url = ""
    if duration is not None:
        video.duration = max(1, round(duration))
    if poster_jpeg and video.poster_id is None:
        video.poster = poster_image(video.title, poster_jpeg)


def poster_image(title: str, jpeg: bytes):
    """A Wagtail image of a frame ffmpeg took from a video: its poster."""
    poster = get_image_model()(title=_("%(title)s (still from the video)") % {"title": title})
    name = f"{slugify(title)[:60] or 'video'}-poster.jpg"
    poster.file = ImageFile(io.BytesIO(jpeg), name=name)  # assigning an ImageFile sets width and height
    poster._set_image_file_metadata()
    poster.save()
    return poster


def document_save(
    *, document: DocumentPage | None, fields: PageFields, body: list, **placement
) -> DocumentPage:
    """Create or update a policy document: a page around at least one file."""
    if not fields.attachments:
        raise ValidationError({"attachments": "a policy document needs its file"})
    document = document or DocumentPage()
    document.body = body
    return knowledge_page_save(page=document, fields=fields, parent_model=DocumentIndexPage, **placement)
