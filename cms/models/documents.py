"""What was read from an uploaded PDF, in the background: its text page by page for search, and what
makes it not accessible, for its editors."""

from django.db import models
from django.utils.translation import gettext_lazy as _

PROBLEM_LABELS = {
    "untagged": _("it is not tagged, so screen readers get no headings, lists or reading order"),
    "no-language": _("no language is set in it"),
    "no-title": _("its properties give it no title"),
}


class DocumentText(models.Model):
    """One PDF's reading; `file_hash` says which version of the file it is of."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("waiting to be read")
        READ = "read", _("read")
        UNREADABLE = "unreadable", _("unreadable")

    document = models.OneToOneField(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="pgb_text", verbose_name=_("file")
    )
    file_hash = models.CharField(max_length=40, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.WAITING)
    pages = models.JSONField(default=list, blank=True)  # [[page number, text], …]
    problems = models.JSONField(default=list, blank=True)  # codes of PROBLEM_LABELS
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("text of a PDF")
        verbose_name_plural = _("texts of PDFs")

    def __str__(self) -> str:
        return f"{self.document} ({self.get_status_display()})"

    @classmethod
    def of(cls, document) -> "DocumentText | None":
        """The reading of `document` (prefetched with `pgb_text` where the caller did), or None."""
        try:
            return document.pgb_text
        except cls.DoesNotExist:
            return None

    @property
    def problem_labels(self) -> list[str]:
        return [str(PROBLEM_LABELS[code]) for code in self.problems if code in PROBLEM_LABELS]
