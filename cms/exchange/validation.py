"""Validation of exchange-format items: the common fields, plus helpers the type handlers use."""

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from cms.exchange import limits
from cms.models import Law, Municipality, Theme
from cms.pdftext import pdf_problem

ID_PATTERN = re.compile(r"[a-z0-9-]{3,80}")  # always with fullmatch: `$` would let a final newline pass
DATE_PATTERN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def shown(value: object) -> str:
    """`value` as a message quotes it: its repr, cut short so that a huge value stays one readable line."""
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:50]}… ({len(text):,} characters)"


@dataclass
class Vocabulary:
    """The slugs and codes an item may use, loaded once per import."""

    laws: set[str]
    themes: set[str]
    municipalities: set[str]

    @classmethod
    def load(cls) -> "Vocabulary":
        return cls(
            laws=set(Law.objects.values_list("slug", flat=True)),
            themes=set(Theme.objects.values_list("slug", flat=True)),
            municipalities=set(Municipality.objects.values_list("code", flat=True)),
        )


@dataclass
class CleanItem:
    """An item that passed validation, with Python values instead of JSON ones."""

    line: int
    id: str
    type: str
    title: str
    summary: str
    body: str
    published: datetime.date
    municipalities: list[str]
    laws: list[str]
    themes: list[str]
    author_name: str
    author_organisation: str
    attachments: list[tuple[str, Path]]
    last_reviewed: datetime.date | None
    raw: dict
    extra: dict = field(default_factory=dict)
    files: list[tuple[str, Path]] = field(default_factory=list)  # other files it names (a video)


class Checker:
    """Collects field errors for one item while reading typed values out of it."""

    def __init__(self, item: dict, vocabulary: Vocabulary, base_dir: Path):
        self.item = item
        self.vocabulary = vocabulary
        self.base_dir = base_dir
        self.errors: list[tuple[str, str]] = []

    def error(self, path: str, message: str) -> None:
        self.errors.append((path, message))

    def string(
        self, obj: dict, key: str, path: str, *, required: bool, min_len: int = 0, max_len: int | None = None
    ):
        value = obj.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.error(path, "is required")
            return ""
        if not isinstance(value, str):
            self.error(path, "must be a string")
            return ""
        value = value.strip()
        if min_len and len(value) < min_len or (max_len is not None and len(value) > max_len):
            bounds = f"{min_len} to {max_len:,}" if min_len else f"at most {max_len:,}"
            self.error(path, f"must be {bounds} characters long (is {len(value):,})")
        return value

    def date(self, obj: dict, key: str, path: str, *, required: bool) -> datetime.date | None:
        value = obj.get(key)
        if value is None:
            if required:
                self.error(path, "is required")
            return None
        if not isinstance(value, str) or not DATE_PATTERN.fullmatch(value):
            self.error(path, f"must be a date as YYYY-MM-DD, not {shown(value)}")
            return None
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            self.error(path, f"{shown(value)} is not a real date")
            return None

    def boolean(self, obj: dict, key: str, path: str, *, default: bool = False) -> bool:
        value = obj.get(key, default)
        if not isinstance(value, bool):
            self.error(path, "must be true or false")
            return default
        return value

    def obj(self, obj: dict, key: str, path: str) -> dict:
        value = obj.get(key)
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.error(path, "must be an object")
            return {}
        return value

    def list_of(self, obj: dict, key: str, path: str, *, max_items: int) -> list:
        """The list at `key` ([] when absent); longer than `max_items` is an error and yields []."""
        value = obj.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(path, "must be a list")
            return []
        if len(value) > max_items:
            self.error(path, f"must have at most {max_items:,} entries (has {len(value):,})")
            return []
        return value

    def codes(
        self, obj: dict, key: str, path: str, known: set[str], what: str, *, max_items: int
    ) -> list[str]:
        result = []
        for index, value in enumerate(self.list_of(obj, key, path, max_items=max_items)):
            if not isinstance(value, str) or value not in known:
                self.error(f"{path}[{index}]", f"unknown {what} {shown(value)}")
            elif value not in result:
                result.append(value)
        return result

    def municipalities(self, obj: dict, path: str) -> list[str]:
        return self.codes(
            obj,
            "municipalities",
            path,
            self.vocabulary.municipalities,
            "CBS code",
            max_items=limits.MAX_MUNICIPALITIES,
        )

    def author(self, obj: dict, path: str) -> tuple[str, str]:
        author = self.obj(obj, "author", path)
        name = self.string(author, "name", f"{path}.name", required=False, max_len=limits.MAX_NAME)
        organisation = self.string(
            author, "organisation", f"{path}.organisation", required=False, max_len=limits.MAX_NAME
        )
        return name, organisation

    def email(self, obj: dict, key: str, path: str) -> str:
        value = self.string(obj, key, path, required=False, max_len=limits.MAX_EMAIL)
        if value and len(value) <= limits.MAX_EMAIL:
            try:
                validate_email(value)
            except ValidationError:
                self.error(path, f"{shown(value)} is not an e-mail address")
        return value

    def attachments(self, *, required: bool) -> list[tuple[str, Path]]:
        entries = self.list_of(self.item, "attachments", "attachments", max_items=limits.MAX_ATTACHMENTS)
        if required and not entries:
            self.error("attachments", "is required for this type (the document file itself)")
        result = []
        for index, entry in enumerate(entries):
            path = f"attachments[{index}]"
            if not isinstance(entry, dict):
                self.error(path, "must be an object with title and file")
                continue
            title = self.string(
                entry, "title", f"{path}.title", required=True, max_len=limits.MAX_ATTACHMENT_TITLE
            )
            name = self.string(
                entry, "file", f"{path}.file", required=True, max_len=limits.MAX_ATTACHMENT_PATH
            )
            if name and len(name) <= limits.MAX_ATTACHMENT_PATH:
                try:
                    problem, file = self.attachment_file(name)
                except OSError as exc:  # e.g. a path component longer than the file system allows
                    problem, file = f"{shown(name)} cannot be read ({exc.strerror or exc})", None
                if problem:
                    self.error(f"{path}.file", problem)
                else:
                    result.append((title, file))
        return result

    def attachment_file(self, name: str) -> tuple[str | None, Path]:
        """(what is wrong with attachment `name` or None, its resolved path)."""
        return self.file_problem(name, content=pdf_problem, kind="a readable PDF")

    def file_problem(
        self, name: str, *, content, kind: str, max_bytes: int = limits.MAX_ATTACHMENT_BYTES
    ) -> tuple[str | None, Path]:
        """(what is wrong with file `name` or None, its resolved path); `content(path)` says what is
        wrong with its content or None, `kind` what it must be ("a readable PDF")."""
        base = self.base_dir.resolve()
        file = (base / name).resolve()
        if not file.is_relative_to(base):
            return f"{shown(name)} points outside the folder of the JSONL file", file
        if not file.is_file():
            return f"file {shown(name)} not found next to the JSONL file", file
        if file.stat().st_size > max_bytes:
            return f"{shown(name)} is larger than {max_bytes // 1024 // 1024} MB", file
        if problem := content(file):
            return f"{shown(name)} is not {kind} ({problem})", file
        return None, file

    def named_file(self, field: str, *, content, kind: str, max_bytes: int) -> Path | None:
        """The optional file the item names in `field` (a path next to the JSONL file), checked."""
        name = self.string(self.item, field, field, required=False, max_len=limits.MAX_ATTACHMENT_PATH)
        if not name:
            return None
        try:
            problem, file = self.file_problem(name, content=content, kind=kind, max_bytes=max_bytes)
        except OSError as exc:
            problem, file = f"{shown(name)} cannot be read ({exc.strerror or exc})", None
        if problem:
            self.error(field, problem)
            return None
        return file


def check_common(item: dict, checker: Checker, line: int, *, types: set[str]) -> CleanItem:
    """Validate the fields every type shares; errors are collected on `checker`."""
    external_id = item.get("id")
    if not isinstance(external_id, str) or not ID_PATTERN.fullmatch(external_id):
        checker.error("id", f"must match [a-z0-9-]{{3,80}}, not {shown(external_id)}")
        external_id = ""
    item_type = item.get("type")
    if not isinstance(item_type, str) or item_type not in types:
        checker.error("type", f"unknown type {shown(item_type)} (expected one of {', '.join(sorted(types))})")
        item_type = item_type if isinstance(item_type, str) else ""
    min_title, max_title = limits.TITLE_LENGTH
    title = checker.string(item, "title", "title", required=True, min_len=min_title, max_len=max_title)
    summary = checker.string(
        item, "summary", "summary", required=item_type != "question", max_len=limits.MAX_SUMMARY
    )
    body = checker.string(item, "body", "body", required=True, max_len=limits.MAX_BODY)
    author_name, author_organisation = checker.author(item, "author")
    return CleanItem(
        line=line,
        id=external_id,
        type=item_type,
        title=title,
        summary=summary,
        body=body,
        published=checker.date(item, "published", "published", required=True),
        municipalities=checker.municipalities(item, "municipalities"),
        laws=checker.codes(
            item, "laws", "laws", checker.vocabulary.laws, "law slug", max_items=limits.MAX_LAWS
        ),
        themes=checker.codes(
            item, "themes", "themes", checker.vocabulary.themes, "theme slug", max_items=limits.MAX_THEMES
        ),
        author_name=author_name,
        author_organisation=author_organisation,
        attachments=[],
        last_reviewed=checker.date(item, "last_reviewed", "last_reviewed", required=False),
        raw=item,
    )
