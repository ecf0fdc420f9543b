"""Export of every item to a JSON Lines file with its attachments in a `files/` folder beside it."""

import json
import os
import tempfile
from pathlib import Path

from django.utils.text import slugify

from cms import content_types


def _attachment_name(document) -> str:
    """A stable file name: from the title and the content hash, so two exports name files alike."""
    extension = Path(document.file.name).suffix.lower() or ".pdf"
    stem = slugify(document.title)[:60].strip("-") or "bestand"
    return f"{stem}-{document.get_file_hash()[:8]}{extension}"


def export_file(path: Path) -> int:
    """Write every item to `path` (replaced atomically) and return how many were written."""
    path = Path(path)
    files_dir = path.parent / "files"
    count = 0
    handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp")
    try:
        with handle:
            for content_type in content_types.all():
                for _obj, item in content_type.exchange.export():
                    attachments = item.pop("_attachments", [])
                    if attachments:
                        item["attachments"] = [
                            {"title": title, "file": f"files/{_copy(document, files_dir)}"}
                            for title, document in attachments
                        ]
                    for name, document in item.pop("_files", {}).items():  # e.g. a video's file
                        item[name] = f"files/{_copy(document, files_dir)}"
                    handle.write(json.dumps(item, ensure_ascii=False) + "\n")
                    count += 1
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
    return count


def _copy(document, files_dir: Path) -> str:
    name = _attachment_name(document)
    target = files_dir / name
    if not target.exists():
        files_dir.mkdir(parents=True, exist_ok=True)
        with document.open_file() as source, target.open("wb") as out:
            for chunk in iter(lambda: source.read(1024 * 1024), b""):
                out.write(chunk)
    return name
