"""The review cycle of knowledge content: what nobody checked for too long, oldest first.

Staff turn over at gemeenten and at Per Saldo; content nobody checks is how this platform fails
slowly. The editors' dashboard lists it, and `pgb content review-reminders` mails it weekly.
"""

import datetime

from django.db.models import F, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from cms.models import KnowledgePage

REVIEW_MONTHS = 12  # due for review: nobody checked it for longer than this


def review_since(today: datetime.date | None = None) -> datetime.date:
    today = today or timezone.localdate()
    return today - datetime.timedelta(days=round(REVIEW_MONTHS * 30.44))


def due_for_review(today: datetime.date | None = None) -> QuerySet[KnowledgePage]:
    """Live knowledge pages last checked (else published) before REVIEW_MONTHS ago, oldest first."""
    return (
        KnowledgePage.objects.live()
        .annotate(checked=Coalesce(F("last_reviewed"), F("published_date")))
        .filter(checked__lt=review_since(today))
        .order_by("checked", "title")
    )
