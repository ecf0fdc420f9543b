"""Reports of posts that break the rules, and the moderators' decisions on them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from forum.constants import ReportOutcome, ReportReason
from forum.models.targets import OnOnePost


class Report(OnOnePost):
    """Someone reports a question or answer; a moderator hides it or dismisses the report."""

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=20, choices=ReportReason.choices)
    explanation = models.TextField(_("explanation"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=ReportOutcome.choices, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta(OnOnePost.Meta):
        ordering = ["created_at", "pk"]  # oldest first: the moderators' queue
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self) -> str:
        return f"{self.get_reason_display()}: {self.post}"
