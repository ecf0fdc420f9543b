"""Notifications: written in the site for each person, mailed at once or in a daily digest. Other apps
(forum) call `notify()`; `digest_send()` is run daily by `pgb forum digest` (the compose scheduler).

Nobody is told about content they may not read: the audience rule (accounts.selectors.audience_for)
is applied when a notification is written and again when it is shown or mailed. Every mail carries a
one-click unsubscribe link (a signed token, RFC 8058 `List-Unsubscribe` headers).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.constants import NotifyMode
from accounts.mail import Mail, mail_queue
from accounts.models import Notification, User
from accounts.selectors import audience_for

UNSUBSCRIBE_SALT = "pgb.unsubscribe"


@dataclass(frozen=True)
class Event:
    """What happened, in the words a notification and its mail use."""

    kind: str  # e.g. "answer", "accepted", "expert_request"
    text: str  # one line: "Nieuw antwoord op ‘Hoe toetsen jullie …’"
    url: str  # a path on this site
    visibility: str = "public"
    body: str = ""  # a few lines for the mail (plain text, already escaped of nothing: it is text)


def unsubscribe_token(user: User) -> str:
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(str(user.pk))


def user_for_token(token: str) -> User | None:
    try:
        pk = signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token)
    except signing.BadSignature:
        return None
    return User.objects.filter(pk=pk, is_active=True).first()


def absolute_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def personal_mail(
    user: User, subject: str, context: dict, template: str = "accounts/email/notification.txt"
) -> Mail:
    """A mail to `user` rendered from `template`, with the links every such mail has (settings, one-click
    unsubscribe) in its context and headers."""
    unsubscribe = absolute_url(reverse("accounts:unsubscribe", kwargs={"token": unsubscribe_token(user)}))
    context = {
        **context,
        "user": user,
        "unsubscribe_url": unsubscribe,
        "site_url": absolute_url("/"),
        "settings_url": absolute_url(reverse("accounts:profile")),
    }
    return Mail(
        to=[user.email],
        subject=subject,
        text=render_to_string(template, context),
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


@transaction.atomic
def notify(*, users: Iterable[User], event: Event, exclude: Iterable[User | None] = ()) -> list[Notification]:
    """Tell each of `users` (once each, never those in `exclude`) about `event`, if they may read what it
    is about."""
    seen, written = {person.pk for person in exclude if person is not None}, []
    for user in users:
        if user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        if not audience_for(user).may_see(event.visibility):
            continue
        notification = Notification.objects.create(
            user=user,
            kind=event.kind,
            text=event.text[:500],
            url=event.url[:500],
            visibility=event.visibility,
        )
        if user.notify_mode == NotifyMode.IMMEDIATE and user.email:
            mail_queue(personal_mail(user, event.text, {"events": [event]}))
            notification.mailed_at = timezone.now()
            notification.save(update_fields=["mailed_at"])
        written.append(notification)
    return written


def digest_send(*, now=None, force: bool = False) -> int:
    """Mail each person who chose the daily digest what they have not been mailed yet, at most once a
    day and not before settings.PGB_DIGEST_HOUR (local time) unless `force`; returns the mails queued.

    Safe to run every minute (the compose scheduler does): whoever had today's digest is skipped."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    if not force and local.hour < settings.PGB_DIGEST_HOUR:
        return 0
    start_of_today = local.replace(hour=0, minute=0, second=0, microsecond=0)
    sent = 0
    people = (
        User.objects.filter(
            is_active=True, notify_mode=NotifyMode.DAILY, notifications__mailed_at__isnull=True
        )
        .exclude(digest_sent_at__gte=start_of_today)
        .distinct()
    )
    for user in people.iterator():
        with transaction.atomic():
            pending = list(
                Notification.objects.select_for_update()
                .filter(user=user, mailed_at__isnull=True)
                .visible_to(audience_for(user))
                .order_by("created_at")
            )
            if not pending:
                continue
            events = [Event(kind=n.kind, text=n.text, url=n.url, visibility=n.visibility) for n in pending]
            subject = ngettext(
                "%(count)s new notification on the Informatieplatform pgb",
                "%(count)s new notifications on the Informatieplatform pgb",
                len(events),
            ) % {"count": len(events)}
            mail_queue(personal_mail(user, subject, {"events": events, "digest": True}))
            Notification.objects.filter(pk__in=[n.pk for n in pending]).update(mailed_at=now)
            User.objects.filter(pk=user.pk).update(digest_sent_at=now)
            sent += 1
    return sent


def notifications_mark_read(*, user: User, ids: Iterable[int] | None = None) -> int:
    """Mark the person's notifications read (all of them, or those `ids`); returns how many."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=timezone.now())


def unsubscribe(*, user: User) -> None:
    """The link in every mail: no more mail, notifications stay on the site."""
    user.notify_mode = NotifyMode.SITE
    user.save(update_fields=["notify_mode"])


def event_text(kind: str, title: str) -> str:
    texts = {
        "answer": _("New answer to “%(title)s”"),
        "accepted": _("An answer was accepted for “%(title)s”"),
        "your_answer_accepted": _("Your answer to “%(title)s” was accepted"),
        "expert_request": _("A gemeente asks Per Saldo to think along: “%(title)s”"),
        "question": _("New question: “%(title)s”"),
        "post_approved": _("Your post at “%(title)s” was approved and is online"),
        "post_hidden": _("A moderator hid your post at “%(title)s”"),
    }
    return texts.get(kind, "%(title)s") % {"title": title}
