"""The item types the exchange format knows; each app registers the handlers for its own types.

cms registers case and article; media (video, document) and forum (question) register theirs in their
AppConfig.ready(), because cms may not import the apps above it.
"""

from collections.abc import Iterator
from typing import Any, Protocol

from cms.exchange.types import ImportContext
from cms.exchange.validation import Checker, CleanItem


class ItemHandler(Protocol):
    type_name: str

    def check(self, item: dict, clean: CleanItem, checker: Checker) -> None:
        """Validate the type's own fields; put cleaned values in `clean.extra` and `clean.attachments`."""

    def find(self, external_id: str) -> Any | None:
        """The stored object with this external id, or None."""

    def existing_ids(self, ids: list[str]) -> set[str]:
        """Which of `ids` are stored as this type."""

    def write(self, clean: CleanItem, existing: Any | None, fingerprint: str, ctx: ImportContext) -> Any:
        """Create or update the object for `clean`; return it."""

    def export(self) -> Iterator[tuple[Any, dict]]:
        """Every stored object of this type with its item dict (attachments as (title, Document))."""


_handlers: dict[str, ItemHandler] = {}


def register(handler: ItemHandler) -> None:
    _handlers[handler.type_name] = handler


def handler_for(type_name: str) -> ItemHandler:
    return _handlers[type_name]


def type_names() -> set[str]:
    return set(_handlers)


def handlers() -> list[ItemHandler]:
    order = ["case", "video", "article", "question", "document"]
    return sorted(_handlers.values(), key=lambda h: order.index(h.type_name) if h.type_name in order else 99)
