"""The `pgb` command line: everything manage.py does, plus the platform's own commands."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pgbplatform.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["pgb", *sys.argv[1:]])


if __name__ == "__main__":
    main()
