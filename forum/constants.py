"""Choices used by the forum."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    """Who may read a question and its answers; values are the exchange format's."""

    PUBLIC = "public", _("everyone")
    MEMBERS = "members", _("verified members only")


class Status(models.TextChoices):
    """Where a question or answer stands in moderation."""

    PUBLISHED = "published", _("published")
    PENDING = "pending", _("waiting for approval")  # the first post of a new official
    HIDDEN = "hidden", _("hidden by a moderator")


class AuthorRole(models.TextChoices):
    """What the author was when they posted (kept, so a post's badge does not change afterwards)."""

    NONE = "", _("—")
    OFFICIAL = "official", _("municipal official")
    EXPERT = "expert", _("Per Saldo experience expert")
    EDITOR = "editor", _("Per Saldo editor")
    MODERATOR = "moderator", _("moderator")


class ReportReason(models.TextChoices):
    PERSONAL_DATA = "personal_data", _("contains personal data of a budget holder or client")
    OFFENSIVE = "offensive", _("offensive or discriminating")
    SPAM = "spam", _("advertising or spam")
    INCORRECT = "incorrect", _("factually wrong or outdated")
    OTHER = "other", _("something else")


class ReportOutcome(models.TextChoices):
    OPEN = "", _("open")
    HIDDEN = "hidden", _("post hidden")
    DISMISSED = "dismissed", _("no action needed")
