"""Attachments to posts: PDF, PNG and JPEG only, recognised by their content (never by the name or the
browser's content type), within a size cap; images are written anew without their metadata (a phone
photo's location, a hidden payload after the image data).

`attachments_check` reads every upload before anything is stored, so a refused file leaves no post
half-written; `attachments_store` keeps the checked files for a post that was just saved.
"""

import io
import os
import re
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from forum.models import Answer, Attachment, Question
from forum.models.attachments import EXTENSIONS

ALSO_FINE = {".jpeg": "image/jpeg", ".jpg": "image/jpeg"}
MAX_PIXELS = 40_000_000  # a 40-megapixel image is larger than any phone photo; more is a "pixel bomb"
NAME_MAX = 100


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content_type: str
    data: bytes


def _base_name(raw: str) -> str:
    """The uploader's file name without the folders a browser or a crafted request may send."""
    return os.path.basename((raw or "").replace("\\", "/"))


def clean_name(raw: str, content_type: str) -> str:
    """The uploader's file name without folders, control characters or odd spacing, ending in the
    extension of what the file really is ("rapport.exe" that is a PDF becomes "rapport.exe.pdf")."""
    name = _base_name(raw)
    name = "".join(ch for ch in unicodedata.normalize("NFC", name) if unicodedata.category(ch)[0] != "C")
    name = re.sub(r"\s+", " ", name).strip(" .")
    stem, extension = os.path.splitext(name)
    if extension.lower() != EXTENSIONS[content_type] and ALSO_FINE.get(extension.lower()) != content_type:
        stem, extension = name, EXTENSIONS[content_type]
    stem = stem[: NAME_MAX - len(extension)].strip(" .") or _("attachment")
    return stem + extension.lower()


def _check_pdf(data: bytes, name: str) -> None:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise ValidationError(
                _("“%(name)s” is protected with a password; attach it without one.") % {"name": name}
            )
        if len(reader.pages) < 1:
            raise PyPdfError("no pages")
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError) as error:
        raise ValidationError(_("“%(name)s” is not a readable PDF file.") % {"name": name}) from error


def _rewrite_image(data: bytes, name: str) -> tuple[str, bytes]:
    """Decode the image fully and write it anew: only pixels survive (no EXIF, no trailing bytes)."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in ("PNG", "JPEG"):
                raise UnidentifiedImageError(image.format)
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(
                    _("“%(name)s” has too many pixels; make the image smaller.") % {"name": name}
                )
            kind = image.format
            image = ImageOps.exif_transpose(image)  # keep the orientation the metadata described
            out = io.BytesIO()
            if kind == "PNG":
                image.save(out, "PNG", optimize=True)
            else:
                if image.mode not in ("RGB", "L", "CMYK"):
                    image = image.convert("RGB")
                image.save(out, "JPEG", quality=90, optimize=True)
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
        raise ValidationError(
            _("“%(name)s” is not a readable PNG or JPEG image.") % {"name": name}
        ) from error
    return ("image/png" if kind == "PNG" else "image/jpeg"), out.getvalue()


def attachments_check(uploads) -> list[CheckedFile]:
    """Read and check every upload; raises one ValidationError on "attachments" naming each bad file."""
    uploads = [upload for upload in uploads or () if upload is not None]
    limit, max_bytes = (
        settings.PGB_FORUM_ATTACHMENTS_PER_POST,
        settings.PGB_FORUM_ATTACHMENT_MAX_MB * 1024 * 1024,
    )
    if len(uploads) > limit:
        raise ValidationError({"attachments": _("Attach at most %(count)s files.") % {"count": limit}})
    checked, errors = [], []
    for upload in uploads:
        shown = _base_name(upload.name)[:NAME_MAX] or _("attachment")
        if upload.size > max_bytes:
            errors.append(
                _("“%(name)s” is %(size)s; files of at most %(max)s can be attached.")
                % {"name": shown, "size": filesizeformat(upload.size), "max": filesizeformat(max_bytes)}
            )
            continue
        upload.seek(0)
        data = upload.read(max_bytes + 1)
        try:
            if data.startswith(b"%PDF-"):
                _check_pdf(data, shown)
                content_type = "application/pdf"
            elif data.startswith(b"\x89PNG\r\n\x1a\n") or data.startswith(b"\xff\xd8\xff"):
                content_type, data = _rewrite_image(data, shown)
            else:
                raise ValidationError(
                    _("“%(name)s” is not a PDF, PNG or JPEG file; only those can be attached.")
                    % {"name": shown}
                )
        except ValidationError as error:
            errors.extend(error.messages)
            continue
        checked.append(
            CheckedFile(name=clean_name(upload.name, content_type), content_type=content_type, data=data)
        )
    if errors:
        raise ValidationError({"attachments": errors})
    return checked


def attachments_store(*, post: Question | Answer, files: list[CheckedFile], by) -> list[Attachment]:
    """Keep checked files with the post they belong to (called by the posting services)."""
    stored = []
    for checked in files:
        attachment = Attachment(
            **Attachment.on(post),
            name=checked.name,
            content_type=checked.content_type,
            size=len(checked.data),
            uploaded_by=by,
        )
        attachment.file.save(checked.name, ContentFile(checked.data), save=False)
        attachment.save()
        stored.append(attachment)
    return stored
