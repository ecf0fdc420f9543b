"""`pgb audit`: pip-audit's report judged so that an audit that checked nothing never passes as clean."""

import json
import subprocess
import sys
from pathlib import Path

from pgbplatform.dependency_audit import judge

REPO = Path(__file__).resolve().parents[2]
DJANGO_ADVISORY = {
    "id": "PYSEC-2023-100",
    "fix_versions": ["4.2.2"],
    "aliases": ["CVE-2023-36053", "GHSA-jh3w-4vvf-mjgr"],
    "description": "Potential regular expression denial of service in EmailValidator/URLValidator.",
}


def report(*dependencies) -> dict:
    return {"dependencies": list(dependencies), "fixes": []}


def skipped(name: str) -> dict:
    return {
        "name": name,
        "skip_reason": f"Dependency not found on PyPI and could not be audited: {name} (1.0)",
    }


def test_an_index_that_answers_for_no_package_is_unavailable_not_clean():
    # pip-audit itself prints "No known vulnerabilities found" for this report.
    verdict = judge(report(skipped("django"), skipped("wagtail"), skipped("pgbplatform")))
    assert verdict.status == "unavailable" and verdict.audited == 0
    assert len(verdict.skipped) == 2  # our own package is not on PyPI and is not counted


def test_a_known_advisory_makes_the_audit_fail_with_what_fixes_it():
    verdict = judge(
        report(
            {"name": "django", "version": "4.2.1", "vulns": [DJANGO_ADVISORY]},
            {"name": "wagtail", "version": "8.0", "vulns": []},
        ),
        accepted={},
    )
    assert verdict.status == "vulnerable" and verdict.audited == 2
    [finding] = verdict.findings
    assert (finding.package, finding.version, finding.advisory, finding.fixed_in) == (
        "django",
        "4.2.1",
        "PYSEC-2023-100",
        ("4.2.2",),
    )


def test_an_accepted_advisory_passes_with_its_reason_named_by_any_of_its_ids():
    verdict = judge(
        report({"name": "django", "version": "4.2.1", "vulns": [DJANGO_ADVISORY]}),
        accepted={"GHSA-jh3w-4vvf-mjgr": "we validate no e-mail addresses with EmailValidator"},
    )
    assert verdict.status == "clean" and verdict.findings == []
    assert verdict.accepted[0].accepted_because.startswith("we validate")


def test_a_few_packages_off_the_index_do_not_spoil_an_audit_of_the_rest():
    verdict = judge(report({"name": "django", "version": "5.2.20", "vulns": []}, skipped("private-lib")))
    assert verdict.status == "clean" and verdict.audited == 1 and verdict.skipped[0].startswith("private-lib")


def run_command(tmp_path: Path, data: dict | str, *args: str) -> subprocess.CompletedProcess:
    """`pgb audit --report` on `data` (a report, or the raw text of a file)."""
    path = tmp_path / "audit.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return subprocess.run(
        [str(Path(sys.executable).with_name("pgb")), "audit", "--report", str(path), *args],
        cwd=REPO,
        env={"PATH": "/usr/bin:/bin", "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "pgbplatform.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_command_exits_by_verdict_and_names_each_finding(tmp_path):
    vulnerable = run_command(
        tmp_path, report({"name": "django", "version": "4.2.1", "vulns": [DJANGO_ADVISORY]})
    )
    assert vulnerable.returncode == 1
    assert "VULNERABLE django 4.2.1: PYSEC-2023-100 (fixed in 4.2.2)" in vulnerable.stdout
    unavailable = run_command(tmp_path, report(skipped("django")))
    assert unavailable.returncode == 3 and "This is no clean result" in unavailable.stdout
    assert run_command(tmp_path, report(skipped("django")), "--require").returncode == 1
    clean = run_command(tmp_path, report({"name": "django", "version": "5.2.20", "vulns": []}))
    assert clean.returncode == 0 and "1 packages audited" in clean.stdout


def test_a_report_that_is_not_a_pip_audit_report_is_named_without_a_traceback(tmp_path):
    for text, message in (
        ("not json", "Cannot read the pip-audit report"),
        ("[]", "not a pip-audit JSON report"),
        ('{"dependencies": [{"name": "django", "vulns": "none"}]}', "not a pip-audit JSON report"),
    ):
        result = run_command(tmp_path, text)
        assert result.returncode == 1 and message in result.stderr, text
        assert "Traceback" not in result.stderr
