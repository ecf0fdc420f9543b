"""Admin panels of the page editor that tell editors what they would otherwise miss."""

from wagtail.admin.panels import Panel

from cms.models.documents import DocumentText


def attachment_notes(page) -> list[dict]:
    """For each attached PDF that is not accessible or not read yet: its name and what is wrong."""
    notes = []
    for attachment in page.attachments.all():
        document = attachment.document
        reading = DocumentText.of(document) if document else None
        if reading is None:
            continue
        if reading.status == DocumentText.Status.WAITING:
            notes.append({"name": attachment.label, "waiting": True})
        elif reading.status == DocumentText.Status.UNREADABLE:
            notes.append({"name": attachment.label, "unreadable": True})
        elif reading.problems:
            notes.append({"name": attachment.label, "problems": reading.problem_labels})
    return notes


class AttachmentNotesPanel(Panel):
    """Above the attachments: which PDFs are not accessible (public-sector PDFs must be), and which
    are still being read for search."""

    @property
    def clean_name(self):
        return super().clean_name or "attachment-notes"

    class BoundPanel(Panel.BoundPanel):
        template_name = "cms/admin/attachment_notes.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.notes = attachment_notes(self.instance) if self.instance is not None else []

        def is_shown(self):
            return bool(self.notes) and super().is_shown()

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["notes"] = self.notes
            return context
