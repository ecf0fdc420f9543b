"""Template helpers for the public site: safe Markdown and moments in a video."""

from django import template
from django.utils.safestring import mark_safe

from cms import formats
from cms.text import render_markdown

register = template.Library()


@register.filter
def markdown(text: str):
    """Markdown from users or imports as sanitised HTML (`#` becomes h3 inside a page section)."""
    return mark_safe(render_markdown(text, shift_headings=2))  # nosec B308 B703 # render_markdown sanitises with nh3


@register.filter
def timestamp(seconds) -> str:
    """Seconds as m:ss (or h:mm:ss) for a transcript."""
    return formats.timestamp(seconds)


@register.filter
def video_duration(seconds) -> str:
    """ "1 min 24 s": how long a video is."""
    return formats.duration(seconds)


@register.filter
def second(seconds) -> int:
    """The whole second a moment falls in (4.5 -> 4): where a link into a video starts the player,
    so that it never skips the start of what was said."""
    return int(float(seconds))
