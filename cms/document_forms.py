"""Wagtail's document form (the admin's upload, the chooser's upload, the file replaced): a file
named .pdf must be a PDF pypdf can read, or it is refused before anything is stored
(settings.WAGTAILDOCS_DOCUMENT_FORM_BASE)."""

import io
import logging

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from pypdf import PdfReader
from wagtail.documents.forms import BaseDocumentForm

logger = logging.getLogger(__name__)


class DocumentForm(BaseDocumentForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload or not upload.name.lower().endswith(".pdf") or "file" not in self.changed_data:
            return upload
        upload.seek(0)
        head = upload.read(5)
        upload.seek(0)
        if head != b"%PDF-":
            raise ValidationError(
                _("This file is called .pdf but is not a PDF. Save it as PDF and upload it again.")
            )
        try:
            pages = len(PdfReader(io.BytesIO(upload.read())).pages)
        except Exception as problem:  # noqa: BLE001 - a damaged file can make pypdf raise nearly anything
            logger.info("Refused PDF upload %s: %r", upload.name, problem)
            pages = 0
        finally:
            upload.seek(0)
        if pages == 0:
            raise ValidationError(_("This PDF is damaged or has no pages; it cannot be read."))
        return upload
