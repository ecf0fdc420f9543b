"""Snippets with the matched words marked, cut from the passage of an item that best fits the query.

The database backends use this; Elasticsearch highlights with its own unified highlighter. For a
video the passage may be a caption cue (its second is returned), for a document a PDF page.
"""

import re
from dataclasses import dataclass
from html import escape  # Django's escape, without its lazy-string wrapper (hundreds of calls a page)

from search.analysis import fold, split_compound, stem
from search.types import page_link

_TOKEN = re.compile(r"\w+(?:-\w+)*", re.UNICODE)
WINDOW = 32  # words in a snippet
# A cue or PDF page wins a tie: its second or page number takes the reader straight to the spot.
KIND_BONUS = {"summary": 0.3, "body": 0.2, "cue": 0.4, "page": 0.4}


@dataclass(frozen=True)
class Snippet:
    html: str
    timestamp: float | None = None
    page: int | None = None
    page_title: str = ""
    page_url: str = ""


def _weight(word: str, weights: dict[str, float]) -> float:
    """How much `word` of a text counts for the query: the weight of the stem it matches (0: none)."""
    folded = fold(word)
    best = 0.0
    for piece in [folded, *folded.split("-")] if "-" in folded else [folded]:
        best = max(best, weights.get(stem(piece), 0.0))
        parts = split_compound(piece)  # "zorg-overeenkomst" for zorgovereenkomst, not "zorgverlener"
        if parts and all(stem(part) in weights for part in parts):
            best = max(best, min(weights[stem(part)] for part in parts))
    return best


def _window(marked: list[float], keys: list[str]) -> tuple[int, int]:
    """The WINDOW-token span whose distinct matched stems weigh most (first one wins a tie): a span
    with the query's rarest word beats one repeating a common word."""
    if len(marked) <= WINDOW:
        return 0, len(marked)
    counts: dict[str, int] = {}
    current = 0.0

    def add(i: int, step: int) -> float:
        if not marked[i]:
            return 0.0
        before = counts.get(keys[i], 0)
        counts[keys[i]] = before + step
        if step > 0 and before == 0:
            return marked[i]
        if step < 0 and before == 1:
            return -marked[i]
        return 0.0

    for i in range(WINDOW):
        current += add(i, 1)
    best, best_start = current, 0
    for start in range(1, len(marked) - WINDOW + 1):
        current += add(start - 1, -1) + add(start + WINDOW - 1, 1)
        if current > best + 1e-9:
            best, best_start = current, start
    # Start a few words before the first match so the snippet reads as a sentence fragment, as long
    # as the window's last match stays in.
    inside = [i for i in range(best_start, best_start + WINDOW) if marked[i]]
    first, last = (inside[0], inside[-1]) if inside else (best_start, best_start)
    start = max(0, min(best_start, first - 4), last - WINDOW + 1)
    return start, min(len(marked), start + WINDOW)


Memo = dict[str, tuple[float, str]]  # word as written -> (its weight for the query, its stem)


def _marks(words: list[str], weights: dict[str, float], memo: Memo) -> tuple[list[float], list[str]]:
    marked, keys = [], []
    for word in words:
        if word not in memo:  # words repeat, within a text and across a page's hits: decide each once
            memo[word] = (_weight(word, weights), stem(fold(word)))
        weight, key = memo[word]
        marked.append(weight)
        keys.append(key)
    return marked, keys


@dataclass
class _Scored:
    """One passage weighed for the query: its best window and what it holds."""

    rarest: float  # weight of the rarest matched stem in the window
    total: float  # summed weight of the distinct matched stems in the window
    tokens: list[re.Match]
    marked: list[float]
    start: int
    end: int


def _score(text: str, weights: dict[str, float], memo: Memo) -> _Scored | None:
    """The best window of one passage and its weight; None if it holds no word of the query."""
    tokens = list(_TOKEN.finditer(text))
    if not tokens:
        return None
    marked, keys = _marks([token.group() for token in tokens], weights, memo)
    start, end = _window(marked, keys)
    distinct = {key: weight for key, weight in zip(keys[start:end], marked[start:end], strict=True) if weight}
    if not distinct:
        return None
    return _Scored(max(distinct.values()), sum(distinct.values()), tokens, marked, start, end)


def _render(text: str, scored: _Scored) -> str:
    """The HTML snippet of one passage: its best window, matched words marked, the rest escaped."""
    tokens, marked, start, end = scored.tokens, scored.marked, scored.start, scored.end
    out, position = [], tokens[start].start()
    for token, weight in zip(tokens[start:end], marked[start:end], strict=True):
        out.append(escape(text[position : token.start()]))
        out.append(f"<mark>{escape(token.group())}</mark>" if weight else escape(token.group()))
        position = token.end()
    out.append(escape(text[position : tokens[end - 1].end()]))
    html = "".join(out)
    if start > 0:
        html = "… " + html
    if end < len(tokens):
        html += " …"
    return html


def snippet(
    summary: str, passages: list[dict], weights: dict[str, float], memo: Memo | None = None
) -> Snippet:
    """The best snippet for an item: the passage holding the rarest of the query's concepts (then the
    most of them), summary first; `weights` is {stem: weight} (search.backends.database.coverage).
    `memo` may be shared by the hits of one search (the same weights)."""
    memo = {} if memo is None else memo
    # Each passage's best possible rarest weight, from the stems its text contains (stems are
    # prefixes of the words they match, so this never says less than scoring finds): passages are
    # scored best bound first, and once no bound reaches the rarest weight found, none can win.
    bounded = []
    for number, passage in enumerate([{"kind": "summary", "text": summary}, *passages]):
        text = passage.get("text", "")
        if not text or not weights:
            continue
        folded = fold(text)
        bound = max((weight for s, weight in weights.items() if s in folded), default=0.0)
        if bound:
            bounded.append((-bound, number, passage))
    bounded.sort(key=lambda item: item[:2])
    best, best_score, best_scored, best_order = None, (0.0, 0.0), None, 0
    for negative_bound, order, passage in bounded:
        if best is not None and round(-negative_bound, 6) < best_score[0]:
            break
        scored = _score(passage["text"], weights, memo)
        if scored is None:
            continue
        score = (round(scored.rarest, 6), scored.total + KIND_BONUS.get(passage["kind"], 0))
        if score > best_score or (score == best_score and order < best_order):  # first one wins a tie
            best, best_score, best_scored, best_order = passage, score, scored, order
    if best is None:
        words = summary.split()
        text = " ".join(words[:WINDOW]) + (" …" if len(words) > WINDOW else "")
        return Snippet(html=escape(text))
    passage = best
    html = _render(passage["text"], best_scored)
    if passage["kind"] == "cue":
        return Snippet(html=html, timestamp=float(passage["start"]))
    if passage["kind"] == "page":
        return Snippet(
            html=html,
            page=int(passage["page"]),
            page_title=passage.get("title", ""),
            page_url=page_link(passage.get("url", ""), int(passage["page"])),
        )
    return Snippet(html=html)
