"""`pgb audit [--report FILE] [--require]`: installed packages against PyPI's vulnerability advisories.

Exit 0: audited, nothing vulnerable (accepted findings are listed). Exit 1: a vulnerable package, or
with --require an audit that could not be done. Exit 3: the index answered for no package, so nothing
was audited (not a clean result; CI on a machine whose index lacks the advisories reports and goes on).
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pgbplatform.dependency_audit import AuditError, describe, judge, run_pip_audit

UNAVAILABLE = 3


class Command(BaseCommand):
    help = (
        "Audit the installed Python packages for known vulnerabilities (pip-audit against PyPI's advisories)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--report", type=Path, help="Judge this pip-audit JSON report instead of running pip-audit."
        )
        parser.add_argument(
            "--require", action="store_true", help="Fail (exit 1) when the audit cannot be done, too."
        )

    def handle(self, *, report: Path | None, require: bool, **options):
        try:
            data = json.loads(report.read_text(encoding="utf-8")) if report else run_pip_audit()
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read the pip-audit report {report}: {error}") from None
        except AuditError as error:
            raise CommandError(str(error)) from None
        if not _looks_like_a_report(data):
            raise CommandError(
                f"{report or 'pip-audit'}: not a pip-audit JSON report (an object with a list of dependencies)"
            )
        verdict = judge(data)
        for line in describe(verdict):
            self.stdout.write(line)
        if verdict.status == "vulnerable":
            sys.exit(1)
        if verdict.status == "unavailable":
            sys.exit(1 if require else UNAVAILABLE)


def _looks_like_a_report(data) -> bool:
    dependencies = data.get("dependencies") if isinstance(data, dict) else None
    return isinstance(dependencies, list) and all(
        isinstance(d, dict) and isinstance(d.get("vulns", []), list) for d in dependencies
    )
