"""Value types of the exchange format: errors, per-item context and the import report."""

from dataclasses import dataclass, field
from pathlib import Path


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


@dataclass(frozen=True)
class ImportContext:
    """What handlers need besides the item: where attachment paths are relative to, and where new
    pages go in the page tree (a cms.tree.TreeCursor)."""

    base_dir: Path
    tree: object = None
