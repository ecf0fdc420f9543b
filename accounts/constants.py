"""Roles and choices of accounts."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a person may do on the platform; a person can hold several roles at once."""

    MEMBER = "member", _("member")  # a verified e-mail address
    OFFICIAL = "official", _("municipal official")
    EXPERT = "expert", _("Per Saldo experience expert")
    EDITOR = "editor", _("editor")
    MODERATOR = "moderator", _("moderator")
    ADMINISTRATOR = "administrator", _("administrator")


# Roles held through a group: cms' migration 0004 makes the editorial groups, accounts' 0003 the
# moderators and experts. Wagtail's own "Editors" and "Moderators" groups count as what they say.
GROUP_ROLES = {
    "Redacteuren": Role.EDITOR,
    "Eindredactie": Role.EDITOR,
    "Editors": Role.EDITOR,
    "Moderatoren": Role.MODERATOR,
    "Moderators": Role.MODERATOR,
    "Ervaringsdeskundigen": Role.EXPERT,
}
# The group a role is given through.
ROLE_GROUPS = {Role.EDITOR: "Redacteuren", Role.MODERATOR: "Moderatoren", Role.EXPERT: "Ervaringsdeskundigen"}

# Who reads members-only ("besloten") content and may post in the forum.
INSIDERS = frozenset({Role.OFFICIAL, Role.EXPERT, Role.EDITOR, Role.MODERATOR, Role.ADMINISTRATOR})


class OfficialVia(models.TextChoices):
    """How a person became a verified municipal official."""

    DOMAIN = "domain", _("e-mail address at a municipal domain")
    REQUEST = "request", _("request approved by a moderator")


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("waiting for a moderator")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")


class RoleAction(models.TextChoices):
    GRANTED = "granted", _("granted")
    REVOKED = "revoked", _("revoked")


class NotifyMode(models.TextChoices):
    """How a person hears of what they follow."""

    IMMEDIATE = "immediate", _("an e-mail right away")
    DAILY = "daily", _("one e-mail a day")
    SITE = "site", _("only on the site")
