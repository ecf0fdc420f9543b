"""Mail goes through the durable queue: a mail server that is down delays mail and loses none."""

import pytest
from django.core import mail
from django_tasks_db.models import DBTaskResult

from accounts.mail import Mail, mail_queue
from tests.accounts.factories import deliver_mail

pytestmark = pytest.mark.django_db


def test_mail_waits_in_the_queue_while_the_mail_server_is_down(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nothing listens
    mail_queue(Mail(to=["anna@utrecht.nl"], subject="Nieuw antwoord", text="Er is een antwoord."))
    deliver_mail()
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.args_kwargs["kwargs"] == {"attempt": 2}  # queued again, for later
    assert retry.run_after is not None and retry.args_kwargs["args"][0]["subject"] == "Nieuw antwoord"

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # the server is back
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=retry.enqueued_at)
    deliver_mail()
    (message,) = mail.outbox
    assert message.to == ["anna@utrecht.nl"] and message.subject == "Nieuw antwoord"


def test_a_mail_in_a_rolled_back_transaction_is_never_sent():
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        mail_queue(Mail(to=["anna@utrecht.nl"], subject="x", text="y"))
        raise RuntimeError
    deliver_mail()
    assert mail.outbox == []
