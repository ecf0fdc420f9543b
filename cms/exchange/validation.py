"""Validation of exchange-format items: the common fields, plus helpers the type handlers use."""

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from cms.models import Law, Municipality, Theme

ID_PATTERN = re.compile(r"^[a-z0-9-]{3,80}$")
MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024


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
        if len(value) < min_len or (max_len is not None and len(value) > max_len):
            self.error(path, f"must be {min_len} to {max_len} characters long (is {len(value)})")
        return value

    def date(self, obj: dict, key: str, path: str, *, required: bool) -> datetime.date | None:
        value = obj.get(key)
        if value is None:
            if required:
                self.error(path, "is required")
            return None
        if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            self.error(path, f"must be a date as YYYY-MM-DD, not {value!r}")
            return None
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            self.error(path, f"{value!r} is not a real date")
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

    def list_of(self, obj: dict, key: str, path: str) -> list:
        value = obj.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(path, "must be a list")
            return []
        return value

    def codes(self, obj: dict, key: str, path: str, known: set[str], what: str) -> list[str]:
        result = []
        for index, value in enumerate(self.list_of(obj, key, path)):
            if not isinstance(value, str) or value not in known:
                self.error(f"{path}[{index}]", f"unknown {what} {value!r}")
            elif value not in result:
                result.append(value)
        return result

    def municipalities(self, obj: dict, path: str) -> list[str]:
        return self.codes(obj, "municipalities", path, self.vocabulary.municipalities, "CBS code")

    def author(self, obj: dict, path: str) -> tuple[str, str]:
        author = self.obj(obj, "author", path)
        name = self.string(author, "name", f"{path}.name", required=False, max_len=200)
        organisation = self.string(
            author, "organisation", f"{path}.organisation", required=False, max_len=200
        )
        return name, organisation

    def email(self, obj: dict, key: str, path: str) -> str:
        value = self.string(obj, key, path, required=False, max_len=254)
        if value:
            try:
                validate_email(value)
            except ValidationError:
                self.error(path, f"{value!r} is not an e-mail address")
        return value

    def attachments(self, *, required: bool) -> list[tuple[str, Path]]:
        entries = self.list_of(self.item, "attachments", "attachments")
        if required and not entries:
            self.error("attachments", "is required for this type (the document file itself)")
        result = []
        base = self.base_dir.resolve()
        for index, entry in enumerate(entries):
            path = f"attachments[{index}]"
            if not isinstance(entry, dict):
                self.error(path, "must be an object with title and file")
                continue
            title = self.string(entry, "title", f"{path}.title", required=True, max_len=255)
            name = self.string(entry, "file", f"{path}.file", required=True)
            if not name:
                continue
            file = (base / name).resolve()
            if not file.is_relative_to(base):
                self.error(f"{path}.file", f"{name!r} points outside the folder of the JSONL file")
            elif not file.is_file():
                self.error(f"{path}.file", f"file {name!r} not found next to the JSONL file")
            elif file.stat().st_size > MAX_ATTACHMENT_BYTES:
                self.error(f"{path}.file", f"{name!r} is larger than 50 MB")
            else:
                with file.open("rb") as handle:
                    if handle.read(5) != b"%PDF-":
                        self.error(f"{path}.file", f"{name!r} is not a PDF file")
                        continue
                result.append((title, file))
        return result


def check_common(item: dict, checker: Checker, line: int, *, types: set[str]) -> CleanItem:
    """Validate the fields every type shares; errors are collected on `checker`."""
    external_id = item.get("id")
    if not isinstance(external_id, str) or not ID_PATTERN.match(external_id):
        checker.error("id", f"must match [a-z0-9-]{{3,80}}, not {external_id!r}")
        external_id = ""
    item_type = item.get("type")
    if item_type not in types:
        checker.error("type", f"unknown type {item_type!r} (expected one of {', '.join(sorted(types))})")
    title = checker.string(item, "title", "title", required=True, min_len=3, max_len=200)
    summary = checker.string(item, "summary", "summary", required=item_type != "question")
    body = checker.string(item, "body", "body", required=True)
    author_name, author_organisation = checker.author(item, "author")
    return CleanItem(
        line=line,
        id=external_id,
        type=item_type if isinstance(item_type, str) else "",
        title=title,
        summary=summary,
        body=body,
        published=checker.date(item, "published", "published", required=True),
        municipalities=checker.municipalities(item, "municipalities"),
        laws=checker.codes(item, "laws", "laws", checker.vocabulary.laws, "law slug"),
        themes=checker.codes(item, "themes", "themes", checker.vocabulary.themes, "theme slug"),
        author_name=author_name,
        author_organisation=author_organisation,
        attachments=[],
        last_reviewed=checker.date(item, "last_reviewed", "last_reviewed", required=False),
        raw=item,
    )
