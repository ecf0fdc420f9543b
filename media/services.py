"""Writes of explainer videos (with their captions) and policy documents; other apps may call these.

Each raises ValidationError naming the field it refuses; nothing is written then.
"""

from pathlib import Path

from django.core.exceptions import ValidationError

from cms.services import PageFields, document_for_file, knowledge_page_save
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
    return knowledge_page_save(page=video, fields=fields, parent_model=VideoIndexPage, **placement)


def document_save(
    *, document: DocumentPage | None, fields: PageFields, body: list, **placement
) -> DocumentPage:
    """Create or update a policy document: a page around at least one file."""
    if not fields.attachments:
        raise ValidationError({"attachments": "a policy document needs its file"})
    document = document or DocumentPage()
    document.body = body
    return knowledge_page_save(page=document, fields=fields, parent_model=DocumentIndexPage, **placement)
