"""The content types of the platform, each registered once by the app that owns it.

Everything that lists types reads this registry: the home page, the main navigation, search facets
and hits, related items, the exchange format's order, the sitemap and breadcrumbs. A type's name
reads the same everywhere: `label` for one item, `plural` for its listing.

Adding a type: its app defines the model (and templates), an exchange handler and a search
provider, and registers one `ContentType` in its AppConfig.ready().
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models

from search import service as search_service
from search.types import Audience


@dataclass(frozen=True)
class ContentType:
    """One kind of content (not Django's ContentType model): how it is named, found and exchanged."""

    key: str  # the exchange format's `type` and the search facet value: case, video, …
    label: str  # lazily translated: "Goed voorbeeld"
    plural: str  # lazily translated: "Goede voorbeelden"; the listing's heading and menu item
    model: type[models.Model]
    listing: Callable[[], str]  # the URL of the listing ("" while there is none)
    order: int  # position in menus, on the home page and in exports
    exchange: Any  # cms.exchange.handlers.ItemHandler
    documents: Any  # search.providers.DocumentProvider
    home: Callable[[Audience], Iterable] | None = None  # the newest few for the home page
    sitemap: Callable[[Audience], Iterable] | None = None  # items outside Wagtail's page tree
    # What a card of a search hit of this type adds on browse pages: (external ids, audience) ->
    # {id: {"meta": [str], "badges": [{"text", "css"}]}} (a question: its answers, whether one is accepted).
    card_details: Callable[[list[str], Audience], dict[str, dict]] | None = None


_types: dict[str, ContentType] = {}


def register(content_type: ContentType) -> None:
    """Register a type; its search provider is registered with search at the same time."""
    _types[content_type.key] = content_type
    search_service.register(content_type.documents)


def all() -> list[ContentType]:  # noqa: A001 - read as content_types.all()
    return sorted(_types.values(), key=lambda t: t.order)


def get(key: str) -> ContentType | None:
    return _types.get(key)


def keys() -> set[str]:
    return set(_types)


def for_model(model: type) -> ContentType | None:
    """The type of instances of `model` (a subclass of a registered model counts as it)."""
    for content_type in _types.values():
        if issubclass(model, content_type.model):
            return content_type
    return None


def for_object(obj) -> ContentType | None:
    """The type of a page (of any specificity) or other object."""
    model = getattr(obj, "specific_class", None) or type(obj)
    return for_model(model)


def labels(keys: Iterable[str]) -> dict[str, str]:
    """{key: label} for search facets."""
    return {key: str(_types[key].label) for key in keys if key in _types}
