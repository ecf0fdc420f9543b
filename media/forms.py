"""The explainer video's admin form: a video file and captions uploaded, checked before anything is stored.

A file is accepted only when its content is MP4 or WebM (first bytes) and, where Debian's ffprobe is
installed, ffprobe reads it as such a video with a picture; its duration and a poster frame are then
taken from it. Captions may be pasted or uploaded (UTF-8 WebVTT); either way they are checked cue by
cue, and a video is not published without them.
"""

import logging
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminPageForm

from media import probe
from media.captions import caption_errors
from media.video_files import video_kind

logger = logging.getLogger(__name__)
MAX_CAPTIONS_BYTES = 1024 * 1024


@contextmanager
def on_disk(upload):
    """A path to the uploaded file's bytes: Django's own temporary file, or one written for ffprobe."""
    if hasattr(upload, "temporary_file_path"):
        yield Path(upload.temporary_file_path())
        return
    with tempfile.NamedTemporaryFile(prefix="pgb-upload-") as copy:
        for chunk in upload.chunks():
            copy.write(chunk)
        copy.flush()
        upload.seek(0)
        yield Path(copy.name)


class VideoPageForm(WagtailAdminPageForm):
    upload = forms.FileField(
        label=gettext_lazy("Upload a video file"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "video/mp4,video/webm,.mp4,.webm"}),
    )
    captions_upload = forms.FileField(
        label=gettext_lazy("Upload captions (WebVTT)"),
        required=False,
        widget=forms.FileInput(attrs={"accept": ".vtt,text/vtt"}),
        help_text=gettext_lazy("A .vtt file in UTF-8; it replaces the captions below."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.probed: probe.Probe | None = None
        self.poster_jpeg: bytes | None = None
        limit = filesizeformat(settings.PGB_VIDEO_MAX_MB * 1024 * 1024)
        help_text = _("MP4 or WebM, at most %(limit)s; it replaces the current file.") % {"limit": limit}
        if not probe.available():
            help_text += " " + _(
                "This server cannot inspect videos (ffprobe is missing): the file is checked on its "
                "first bytes only, and you fill in the duration yourself."
            )
        self.fields["upload"].help_text = help_text
        if "captions" in self.fields:  # pasted or uploaded: clean() asks for one of the two
            self.fields["captions"].required = False

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if not upload:
            return None
        limit = settings.PGB_VIDEO_MAX_MB * 1024 * 1024
        if upload.size > limit:
            raise ValidationError(
                _("The file is %(size)s; a video may be at most %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
            )
        kind = video_kind(upload.read(12))
        upload.seek(0)
        if kind is None:
            raise ValidationError(
                _("This file is not an MP4 or WebM video (judged by its content, not its name).")
            )
        if probe.available():
            with on_disk(upload) as path:
                try:
                    self.probed = probe.probe(path, kind)
                except probe.NotAVideo as problem:
                    logger.info("Refused video upload %s: %s", upload.name, problem)
                    raise ValidationError(
                        _(
                            "This file cannot be played as a video: it is damaged or not a real %(kind)s video."
                        )
                        % {"kind": kind.upper()}
                    ) from None
                self.poster_jpeg = probe.poster_frame(path, at=min(1.0, self.probed.duration / 2))
        upload.pgb_kind = kind
        return upload

    def clean_captions_upload(self):
        upload = self.cleaned_data.get("captions_upload")
        if not upload:
            return ""
        if upload.size > MAX_CAPTIONS_BYTES:
            raise ValidationError(
                _("A captions file may be at most %(limit)s.") % {"limit": filesizeformat(MAX_CAPTIONS_BYTES)}
            )
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(
                _("The captions file is not UTF-8 text; save it as UTF-8 and try again.")
            ) from None
        errors = caption_errors(text)
        if errors:
            raise ValidationError(errors)
        return text.replace("\r\n", "\n")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("captions_upload"):
            cleaned["captions"] = cleaned["captions_upload"]
        deferred = self.is_deferred_validation  # a draft may wait for its captions; publishing may not
        if not (cleaned.get("captions") or "").strip() and "captions" not in self.errors and not deferred:
            self.add_error(
                "captions",
                _("A video needs Dutch captions: paste WebVTT here or upload a .vtt file above."),
            )
        if cleaned.get("upload") and cleaned.get("external_url"):
            self.add_error(
                "external_url", _("Give either a video file or an address on YouTube or Vimeo, not both.")
            )
        if cleaned.get("upload") and self.probed is None and not cleaned.get("duration") and not deferred:
            self.add_error("duration", _("Fill in the duration: this server cannot read it from the file."))
        return cleaned

    def save(self, commit=True):
        page = super().save(commit=False)
        upload = self.cleaned_data.get("upload")
        if upload:
            from media import services  # the services import the models, which import this form

            services.attach_uploaded_video(
                page,
                upload,
                kind=upload.pgb_kind,
                duration=self.probed.duration if self.probed else None,
                poster_jpeg=self.poster_jpeg,
            )
        if commit:
            page.save()
        return page
