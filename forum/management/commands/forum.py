"""`pgb forum digest`: mail the daily digest of notifications to those who chose it."""

from django.core.management.base import BaseCommand

from accounts import notifications


class Command(BaseCommand):
    help = "Forum tasks. `digest` mails the daily digest (once a day per person, from PGB_DIGEST_HOUR)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        digest = sub.add_parser(
            "digest",
            help="Queue today's digest mail for everyone who chose it and has unmailed notifications. "
            "Safe to run often: each person gets one digest a day.",
        )
        digest.add_argument(
            "--now", action="store_true", help="Do not wait for PGB_DIGEST_HOUR (still one digest a day)."
        )

    def handle(self, *, action: str, now: bool, **options):
        sent = notifications.digest_send(force=now)
        if sent or options["verbosity"] > 1:
            self.stdout.write(f"{sent} digest mail{'s' if sent != 1 else ''} queued.")
