"""Markdown to Wagtail rich text and back, for the tag set the exchange format allows.

Import: markdown-it (raw HTML off) renders, nh3 keeps only headings, paragraphs, lists, links and
emphasis. Export: a small converter writes that tag set back as Markdown, escaping what Markdown would
otherwise read as syntax, so that import(export(x)) stores exactly x.
"""

import re
from html.parser import HTMLParser

from cms.text import render_markdown, sanitize_html

RICH_TEXT_TAGS = {"p", "br", "h2", "h3", "h4", "ul", "ol", "li", "a", "b", "i", "strong", "em"}
_HEADING_LINE = re.compile(r"^(#{1,2})[ \t]+(.+?)[ \t#]*$")


def markdown_to_richtext(text: str) -> str:
    """Wagtail rich text (HTML) for Markdown `text`; a `#` heading becomes h2 (the page has the h1)."""
    html = render_markdown(text, shift_headings=1 if re.search(r"(?m)^#[ \t]", text or "") else 0)
    html = (
        html.replace("<h5>", "<h4>")
        .replace("</h5>", "</h4>")
        .replace("<h6>", "<h4>")
        .replace("</h6>", "</h4>")
    )
    return sanitize_html(html, tags=RICH_TEXT_TAGS, link_rel=None).strip()


def split_sections(text: str) -> list[tuple[str | None, str]]:
    """Split Markdown on its top-level headings (`#` or `##`): [(heading or None, markdown), ...].

    Fenced code is not part of the format, so a line-based split is exact for it.
    """
    sections: list[tuple[str | None, list[str]]] = [(None, [])]
    for line in (text or "").splitlines():
        match = _HEADING_LINE.match(line)
        if match:
            sections.append((match.group(2).strip(), []))
        else:
            sections[-1][1].append(line)
    return [
        (heading, "\n".join(lines).strip())
        for heading, lines in sections
        if heading or "".join(lines).strip()
    ]


_ESCAPE = re.compile(r"([\\`*_\[\]<>])")
_LINE_START = re.compile(r"^(\s*)(\d*)([#>+\-.)])(?=\s|$)")


def _escape(text: str) -> str:
    return _ESCAPE.sub(r"\\\1", text)


class _MarkdownWriter(HTMLParser):
    """Turns our rich-text tag set into CommonMark."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.lists: list[list] = []  # stack of [kind, counter]
        self.link: str | None = None
        self.prefix = ""

    def _flush(self):
        text = "".join(self.current).strip()
        self.current = []
        if text:
            # A line that starts like Markdown block syntax must stay text after the round trip.
            text = "\n".join(_LINE_START.sub(r"\1\2\\\3", line) for line in text.split("\n"))
            self.blocks.append(self.prefix + text)
        self.prefix = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in {"p", "h2", "h3", "h4"}:
            self._flush()
            if tag != "p":
                self.prefix = "#" * int(tag[1]) + " "
        elif tag in {"ul", "ol"}:
            self._flush()
            self.lists.append([tag, 0])
        elif tag == "li":
            self._flush()
            kind = self.lists[-1] if self.lists else ["ul", 0]
            kind[1] += 1
            indent = "   " * (len(self.lists) - 1)
            self.prefix = indent + ("- " if kind[0] == "ul" else f"{kind[1]}. ")
        elif tag in {"b", "strong"}:
            self.current.append("**")
        elif tag in {"i", "em"}:
            self.current.append("*")
        elif tag == "a":
            self.link = attrs.get("href") or ""
            self.current.append("[")
        elif tag == "br":
            self.current.append("\\\n")

    def handle_endtag(self, tag):
        if tag in {"p", "h2", "h3", "h4", "li"}:
            self._flush()
        elif tag in {"ul", "ol"}:
            self._flush()
            if self.lists:
                self.lists.pop()
            self.blocks.append("")  # a blank line ends the list
        elif tag in {"b", "strong"}:
            self.current.append("**")
        elif tag in {"i", "em"}:
            self.current.append("*")
        elif tag == "a":
            href = (self.link or "").replace(" ", "%20").replace(")", "%29").replace("(", "%28")
            self.current.append(f"]({href})")
            self.link = None

    def handle_data(self, data):
        if not self.current and not data.strip():
            return
        self.current.append(_escape(re.sub(r"\s*\n\s*", "\n", data)))

    def markdown(self) -> str:
        self._flush()
        out: list[str] = []
        for block in self.blocks:
            is_item = bool(re.match(r"^\s*(- |\d+\. )", block))
            if block == "":
                if out and out[-1] != "":
                    out.append("")
                continue
            if out and out[-1] != "" and not (is_item and re.match(r"^\s*(- |\d+\. )", out[-1])):
                out.append("")
            out.append(block)
        return "\n".join(out).strip()


def richtext_to_markdown(html: str) -> str:
    """CommonMark for rich text `html` (the inverse of `markdown_to_richtext` for its tag set)."""
    writer = _MarkdownWriter()
    writer.feed(html or "")
    writer.close()
    return writer.markdown()
