"""`pgb backup` and `pgb restore`: what was exported before the backup is exported again after a
restore, uploaded files included; a damaged or foreign archive changes nothing. On SQLite and PostgreSQL
(the suite runs on both)."""

import io
import tarfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from cms.models import KnowledgePage
from media.models import VideoPage

# pg_dump and pg_restore see committed data only; the migrations' taxonomy is put back after each test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def exported(folder: Path) -> dict[str, bytes]:
    folder.mkdir()
    call_command("export", str(folder / "items.jsonl"), stdout=StringIO())
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PGB_PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    return Path(settings.MEDIA_ROOT)


def test_a_restore_brings_back_exactly_what_was_backed_up(media, imported, tmp_path):
    before = exported(tmp_path / "before")
    video_file = Path(VideoPage.objects.get(external_id="video-trekkingsrecht-uitleg").video_file.file.path)
    video_bytes = video_file.read_bytes()
    archive = tmp_path / "pgb.tar.gz"
    out = StringIO()
    call_command("backup", output=archive, stdout=out)
    assert "Backup written to" in out.getvalue()
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert "manifest.json" in names and any(n.startswith("database.") for n in names)
    assert any(n.startswith("media/") and n.endswith(".webm") for n in names)

    KnowledgePage.objects.filter(external_id="case-testdorp-keukentafel").delete()  # what goes wrong
    video_file.write_bytes(b"overschreven")
    (media / "los-bestand.txt").write_text("na de backup geupload")

    call_command("restore", str(archive), yes=True, stdout=StringIO())
    assert video_file.read_bytes() == video_bytes
    assert not (media / "los-bestand.txt").exists()
    assert exported(tmp_path / "after") == before


def test_a_damaged_or_foreign_archive_is_refused_and_changes_nothing(media, imported, tmp_path):
    archive = tmp_path / "pgb.tar.gz"
    call_command("backup", output=archive, stdout=StringIO())
    damaged = tmp_path / "kapot.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name.startswith("media/"):
                data = data[:-1] + bytes([data[-1] ^ 1])  # one bit of one upload flipped
            member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    count = KnowledgePage.objects.count()
    KnowledgePage.objects.filter(external_id="case-testdorp-keukentafel").delete()
    with pytest.raises(CommandError, match="does not match its checksum"):
        call_command("restore", str(damaged), yes=True, stdout=StringIO())
    assert KnowledgePage.objects.count() == count - 1  # untouched
    not_a_backup = tmp_path / "iets.tar.gz"
    not_a_backup.write_bytes(b"geen archief")
    with pytest.raises(CommandError, match="not a readable backup archive"):
        call_command("restore", str(not_a_backup), yes=True, stdout=StringIO())
