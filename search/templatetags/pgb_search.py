"""Template helpers for the search page: links that change one parameter, facet options, facet and type labels."""

from html import escape  # the standard library's: Django's lazy wrapper costs per call

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from search import labels
from search.views import PAGE_PARAMETER

register = template.Library()


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with parameters replaced (None removes one); always back to page 1."""
    query = context["request"].GET.copy()
    query.pop(PAGE_PARAMETER, None)
    for name, value in changes.items():
        query.pop(name, None)
        if value is not None:
            query[name] = value
    return query.urlencode()


@register.simple_tag(takes_context=True)
def query_without(context, field: str, value: str) -> str:
    """The current query string without one filter value."""
    query = context["request"].GET.copy()
    query.pop(PAGE_PARAMETER, None)
    query.setlist(field, [v for v in query.getlist(field) if v != value])
    return query.urlencode()


OPTION = (
    '<li class="pgb-facet__option"><label class="pgb-facet__label"><input class="utrecht-checkbox '
    'pgb-facet__checkbox" type="checkbox" name="{field}" value="{value}"{checked} data-pgb-autosubmit><span>'
    '{label} <span class="pgb-facet__count">({count})</span></span></label></li>'
)


@register.simple_tag
def facet_options(field: str, values) -> str:
    """A facet's checkboxes, one list item each. A filter can hold all 342 gemeenten: written here in
    one pass with the standard library's escape (quotes included), not a template include or a
    format_html per option, which cost most of the search page's time."""
    field = escape(str(field))
    return mark_safe(  # nosec B308 B703 # every value interpolated is escaped just above or an int
        "".join(
            OPTION.format(
                field=field,
                value=escape(str(value.value)),
                checked=" checked" if value.selected else "",
                label=escape(str(value.label)),
                count=int(value.count),
            )
            for value in values
        )
    )


@register.simple_tag
def facet_label(results, field: str, value: str) -> str:
    for facet_value in results.facets.get(field, []):
        if facet_value.value == value:
            return facet_value.label
    return labels.labels(field, [value])[value]


@register.simple_tag
def search_type_label(value: str) -> str:
    return labels.labels("type", [value])[value]


@register.inclusion_tag("search/related.html", takes_context=True)
def related_items(context, external_id: str, limit: int = 4) -> dict:
    """Items like this one, from the search index, under a heading that names what they are:
    "Vergelijkbare voorbeelden" only when every one is a case (an example), else "Meer over dit onderwerp"."""
    from search import service
    from search.types import PUBLIC

    request = context.get("request")
    audience = getattr(request, "audience", PUBLIC)
    items = service.related(external_id, audience=audience, limit=limit) if external_id else []
    examples = bool(items) and all(item.type == "case" for item in items)
    return {"items": items, "heading": _("Similar examples") if examples else _("More on this subject")}
