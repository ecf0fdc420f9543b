"""Outgoing mail through the durable task queue: written with the event, delivered by the mail worker.

`mail_queue()` stores the whole message in a task row in the current transaction, so mail about a
post that was rolled back is never sent and mail about one that was written is never lost: a mail
server that is down or refuses for a while makes the task try again later (with growing pauses);
a recipient the server refuses outright is given up after a few tries and logged. Other apps may use
this module (forum notifications, allauth's account mail through accounts.adapters).
"""

import logging
import smtplib
from dataclasses import asdict, dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)
MAX_REFUSALS = 5
FIRST_PAUSE = timedelta(seconds=30)
LONGEST_PAUSE = timedelta(hours=1)


@dataclass(frozen=True)
class Mail:
    to: list[str]
    subject: str
    text: str
    html: str = ""
    headers: dict[str, str] = field(default_factory=dict)


def mail_queue(mail: Mail) -> None:
    """Queue `mail` in the current transaction (sent once it commits and a worker picks it up)."""
    if mail.to:
        deliver_mail.enqueue(asdict(mail))


def message_for(mail: Mail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=mail.subject.replace("\n", " ").strip(),
        body=mail.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=mail.to,
        headers=mail.headers,
    )
    if mail.html:
        message.attach_alternative(mail.html, "text/html")
    return message


def _is_refusal(error: Exception) -> bool:
    """The server answered and refused these recipients or this message: trying forever won't help."""
    return isinstance(
        error, smtplib.SMTPRecipientsRefused | smtplib.SMTPDataError | smtplib.SMTPSenderRefused
    )


def _pause(attempt: int) -> timedelta:
    return min(FIRST_PAUSE * (2 ** min(attempt - 1, 10)), LONGEST_PAUSE)


@task(backend="mail", queue_name="mail")
def deliver_mail(mail: dict, attempt: int = 1) -> int:
    """Send one queued mail; on failure queue it again (a refused one at most MAX_REFUSALS times)."""
    message = message_for(Mail(**mail))
    try:
        return message.send()
    except (OSError, smtplib.SMTPException) as error:  # connection refused, timeouts, SMTP errors
        if _is_refusal(error) and attempt >= MAX_REFUSALS:
            logger.error("Mail to %s refused %d times (%s); giving up", mail["to"], attempt, error)
            raise
        logger.warning("Mail to %s not sent (%s); trying again later", mail["to"], error)
        deliver_mail.using(run_after=timezone.now() + _pause(attempt)).enqueue(mail, attempt=attempt + 1)
        return 0
