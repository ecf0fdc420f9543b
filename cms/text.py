"""Untrusted text made safe: Markdown rendering and HTML sanitising for every app.

Markdown is rendered with markdown-it-py with raw HTML off, then cleaned by nh3 to a small set of
tags; links keep only http(s) and mailto. Other apps import `render_markdown` and `sanitize_html`.
"""

import nh3
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
