"""Choices used by the forum."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    """Who may read a question and its answers; values are the exchange format's."""

    PUBLIC = "public", _("everyone")
    MEMBERS = "members", _("verified members only")
