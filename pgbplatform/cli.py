"""The `pgb` command line: everything manage.py does, plus the platform's own commands."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pgbplatform.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(["pgb", *sys.argv[1:]])
    except ImproperlyConfigured as error:  # a setting from the environment: say which, no traceback
        sys.stderr.write(f"pgb: the configuration is incomplete: {error}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
