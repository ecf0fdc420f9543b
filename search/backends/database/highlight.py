"""Snippets with the matched words marked, cut from the passage of an item that best fits the query.

The database backends use this; Elasticsearch highlights with its own unified highlighter. For a
video the passage may be a caption cue (its second is returned), for a document a PDF page.
"""

import re
from dataclasses import dataclass

from django.utils.html import escape

from search.analysis import fold, split_compound, stem

_TOKEN = re.compile(r"\w+(?:-\w+)*", re.UNICODE)
WINDOW = 32  # words in a snippet
# A cue or PDF page wins a tie: its second or page number takes the reader straight to the spot.
KIND_BONUS = {"summary": 0.3, "body": 0.2, "cue": 0.4, "page": 0.4}


@dataclass(frozen=True)
class Snippet:
    html: str
    timestamp: float | None = None
    page: int | None = None


def _matches(word: str, stems: frozenset[str]) -> bool:
    folded = fold(word)
    for piece in [folded, *folded.split("-")] if "-" in folded else [folded]:
        if stem(piece) in stems:
            return True
        parts = split_compound(piece)  # "zorg-overeenkomst" for zorgovereenkomst, not "zorgverlener"
        if parts and all(stem(part) in stems for part in parts):
            return True
    return False


def _window(tokens: list[re.Match], marked: list[bool]) -> tuple[int, int]:
    """The WINDOW-token span with the most marked tokens (first one wins a tie)."""
    if len(tokens) <= WINDOW:
        return 0, len(tokens)
    best, best_start, current = -1, 0, sum(marked[:WINDOW])
    for start in range(0, len(tokens) - WINDOW + 1):
        if start:
            current += marked[start + WINDOW - 1] - marked[start - 1]
        if current > best:
            best, best_start = current, start
    # Start a few words before the first match so the snippet reads as a sentence fragment.
    first = next((i for i in range(best_start, best_start + WINDOW) if marked[i]), best_start)
    start = max(0, min(best_start, first - 4))
    return start, min(len(tokens), start + WINDOW)


def _render(text: str, stems: frozenset[str]) -> tuple[str, int]:
    """(HTML snippet, number of distinct matched words) for one passage."""
    tokens = list(_TOKEN.finditer(text))
    if not tokens:
        return "", 0
    memo: dict[str, bool] = {}  # words repeat: decide each once
    marked = []
    for token in tokens:
        word = token.group()
        if word not in memo:
            memo[word] = _matches(word, stems)
        marked.append(memo[word])
    start, end = _window(tokens, marked)
    out, position = [], tokens[start].start()
    for token, is_match in zip(tokens[start:end], marked[start:end], strict=True):
        out.append(escape(text[position : token.start()]))
        out.append(f"<mark>{escape(token.group())}</mark>" if is_match else escape(token.group()))
        position = token.end()
    out.append(escape(text[position : tokens[end - 1].end()]))
    html = "".join(out)
    if start > 0:
        html = "… " + html
    if end < len(tokens):
        html += " …"
    distinct = {fold(t.group()) for t, m in zip(tokens[start:end], marked[start:end], strict=True) if m}
    return html, len(distinct)


def snippet(summary: str, passages: list[dict], stems: frozenset[str]) -> Snippet:
    """The best snippet for an item: the passage with the most distinct query words, summary first."""
    candidates = [{"kind": "summary", "text": summary}, *passages]
    best, best_score = None, 0.0
    for passage in candidates:
        text = passage.get("text", "")
        if not text or not stems:
            continue
        folded = fold(text)
        if not any(s in folded for s in stems):  # stems are prefixes of the words they match: skip early
            continue
        html, hits = _render(text, stems)
        score = hits + KIND_BONUS.get(passage["kind"], 0) if hits else 0
        if score > best_score:
            best, best_score = (html, passage), score
    if best is None:
        words = summary.split()
        text = " ".join(words[:WINDOW]) + (" …" if len(words) > WINDOW else "")
        return Snippet(html=escape(text))
    html, passage = best
    if passage["kind"] == "cue":
        return Snippet(html=html, timestamp=float(passage["start"]))
    if passage["kind"] == "page":
        return Snippet(html=html, page=int(passage["page"]))
    return Snippet(html=html)
