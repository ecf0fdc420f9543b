"""Import of a JSON Lines file: validate everything first, then write all of it in one transaction.

Other apps call `import_file`; the `pgb import` command is a thin shell around it.
"""

from collections.abc import Callable, Iterator
from pathlib import Path

from django.db import transaction
from django.utils import translation

from cms import content_types
from cms.exchange.indexing import deferred_indexing
from cms.exchange.pages import fingerprint_of
from cms.exchange.reader import iter_lines
from cms.exchange.types import FieldError, ImportContext, ImportReport
from cms.exchange.validation import Checker, CleanItem, Vocabulary, check_common
from cms.selectors import taxonomy_cached
from cms.tree import TreeCursor

ID_BATCH = 200


def validate_item(
    item: dict, line: int, vocabulary: Vocabulary, base_dir: Path
) -> tuple[CleanItem, list[FieldError]]:
    """The cleaned item and the errors found in it (an empty list when it is valid)."""
    checker = Checker(item, vocabulary, base_dir)
    clean = check_common(item, checker, line, types=content_types.keys())
    if clean.type in content_types.keys():
        content_types.get(clean.type).exchange.check(item, clean, checker)
    return clean, [FieldError(line, field, message) for field, message in checker.errors]


def _check_id_owners(pending: dict[str, tuple[int, str]], report: ImportReport, invalid: set[int]) -> None:
    """An id already stored as another type cannot be reused: that would turn a case into a video."""
    ids = list(pending)
    for content_type in content_types.all():
        for external_id in content_type.exchange.existing_ids(ids):
            line, item_type = pending[external_id]
            if item_type != content_type.key:
                report.errors.append(
                    FieldError(line, "id", f"{external_id!r} is already used by a {content_type.key}")
                )
                invalid.add(line)
    pending.clear()


def validate_file(path: Path, report: ImportReport) -> set[int]:
    """First pass: every error in the file goes into `report`; returns the invalid line numbers."""
    vocabulary = Vocabulary.load()
    seen: dict[str, int] = {}
    invalid: set[int] = set()
    pending: dict[str, tuple[int, str]] = {}
    for line, item, line_errors in iter_lines(path):
        report.total += 1
        if line_errors:
            report.errors.extend(line_errors)
            invalid.add(line)
            continue
        clean, errors = validate_item(item, line, vocabulary, path.parent)
        if clean.id and clean.id in seen:
            errors.append(FieldError(line, "id", f"{clean.id!r} already occurs on line {seen[clean.id]}"))
        elif clean.id:
            seen[clean.id] = line
        if errors:
            report.errors.extend(errors)
            invalid.add(line)
        else:
            pending[clean.id] = (line, clean.type)
            if len(pending) >= ID_BATCH:
                _check_id_owners(pending, report, invalid)
    _check_id_owners(pending, report, invalid)
    return invalid


def _valid_chunks(path: Path, invalid: set[int], progress) -> Iterator[list[tuple[int, dict]]]:
    """The valid (line, item) pairs of `path` in lists of ID_BATCH, reading the file as a stream."""
    chunk: list[tuple[int, dict]] = []
    for line, item, _errors in iter_lines(path):
        if progress:
            progress(1)
        if line in invalid:
            continue
        chunk.append((line, item))
        if len(chunk) >= ID_BATCH:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _stored_ids(cleaned: list[CleanItem]) -> set[str]:
    by_type: dict[str, list[str]] = {}
    for clean in cleaned:
        by_type.setdefault(clean.type, []).append(clean.id)
    stored: set[str] = set()
    for type_name, ids in by_type.items():
        stored |= content_types.get(type_name).exchange.existing_ids(ids)
    return stored


def import_file(
    path: Path,
    *,
    dry_run: bool = False,
    skip_invalid: bool = False,
    progress: Callable[[int], object] | None = None,
    bulk: bool = True,
) -> ImportReport:
    """Create or update every item of `path` by external id.

    With any invalid line nothing is written, unless `skip_invalid`: then the invalid lines are
    counted as skipped and the others are imported. A dry run validates and counts but writes nothing.
    Raises FileNotFoundError for a missing file; everything else is reported in the ImportReport.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(path)
    report = ImportReport(dry_run=dry_run)
    with translation.override("en"):  # import errors are for operators, in English
        invalid = validate_file(path, report)
    if report.errors and not skip_invalid:
        return report
    report.skipped = len(invalid)
    vocabulary = Vocabulary.load()
    ctx = ImportContext(base_dir=path.parent, tree=TreeCursor(), batches={} if bulk else None)
    with transaction.atomic(), taxonomy_cached(), deferred_indexing() as backlog:
        for chunk in _valid_chunks(path, invalid, progress):
            cleaned = [validate_item(item, line, vocabulary, path.parent)[0] for line, item in chunk]
            stored = _stored_ids(cleaned)  # one query per type and chunk instead of one per item
            for (_line, item), clean in zip(chunk, cleaned, strict=True):
                handler = content_types.get(clean.type).exchange
                fingerprint = fingerprint_of(item, [*clean.attachments, *clean.files])
                existing = handler.find(clean.id) if clean.id in stored else None
                if existing is not None and existing.import_fingerprint == fingerprint:
                    report.count("unchanged")
                    continue
                report.count("updated" if existing is not None else "created")
                if not dry_run:
                    written = handler.write(clean, existing, fingerprint, ctx)
                    if written.pk is not None:  # else it waits in a batch
                        backlog.add(written)
            for written in ctx.write_batches():
                backlog.add(written)
        ctx.tree.commit()
    return report
