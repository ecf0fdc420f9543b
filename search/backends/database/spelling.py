"""'Bedoelde u …?': the nearest known word for a query word that the audience's index does not hold.

The vocabulary is built per audience from what it may see (titles, summaries and the start of
bodies), so a correction can never reveal a word that occurs only in hidden text; it is cached per
process until the index changes.
"""

import difflib
import threading

from search.analysis import STOP_WORDS, fold, words
from search.models import SearchEntry

_lock = threading.Lock()
_cache: dict[tuple, dict[int, list[str]]] = {}  # (index state token, visibilities) -> words by length


def vocabulary(token: str, visibilities: tuple[str, ...]) -> dict[int, list[str]]:
    """Words of four letters or more that `visibilities` may see, grouped by length."""
    key = (token, visibilities)
    with _lock:
        if token and key in _cache:
            return _cache[key]
    found: set[str] = set()
    rows = SearchEntry.objects.filter(visibility__in=visibilities).values_list("title", "summary", "passages")
    for title, summary, passages in rows.iterator(chunk_size=2000):
        body = " ".join(p["text"] for p in passages if p["kind"] == "body")[:2000]
        found.update(w for w in words(f"{title} {summary} {body}") if len(w) >= 4 and w.isalpha())
    by_length: dict[int, list[str]] = {}
    for word in sorted(found):
        by_length.setdefault(len(word), []).append(word)
    with _lock:
        if not any(cached_token == token for cached_token, _v in _cache):
            _cache.clear()  # the index changed: every audience's vocabulary is stale
        _cache[key] = by_length
    return by_length


def closest(word: str, by_length: dict[int, list[str]]) -> str | None:
    """The vocabulary word nearest to `word` (at most about two edits away), or None."""
    word = fold(word)
    if len(word) < 4 or word in STOP_WORDS:
        return None
    candidates = [w for n in range(len(word) - 2, len(word) + 3) for w in by_length.get(n, ())]
    matches = difflib.get_close_matches(word, candidates, n=1, cutoff=0.8)
    return matches[0] if matches and matches[0] != word else None
