"""`pgb securitylog purge`: delete security log events older than PGB_SECURITY_LOG_DAYS."""

from django.core.management.base import BaseCommand

from accounts import security_log


class Command(BaseCommand):
    help = "The security log. `purge` deletes events older than PGB_SECURITY_LOG_DAYS (run daily or more)."

    def add_arguments(self, parser):
        parser.add_subparsers(dest="action", required=True, metavar="ACTION").add_parser(
            "purge", help="Delete events older than PGB_SECURITY_LOG_DAYS days."
        )

    def handle(self, *, action: str, **options):
        deleted = security_log.purge()
        if deleted or options["verbosity"] > 1:
            self.stdout.write(f"{deleted} security events older than the retention period deleted.")
