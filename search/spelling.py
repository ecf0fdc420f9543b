"""'Bedoelde u …?': corrections for query words that occur nowhere in the index.

The vocabulary is the words of public titles, summaries and bodies (never members-only text, so a
suggestion cannot reveal what a visitor may not see), cached per process until the index changes.
"""

import difflib
import threading

from search.analysis import STOP_WORDS, fold, words

_lock = threading.Lock()
_cache: dict = {"version": None, "words": {}}


def _version() -> str:
    """The index's state token: it changes with every index write (see search.models.SearchIndexState)."""
    from search.backends.database.snapshot import current_token

    return current_token()


def vocabulary() -> dict[int, list[str]]:
    """Public words of four letters or more (titles, summaries, the start of bodies), grouped by length."""
    from search.models import SearchEntry
    from search.types import Audience

    version = _version()
    with _lock:
        if version and _cache["version"] == version:
            return _cache["words"]
    found: set[str] = set()
    rows = SearchEntry.objects.filter(audience=Audience.PUBLIC).values_list("title", "summary", "passages")
    for title, summary, passages in rows.iterator(chunk_size=2000):
        body = " ".join(p["text"] for p in passages if p["kind"] == "body")[:2000]
        found.update(w for w in words(f"{title} {summary} {body}") if len(w) >= 4 and w.isalpha())
    by_length: dict[int, list[str]] = {}
    for word in sorted(found):
        by_length.setdefault(len(word), []).append(word)
    with _lock:
        _cache.update(version=version, words=by_length)
    return by_length


def closest(word: str) -> str | None:
    """The vocabulary word nearest to `word` (at most about two edits away), or None."""
    word = fold(word)
    if len(word) < 4 or word in STOP_WORDS:
        return None
    by_length = vocabulary()
    candidates = [w for n in range(len(word) - 2, len(word) + 3) for w in by_length.get(n, ())]
    matches = difflib.get_close_matches(word, candidates, n=1, cutoff=0.8)
    return matches[0] if matches and matches[0] != word else None
