"""The dependency vulnerability audit: every installed package checked against PyPI's advisories.

pip-audit asks the package index, per package and version, which published advisories (PYSEC, GHSA,
CVE) affect it. An index that cannot say (a mirror without PyPI's per-version JSON, no network) makes
pip-audit skip each package and still print "No known vulnerabilities found": here such a run is
*unavailable*, never clean, so an audit that checked nothing cannot pass for one that found nothing.

Accepted findings go in ACCEPTED with the reason, as bandit's exceptions are justified inline.
"""

from __future__ import annotations

import json
import subprocess  # nosec B404 # runs pip-audit from our own environment with an argument list
import sys
from dataclasses import dataclass, field

# Advisory id -> why it does not affect this platform (reviewed, with a date). Empty: none accepted.
ACCEPTED: dict[str, str] = {}
# Our own project is not on PyPI; it is audited by bandit (tests/test_security_scan.py).
OWN_PACKAGES = {"pgbplatform"}


class AuditError(Exception):
    """pip-audit did not run or printed no report."""


@dataclass(frozen=True)
class Finding:
    package: str
    version: str
    advisory: str
    fixed_in: tuple[str, ...]
    accepted_because: str = ""


@dataclass(frozen=True)
class Verdict:
    status: str  # "clean", "vulnerable" or "unavailable"
    audited: int
    skipped: list[str] = field(default_factory=list)  # "name (reason)"
    findings: list[Finding] = field(default_factory=list)  # not accepted
    accepted: list[Finding] = field(default_factory=list)


def judge(report: dict, accepted: dict[str, str] | None = None) -> Verdict:
    """The verdict on a pip-audit JSON report (`pip-audit --format json`)."""
    accepted = ACCEPTED if accepted is None else accepted
    audited, skipped, findings, excused = 0, [], [], []
    for dependency in report.get("dependencies", []):
        name = dependency.get("name", "?")
        if name in OWN_PACKAGES:
            continue
        if "skip_reason" in dependency:
            skipped.append(f"{name} ({dependency['skip_reason']})")
            continue
        audited += 1
        for vulnerability in dependency.get("vulns", []):
            ids = [vulnerability.get("id", "?"), *vulnerability.get("aliases", [])]
            reason = next((accepted[i] for i in ids if i in accepted), "")
            finding = Finding(
                package=name,
                version=dependency.get("version", "?"),
                advisory=ids[0],
                fixed_in=tuple(vulnerability.get("fix_versions", [])),
                accepted_because=reason,
            )
            (excused if reason else findings).append(finding)
    if findings:
        status = "vulnerable"
    elif audited == 0:
        status = "unavailable"
    else:
        status = "clean"
    return Verdict(status=status, audited=audited, skipped=skipped, findings=findings, accepted=excused)


def run_pip_audit(*, timeout: int = 600) -> dict:
    """pip-audit over the installed environment (PyPI's advisories); its JSON report."""
    try:
        result = subprocess.run(  # nosec B603 # our own interpreter and pip-audit, fixed arguments
            [
                sys.executable,
                "-m",
                "pip_audit",
                "--local",
                "--format",
                "json",
                "--vulnerability-service",
                "pypi",
                "--progress-spinner",
                "off",
            ],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise AuditError(f"pip-audit did not run: {error}") from error
    try:
        return json.loads(result.stdout)
    except ValueError as error:
        raise AuditError(
            f"pip-audit printed no report (exit {result.returncode}): {result.stderr.strip()[-1000:]}"
        ) from error


def describe(verdict: Verdict) -> list[str]:
    """Lines for the operator, in English."""
    lines = [
        f"Dependency audit (pip-audit, PyPI advisories): {verdict.audited} packages audited, "
        f"{len(verdict.skipped)} skipped, {len(verdict.findings)} vulnerable, {len(verdict.accepted)} accepted."
    ]
    for finding in verdict.findings:
        fix = f"fixed in {', '.join(finding.fixed_in)}" if finding.fixed_in else "no fixed version yet"
        lines.append(f"  VULNERABLE {finding.package} {finding.version}: {finding.advisory} ({fix})")
    for finding in verdict.accepted:
        lines.append(
            f"  accepted {finding.package} {finding.version}: {finding.advisory} ({finding.accepted_because})"
        )
    if verdict.status == "unavailable":
        lines.append(
            "  Not audited: the package index answered for none of the packages "
            f"(first: {verdict.skipped[0] if verdict.skipped else 'no packages'}). "
            "This is no clean result; run it where PyPI's per-version JSON API answers."
        )
    elif verdict.skipped:
        lines.append(f"  Skipped: {'; '.join(verdict.skipped[:5])}{' …' if len(verdict.skipped) > 5 else ''}")
    return lines
