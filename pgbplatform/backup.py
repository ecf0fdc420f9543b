"""Backups: the database and every uploaded file in one checksummed archive, and the way back.

An archive (`.tar.gz`) holds `manifest.json` (format, engine, when, the SHA-256 of every other member),
`database.sqlite3` (SQLite's online backup) or `database.pgdump` (`pg_dump --format=custom`), and the
files under `media/` (MEDIA_ROOT: documents, images, videos) and `private/` (forum attachments).
A restore checks every checksum before it changes anything, then replaces the database and the files.
"""

import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess  # nosec B404 # pg_dump and pg_restore with argument lists, no shell
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection

FORMAT = 1
TREES = {"media": "MEDIA_ROOT", "private": "PGB_PRIVATE_MEDIA_ROOT"}


class BackupError(Exception):
    """What is wrong with a backup or with restoring it, for the operator (English)."""


@dataclass(frozen=True)
class Summary:
    path: Path
    files: int
    size: int


def _engine() -> str:
    return "sqlite" if connection.vendor == "sqlite" else "postgresql"


def _pg_env() -> dict:
    db = settings.DATABASES["default"]
    env = {
        **os.environ,
        "PGDATABASE": db["NAME"],
        "PGUSER": db.get("USER") or "",
        "PGHOST": db.get("HOST") or "",
    }
    env["PGPORT"] = str(db.get("PORT") or "")
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _dump_database(work: Path) -> Path:
    if _engine() == "sqlite":
        target = work / "database.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)  # consistent even while the site writes
        return target
    target = work / "database.pgdump"
    done = subprocess.run(  # nosec B603 B607 # PostgreSQL's pg_dump from PATH, an argument list, no shell
        ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(target)],
        env=_pg_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise BackupError(f"pg_dump failed: {done.stderr.strip()}")
    return target


def backup(output: Path) -> Summary:
    """Write the archive to `output` (through a temporary file, so a failed backup leaves none)."""
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="pgb-backup-") as tmp:
        work = Path(tmp)
        members: dict[str, Path] = {}
        database = _dump_database(work)
        members[database.name] = database
        for prefix, setting in TREES.items():
            root = Path(getattr(settings, setting))
            if root.is_dir():
                for path in sorted(p for p in root.rglob("*") if p.is_file()):
                    members[f"{prefix}/{path.relative_to(root).as_posix()}"] = path
        manifest = {
            "format": FORMAT,
            "engine": _engine(),
            "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "files": {name: _sha256(path) for name, path in members.items()},
        }
        partial = output.with_name(f".{output.name}.partial")
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(manifest, indent=1).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            archive.addfile(info, fileobj=io.BytesIO(data))
            for name, path in members.items():
                archive.add(path, arcname=name, recursive=False)
        partial.replace(output)
    return Summary(path=output, files=len(members) - 1, size=output.stat().st_size)


def _verified(archive_path: Path, into: Path) -> dict:
    """Unpack into `into` and check the manifest's checksum of every member; the manifest."""
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            archive.extractall(into, filter="data")  # no absolute paths, links out or devices
    except (tarfile.TarError, OSError, EOFError) as error:
        raise BackupError(f"{archive_path}: not a readable backup archive ({error})") from None
    try:
        manifest = json.loads((into / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise BackupError(f"{archive_path}: no readable manifest.json; not a pgb backup") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(
            f"{archive_path}: backup format {manifest.get('format')!r}, this version reads {FORMAT}"
        )
    present = {p.relative_to(into).as_posix() for p in into.rglob("*") if p.is_file()} - {"manifest.json"}
    listed = set(manifest.get("files", {}))
    if present != listed:
        raise BackupError(f"{archive_path}: members and manifest differ: {sorted(present ^ listed)[:5]}")
    for name, digest in manifest["files"].items():
        if _sha256(into / name) != digest:
            raise BackupError(f"{archive_path}: {name} does not match its checksum; the backup is damaged")
    return manifest


def _restore_database(work: Path, engine: str) -> None:
    if engine == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(work / "database.sqlite3") as source:
            source.backup(connection.connection)
        return
    connection.close()  # pg_restore drops and recreates every table: no open transaction may hold them
    done = subprocess.run(  # nosec B603 B607 # PostgreSQL's pg_restore from PATH, an argument list, no shell
        ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
         "--exit-on-error", "--dbname", settings.DATABASES["default"]["NAME"], str(work / "database.pgdump")],
        env=_pg_env(),
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise BackupError(f"pg_restore failed (the database is as it was): {done.stderr.strip()}")


def restore(archive_path: Path) -> Summary:
    """Replace the database and the uploaded files with the backup's, after checking all of it."""
    with tempfile.TemporaryDirectory(prefix="pgb-restore-") as tmp:
        work = Path(tmp)
        manifest = _verified(archive_path, work)
        if manifest["engine"] != _engine():
            raise BackupError(f"{archive_path}: a {manifest['engine']} backup; this site runs on {_engine()}")
        _restore_database(work, manifest["engine"])
        for prefix, setting in TREES.items():
            root = Path(getattr(settings, setting))
            root.mkdir(parents=True, exist_ok=True)
            for child in root.iterdir():  # the folder's contents, not the folder (it may be a mount)
                shutil.rmtree(child) if child.is_dir() else child.unlink()
            if (work / prefix).is_dir():
                shutil.copytree(work / prefix, root, dirs_exist_ok=True)
    return Summary(path=archive_path, files=len(manifest["files"]) - 1, size=archive_path.stat().st_size)
