"""Template helpers for the public site: safe Markdown, type labels, durations, breadcrumbs."""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from cms.text import render_markdown

register = template.Library()


@register.filter
def markdown(text: str):
    """Markdown from users or imports as sanitised HTML (`#` becomes h3 inside a page section)."""
    return mark_safe(render_markdown(text, shift_headings=2))  # noqa: S308 - sanitised by nh3 in render_markdown


@register.filter
def type_label(item) -> str:
    """'Goed voorbeeld', 'Uitlegvideo', 'Vraag', …: the item's kind as readers call it."""
    model = getattr(item, "specific_class", None) or type(item)
    label = str(model._meta.verbose_name)
    return label[:1].upper() + label[1:]


@register.filter
def duration(seconds) -> str:
    """Seconds as '4 min 10 s'."""
    if seconds in (None, ""):
        return ""
    minutes, rest = divmod(int(seconds), 60)
    if not minutes:
        return _("%(s)s s") % {"s": rest}
    return _("%(m)s min %(s)s s") % {"m": minutes, "s": rest}


@register.filter
def timestamp(seconds) -> str:
    """Seconds as m:ss (or h:mm:ss) for a transcript."""
    seconds = int(seconds or 0)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


@register.simple_tag
def page_breadcrumbs(page):
    """The ancestors of a Wagtail page below the root, as (title, url) pairs."""
    if page is None or not hasattr(page, "get_ancestors"):
        return []
    return [(p.title, p.url) for p in page.get_ancestors().filter(depth__gt=1).specific()]
