"""`pgb gemeenten domains FILE.csv`: every bad line named, nothing half-applied."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cms.models import Municipality

pytestmark = pytest.mark.django_db


def run(tmp_path, text: str, *args):
    path = tmp_path / "domains.csv"
    path.write_text(text, encoding="utf-8")
    out, err = StringIO(), StringIO()
    call_command("gemeenten", "domains", str(path), *args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue()


def domains(code: str) -> list[str]:
    return Municipality.objects.get(code=code).domains


def test_domains_are_loaded_per_gemeente(tmp_path):
    out, _ = run(
        tmp_path,
        "code,domain\nGM0344,utrecht.nl\nGM0344,@Utrecht.NL\nGM0344,werk.utrecht.nl\nGM0363,amsterdam.nl\n",
    )
    assert out == "3 domains for 2 gemeenten: 2 gemeenten changed."
    assert domains("GM0344") == ["utrecht.nl", "werk.utrecht.nl"] and domains("GM0363") == ["amsterdam.nl"]


def test_a_file_with_bad_lines_changes_nothing_and_names_each_line(tmp_path):
    run(tmp_path, "code,domain\nGM0344,utrecht.nl\n")
    with pytest.raises(CommandError, match="3 errors"):
        run(
            tmp_path, "code,domain\nGM0363,amsterdam.nl\nGM9999,x.nl\nGM0344,geen domein\nGM0518,a.nl,extra\n"
        )
    assert domains("GM0363") == [] and domains("GM0344") == ["utrecht.nl"]


def test_errors_are_reported_per_line(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("code,domain\nGM9999,x.nl\nGM0344,<script>.nl\n", encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("gemeenten", "domains", str(path), stdout=StringIO(), stderr=err)
    assert "line 2: code: GM9999 is not a known CBS code" in err.getvalue()
    assert "line 3: domain: '<script>.nl' is not a domain name" in err.getvalue()


def test_a_domain_cannot_belong_to_two_gemeenten(tmp_path):
    run(tmp_path, "code,domain\nGM0344,utrecht.nl\n")
    with pytest.raises(CommandError, match="utrecht.nl .GM0363. already belongs to GM0344"):
        run(tmp_path, "code,domain\nGM0363,utrecht.nl\n")
    path = tmp_path / "twice.csv"
    path.write_text("code,domain\nGM0344,a.nl\nGM0363,a.nl\n", encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError, match="1 error in"):
        call_command("gemeenten", "domains", str(path), stdout=StringIO(), stderr=err)
    assert "line 3: domain: a.nl is already given to GM0344 on line 2" in err.getvalue()


def test_a_wrong_header_binary_file_or_missing_file_is_refused(tmp_path):
    with pytest.raises(CommandError):
        run(tmp_path, "gemeente;domein\nGM0344;utrecht.nl\n")
    binary = tmp_path / "x.csv"
    binary.write_bytes(b"\xff\xfe\x00\x00garbage")
    with pytest.raises(CommandError):
        call_command("gemeenten", "domains", str(binary), stdout=StringIO(), stderr=StringIO())
    with pytest.raises(CommandError):
        call_command("gemeenten", "domains", str(tmp_path / "nope.csv"), stdout=StringIO(), stderr=StringIO())


def test_add_keeps_existing_domains_and_dry_run_writes_nothing(tmp_path):
    run(tmp_path, "code,domain\nGM0344,utrecht.nl\n")
    out, _ = run(tmp_path, "code,domain\nGM0344,b.nl\n", "--dry-run")
    assert "dry run" in out and domains("GM0344") == ["utrecht.nl"]
    run(tmp_path, "code,domain\nGM0344,b.nl\n", "--add")
    assert domains("GM0344") == ["utrecht.nl", "b.nl"]
