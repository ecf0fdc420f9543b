"""People with an account, their role history and their requests to be recognised as an official."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.constants import NotifyMode, OfficialVia, RequestStatus, Role, RoleAction


class User(AbstractUser):
    """A person with an account: a municipal official, a Per Saldo expert or editor, a member."""

    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    job_title = models.CharField(_("function"), max_length=200, blank=True)
    municipality = models.ForeignKey(
        "cms.Municipality",
        verbose_name=_("gemeente"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="officials",
    )
    # Set while the person is a verified official of `municipality`; cleared when that ends.
    official_via = models.CharField(
        _("verified as official through"), max_length=10, choices=OfficialVia.choices, blank=True
    )
    notify_mode = models.CharField(
        _("notifications"), max_length=10, choices=NotifyMode.choices, default=NotifyMode.IMMEDIATE
    )
    digest_sent_at = models.DateTimeField(null=True, blank=True, editable=False)  # the last daily digest
    # The last weekly mail of content due for review (editors only; `pgb content review-reminders`).
    review_reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def refresh_from_db(self, *args, **kwargs):
        self.__dict__.pop("_pgb_roles", None)  # accounts.selectors.roles_of caches them here
        super().refresh_from_db(*args, **kwargs)

    @property
    def display_name(self) -> str:
        """The name shown on posts: the person's name, never their e-mail address."""
        return self.get_full_name() or _("Member %(id)s") % {"id": self.pk}


class RoleChange(models.Model):
    """One role given to or taken from a person: who did it, to whom, when. Never edited."""

    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(_("by"), max_length=300)
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="role_changes",
    )
    subject_label = models.CharField(_("person"), max_length=300)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    action = models.CharField(_("change"), max_length=10, choices=RoleAction.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("role change")
        verbose_name_plural = _("role changes")

    def __str__(self) -> str:
        return f"{self.subject_label}: {self.role} {self.action}"


class OfficialRequest(models.Model):
    """A person asks to be recognised as an official of a gemeente whose domain they cannot show."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="official_requests"
    )
    municipality = models.ForeignKey("cms.Municipality", verbose_name=_("gemeente"), on_delete=models.CASCADE)
    job_title = models.CharField(_("function"), max_length=200)
    motivation = models.TextField(_("explanation"), max_length=2000, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_note = models.CharField(_("reason"), max_length=500, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]  # oldest first: the moderators' queue
        verbose_name = _("request for official status")
        verbose_name_plural = _("requests for official status")
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(status="pending"), name="accounts_one_pending_request"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.municipality}"


class NotificationQuerySet(models.QuerySet):
    def visible_to(self, audience) -> "NotificationQuerySet":
        """A notification about content the person may no longer read is not shown (nor mailed)."""
        return self.filter(visibility__in=audience.key)

    def unread(self) -> "NotificationQuerySet":
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """Something a person follows happened: shown at /account/meldingen/ and mailed as they chose."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    kind = models.CharField(max_length=40)
    text = models.CharField(max_length=500)
    url = models.CharField(max_length=500)
    # The visibility of the content it is about ("public" / "members"): checked again when shown.
    visibility = models.CharField(max_length=10, default="public")
    read_at = models.DateTimeField(null=True, blank=True)
    mailed_at = models.DateTimeField(null=True, blank=True)  # sent, alone or in a daily digest

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"]), models.Index(fields=["mailed_at", "user"])]

    def __str__(self) -> str:
        return self.text


class SecurityEvent(models.Model):
    """One event of the security log: a login, a failed login, a logout, an MFA change, a role change
    or a moderation action; who, what, when and from where. Never edited; kept PGB_SECURITY_LOG_DAYS."""

    class Kind(models.TextChoices):
        LOGIN = "login", pgettext_lazy("security log", "login")
        LOGIN_FAILED = "login_failed", pgettext_lazy("security log", "failed login")
        LOGOUT = "logout", pgettext_lazy("security log", "logout")
        MFA_ADDED = "mfa_added", pgettext_lazy("security log", "two-step login added")
        MFA_REMOVED = "mfa_removed", pgettext_lazy("security log", "two-step login removed")
        MFA_RESET = "mfa_reset", pgettext_lazy("security log", "recovery codes renewed")
        ROLE_CHANGE = "role_change", pgettext_lazy("security log", "role change")
        MODERATION = "moderation", pgettext_lazy("security log", "moderation")

    at = models.DateTimeField(pgettext_lazy("security log", "when"), auto_now_add=True, db_index=True)
    kind = models.CharField(pgettext_lazy("security log", "what"), max_length=20, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    user_label = models.CharField(pgettext_lazy("security log", "who"), max_length=300)
    ip = models.GenericIPAddressField(pgettext_lazy("security log", "from address"), null=True, blank=True)
    detail = models.CharField(pgettext_lazy("security log", "detail"), max_length=500, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = pgettext_lazy("security log", "security event")
        verbose_name_plural = pgettext_lazy("security log", "security log")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_kind_display()} {self.user_label}"
