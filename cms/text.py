"""Untrusted text made safe: Markdown rendering and HTML sanitising for every app.

Markdown is rendered with markdown-it-py with raw HTML off, then cleaned by nh3 to a small set of
tags; links keep only http(s) and mailto. Other apps import `render_markdown` and `sanitize_html`;
search indexes read a body's plain text through `stream_text`.
"""

import re

import nh3
from django.utils.html import strip_tags
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "a",
    "strong",
    "em",
    "b",
    "i",
    "blockquote",
    "code",
}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).disable("image")


def sanitize_html(
    html: str, *, tags: set[str] | None = None, link_rel: str | None = "noopener noreferrer nofollow"
) -> str:
    """`html` with only the allowed tags, attributes and link schemes; links get `link_rel` (None: no rel)."""
    return nh3.clean(
        html,
        tags=tags or ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=link_rel,
        strip_comments=True,
    )


def render_markdown(text: str, *, shift_headings: int = 0) -> str:
    """Sanitised HTML for Markdown `text`; `shift_headings` pushes `#` down (1: `#` becomes h2)."""
    html = _markdown.render(text or "")
    if shift_headings:
        for level in range(6 - shift_headings, 0, -1):
            new = min(level + shift_headings, 6)
            html = html.replace(f"<h{level}>", f"<h{new}>").replace(f"</h{level}>", f"</h{new}>")
    return sanitize_html(html, tags=ALLOWED_TAGS | {"h5", "h6"})


def stream_text(stream) -> str:
    """The readable text of a StreamField: headings and rich text, tags removed."""
    parts = []
    for block in stream:
        value = block.value
        if hasattr(value, "source"):
            parts.append(value.source)
        elif isinstance(value, dict) or hasattr(value, "get"):
            parts.append(str(value.get("heading", "")))
            text = value.get("text")
            parts.append(getattr(text, "source", str(text or "")))
    return re.sub(r"\s+", " ", strip_tags(" ".join(parts))).strip()
