"""Choices used by the cms app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseStatus(models.TextChoices):
    """The state of a good practice; values are the exchange format's."""

    RUNNING = "lopend", _("running")
    FINISHED = "afgerond", _("finished")
    STOPPED = "gestopt", _("stopped")
