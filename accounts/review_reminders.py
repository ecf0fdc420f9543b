"""The weekly review reminder: each editor is mailed the content due for review that is theirs.

Theirs: pages they own (created), and every page whose owner is no longer an active editor, because
staff turn over and a page must not go unchecked when the colleague who wrote it has left. So every
item due reaches at least one editor while there is one. Mail goes through the durable queue; each
editor gets one reminder a week at most, from the configured weekday and hour on, and none who
chose "only on the site" (their dashboard still lists it).
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from accounts.constants import NotifyMode, Role
from accounts.mail import Mail, mail_queue
from accounts.models import User
from accounts.notifications import absolute_url, personal_mail
from accounts.selectors import users_with_role
from cms.review import REVIEW_MONTHS, due_for_review


def _start_of_week(local: datetime.datetime) -> datetime.datetime:
    monday = local - datetime.timedelta(days=local.weekday())
    return monday.replace(hour=0, minute=0, second=0, microsecond=0)


def _mail(editor: User, own: list, orphaned: list) -> Mail:
    def edit_url(page) -> str:
        return absolute_url(reverse("wagtailadmin_pages:edit", args=[page.pk]))

    count = len(own) + len(orphaned)
    subject = ngettext(
        "%(count)s page on the Informatieplatform pgb is due for review",
        "%(count)s pages on the Informatieplatform pgb are due for review",
        count,
    ) % {"count": count}
    context = {
        "months": REVIEW_MONTHS,
        "own": [(page, edit_url(page)) for page in own],
        "orphaned": [(page, edit_url(page)) for page in orphaned],
        "dashboard_url": absolute_url(reverse("wagtailadmin_home")),
    }
    return personal_mail(editor, subject, context, template="accounts/email/review_reminder.txt")


def review_reminders_send(*, now=None, force: bool = False) -> int:
    """Queue this week's reminder for every editor with content due that is theirs; returns how many.

    Not before settings.PGB_REVIEW_WEEKDAY (1 = Monday) at PGB_DIGEST_HOUR unless `force`; safe to run
    every minute (the compose scheduler does): whoever had this week's reminder is skipped."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    if not force and (
        local.isoweekday() < settings.PGB_REVIEW_WEEKDAY
        or (local.isoweekday() == settings.PGB_REVIEW_WEEKDAY and local.hour < settings.PGB_DIGEST_HOUR)
    ):
        return 0
    due = list(due_for_review(local.date()).select_related("owner"))
    if not due:
        return 0
    editors = list(users_with_role(Role.EDITOR))
    active = {editor.pk for editor in editors}
    orphaned = [page for page in due if page.owner_id not in active]
    sent = 0
    for editor in editors:
        if editor.notify_mode == NotifyMode.SITE:  # chose no mail; the dashboard lists it
            continue
        if editor.review_reminder_sent_at and editor.review_reminder_sent_at >= _start_of_week(local):
            continue
        own = [page for page in due if page.owner_id == editor.pk]
        if not own and not orphaned:
            continue
        with transaction.atomic():
            mail_queue(_mail(editor, own, orphaned))
            User.objects.filter(pk=editor.pk).update(review_reminder_sent_at=now)
        sent += 1
    return sent
