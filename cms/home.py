"""What the home page shows from each app: apps above cms register a section in their ready().

cms cannot import forum or media (they sit above it), so they tell cms what to show instead.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class HomeSection:
    """A block of the home page: a heading, the newest few items and a link to all of them."""

    key: str
    heading: str
    items: Callable[[Any], Any]  # request -> iterable of pages or questions
    more_url: Callable[[], str]
    more_label: str
    order: int = 50


_sections: dict[str, HomeSection] = {}


def register_section(section: HomeSection) -> None:
    _sections[section.key] = section


def sections() -> list[HomeSection]:
    return sorted(_sections.values(), key=lambda s: s.order)
