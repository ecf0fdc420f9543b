"""Human labels for facet values: the apps that own the taxonomy register how their values read.

`search` never imports the apps above it; cms registers labels for themes, laws and municipalities
and the content providers register the names of their types.
"""

from collections.abc import Callable, Iterable

from search.types import FacetValue

_labellers: dict[str, Callable[[Iterable[str]], dict[str, str]]] = {}


def register(field: str, labeller: Callable[[Iterable[str]], dict[str, str]]) -> None:
    """`labeller(values)` returns {value: label} for the values it knows."""
    _labellers[field] = labeller


def labels(field: str, values: Iterable[str]) -> dict[str, str]:
    """{value: label} for `values`; a value nobody labels reads as itself."""
    values = [str(v) for v in values]
    known = _labellers[field](values) if field in _labellers else {}
    return {value: known.get(value, value) for value in values}


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


def type_labels(values: Iterable[str]) -> dict[str, str]:
    from django.utils.translation import gettext as _

    names = {
        "case": _("Good practice"),
        "article": _("News"),
        "video": _("Video"),
        "document": _("Document"),
        "question": _("Forum question"),
    }
    return {v: names[v] for v in values if v in names}


register("type", type_labels)
