"""`pgb content review-reminders`: mail editors the content due for review, once a week."""

from django.core.management.base import BaseCommand

from accounts.review_reminders import review_reminders_send


class Command(BaseCommand):
    help = "Content upkeep. `review-reminders` mails each editor the pages due for review (weekly)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        reminders = sub.add_parser(
            "review-reminders",
            help="Queue this week's reminder for every editor with pages due for review that are theirs "
            "(or have no active owner). Safe to run often: one reminder a week per editor, from "
            "PGB_REVIEW_WEEKDAY at PGB_DIGEST_HOUR.",
        )
        reminders.add_argument(
            "--now", action="store_true", help="Do not wait for the weekday and hour (still once a week)."
        )

    def handle(self, *, action: str, now: bool, **options):
        sent = review_reminders_send(force=now)
        if sent or options["verbosity"] > 1:
            self.stdout.write(f"{sent} review reminder{'s' if sent != 1 else ''} queued.")
