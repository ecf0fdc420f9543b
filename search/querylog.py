"""The query log for editors: which searches are frequent and which find nothing, without personal data.

Only the normalised query text and daily counts are stored: no user, IP address, session or time of
day. E-mail addresses and long numbers (BSN, phone, client numbers) are blanked before storing.
"""

import re
from contextlib import nullcontext
from datetime import timedelta

from django.db import IntegrityError, connection, transaction
from django.db.models import F, Sum
from django.utils import timezone

from search.models import QueryStat
from search.synonyms import normalise

_EMAIL = re.compile(r"\S+@\S+")
_NUMBER = re.compile(r"\d[\d\s.-]{5,}\d")


def clean(text: str) -> str:
    text = _NUMBER.sub("#", _EMAIL.sub("#", text))
    return normalise(text)[:200]


def record(text: str, total: int) -> None:
    query = clean(text)
    if not query:
        return
    zero = 1 if total == 0 else 0
    day = timezone.localdate()
    # Written by every search: plain SQL for the usual case (today's row exists), since building
    # the ORM's update took longer than the write. On PostgreSQL a search's own count does not wait for
    # its commit to reach the disk (2 ms a search, and concurrent searches for the same words queue
    # behind each other's row lock meanwhile): a crash may lose the last fraction of a second of counts,
    # never anything else (only where the count is its own transaction).
    relaxed = connection.vendor == "postgresql" and not connection.in_atomic_block
    with transaction.atomic() if relaxed else nullcontext(), connection.cursor() as cursor:
        if relaxed:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
        cursor.execute(
            f"UPDATE {QueryStat._meta.db_table} SET searches = searches + 1, zero_results = zero_results + %s "  # nosec B608 # our table and column names; values are bound parameters
            "WHERE day = %s AND query = %s",
            [zero, connection.ops.adapt_datefield_value(day), query],
        )
        updated = cursor.rowcount
    if not updated:
        try:
            with transaction.atomic():
                QueryStat.objects.create(day=day, query=query, searches=1, zero_results=zero)
        except IntegrityError:  # another request created today's row first
            QueryStat.objects.filter(day=day, query=query).update(
                searches=F("searches") + 1, zero_results=F("zero_results") + zero
            )


def top_queries(days: int = 30, limit: int = 50, *, zero_only: bool = False) -> list[dict]:
    since = timezone.localdate() - timedelta(days=days)
    rows = QueryStat.objects.filter(day__gt=since).values("query")
    rows = rows.annotate(searches_total=Sum("searches"), zero_total=Sum("zero_results"))
    if zero_only:
        rows = rows.filter(zero_total__gt=0).order_by("-zero_total", "query")
    else:
        rows = rows.order_by("-searches_total", "query")
    return list(rows[:limit])
