"""Value types of the exchange format: errors, per-item context and the import report."""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol


@dataclass(frozen=True)
class FieldError:
    """One problem with one field of one line; `field` is a path such as `answers[1].published`."""

    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.field}: {self.message}"


@dataclass
class ImportReport:
    """What an import did (or, in a dry run, would do)."""

    total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    errors: list[FieldError] = field(default_factory=list)
    dry_run: bool = False

    def count(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)

    def summary(self) -> str:
        text = (
            f"{self.total} items: {self.created} created, {self.updated} updated, "
            f"{self.unchanged} unchanged, {self.skipped} skipped."
        )
        return f"{text} (dry run: nothing was written)" if self.dry_run else text


class Batch(Protocol):
    """New objects a handler collects during a chunk, written together at its end."""

    def write(self) -> list: ...


@dataclass(frozen=True)
class ImportContext:
    """What handlers need besides the item: where attachment paths are relative to, where new pages go
    in the page tree (a cms.tree.TreeCursor), and the batches new items are written in (None: each item
    is written on its own)."""

    base_dir: Path
    tree: object = None
    batches: dict[str, Batch] | None = None

    def batch(self, key: str, factory: Callable[[], Batch]) -> Batch | None:
        """The chunk's batch named `key` (made by `factory` when first asked for), or None."""
        if self.batches is None:
            return None
        if key not in self.batches:
            self.batches[key] = factory()
        return self.batches[key]

    def write_batches(self) -> list:
        """Write every batch; returns the objects written."""
        return [obj for batch in (self.batches or {}).values() for obj in batch.write()]
