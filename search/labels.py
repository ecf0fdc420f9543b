"""Human labels for facet values: the apps that own the taxonomy register how their values read.

`search` never imports the apps above it; cms registers labels for content types, themes, laws and
municipalities.
"""

import time
from collections.abc import Callable, Iterable

from search.types import FacetValue

_labellers: dict[str, Callable[[Iterable[str]], dict[str, str]]] = {}


def register(field: str, labeller: Callable[[Iterable[str]], dict[str, str]]) -> None:
    """`labeller(values)` returns {value: label} for the values it knows."""
    _labellers[field] = labeller


_cache: dict[tuple[str, str], tuple[str, bool, float]] = {}  # (field, value) -> (label, known, expiry)
# Taxonomy names change rarely: a renamed theme shows in facets within five minutes. Only known values
# are kept, so a new theme is accepted as a filter at once (as the OpenAPI document lists it at once).
CACHE_SECONDS = 300


def _lookup(field: str, values: Iterable[str]) -> dict[str, tuple[str, bool]]:
    """{value: (label, known)}, from the cache or the field's labeller. Cached per process."""
    now = time.monotonic()
    values = [str(v) for v in values]
    result, missing = {}, []
    for value in values:
        cached = _cache.get((field, value))
        if cached and cached[2] > now:
            result[value] = cached[:2]
        else:
            missing.append(value)
    if missing:
        known = _labellers[field](missing) if field in _labellers else {}
        for value in missing:
            result[value] = (known.get(value, value), value in known)
            if value in known:  # an unknown value is asked again: a theme made a minute ago exists
                _cache[(field, value)] = (*result[value], now + CACHE_SECONDS)
    return result


def labels(field: str, values: Iterable[str]) -> dict[str, str]:
    """{value: label} for `values`; a value nobody labels reads as itself."""
    return {value: label for value, (label, _known) in _lookup(field, values).items()}


def unknown(field: str, values: Iterable[str]) -> list[str]:
    """The values of `field` that do not exist (a theme, law, type, gemeente or province nobody has);
    empty for fields without a labeller (years), which their format decides."""
    if field not in _labellers:
        return []
    return [value for value, (_label, known) in _lookup(field, values).items() if not known]


def clear_cache() -> None:
    _cache.clear()


def facet_values(field: str, counts: dict[str, int], selected: tuple[str, ...]) -> list[FacetValue]:
    """Facet values with labels, most frequent first (years newest first); selections always listed."""
    values = set(counts) | set(selected)
    names = labels(field, values)
    items = [
        FacetValue(value=v, label=names[v], count=counts.get(v, 0), selected=v in selected) for v in values
    ]
    if field == "year":
        return sorted(items, key=lambda f: f.value, reverse=True)
    return sorted(items, key=lambda f: (-f.count, f.label.lower()))
