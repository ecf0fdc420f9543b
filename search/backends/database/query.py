"""Query analysis for the database backend: what a typed query searches for.

A query becomes *concepts* (what the visitor typed: a word, a known phrase, a compound written apart),
each a list of *groups*, a group a list of alternatives, an alternative a tuple of stems that must
co-occur (a stem with a space is a phrase). Ranking rewards items that cover more of the concepts.
"""

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from search.analysis import STOP_WORDS, analyze, fold, query_groups, split_compound, stem, words
from search.backends.database.engine import Groups
from search.synonyms import SynonymMap, normalise

PUNCTUATION = ".,;:!?()[]{}\"'“”‘’"
Known = Callable[[Iterable[str]], set[str]]  # stems -> the ones the audience's part of the index holds


@dataclass(frozen=True)
class Concept:
    """One thing the visitor asked for: the words as typed, what matches it, and which stems are theirs.

    `typed` are the stems of the visitor's own words (snippets mark them before their synonyms);
    a correction ("Bedoelde u") is a concept the visitor did not type: it widens the search, but an
    item lacking it lacks nothing the visitor asked for.
    """

    text: str
    groups: Groups
    typed: frozenset[str]
    correction: bool = False


@functools.lru_cache(maxsize=4)
def _sources_by_stem(synonyms: SynonymMap) -> dict[str, set[str]]:
    """{stem: the rules' source terms with that stem} (one map serves many searches: see active_synonym_map)."""
    by_stem: dict[str, set[str]] = {}
    for source in synonyms.sources():
        by_stem.setdefault(stem(source), set()).add(source)
    return by_stem


def query_concepts(query: str, synonyms: SynonymMap, known: Known | None = None) -> list[Concept]:
    """What a query searches for, per concept the visitor typed: a word, a known phrase or a compound.

    A word's concept holds its own groups and those of its synonyms (found by stem, so plurals expand
    too); a multi-word synonym source in the query ("zorg in natura") is one concept with its
    expansions; two adjacent words that form a domain compound the index knows ("zorg overeenkomst",
    `known(stems)` -> the known ones) are one concept: the joined word or the two as a phrase (the
    index holds a compound's parts right after it).
    """
    typed = [(normalise(raw), raw.strip(PUNCTUATION) or raw) for raw in query.split() if normalise(raw)]
    tokens = [token for token, _raw in typed]

    def as_typed(start: int, length: int) -> str:
        return " ".join(raw for _token, raw in typed[start : start + length])

    by_stem = _sources_by_stem(synonyms)

    def groups_of(texts) -> Groups:
        """Groups for the typed text (texts[0], loose words) and its expansions (phrases)."""
        groups: Groups = []
        for number, text in enumerate(texts):
            stems = analyze(text)
            if number and " " in text.strip() and len(stems) > 1:
                # A term of several words ("wet langdurige zorg") is a phrase, not loose words.
                candidates = [[(" ".join(stems),)]]
            else:
                candidates = query_groups(text)
            for group in candidates:
                if group not in groups:
                    groups.append(group)
        return groups

    found_at: list[tuple[int, Concept]] = []  # (position of the first token, concept)
    used: set[int] = set()
    for phrase in sorted(synonyms.phrases(), key=len, reverse=True):
        length = len(phrase.split())
        for i in range(len(tokens) - length + 1):
            if tokens[i : i + length] == phrase.split() and not used & set(range(i, i + length)):
                groups = groups_of([phrase, *sorted(synonyms.expand(phrase) - {phrase})])
                found_at.append((i, Concept(as_typed(i, length), groups, frozenset(analyze(phrase)))))
                used |= set(range(i, i + length))
    pairs = [
        (i, a, b)
        for i, (a, b) in enumerate(zip(tokens, tokens[1:], strict=False))
        if split_compound(a + b) and not used & {i, i + 1}
    ]
    if pairs and known is not None:
        found = known([stem(a + b) for _i, a, b in pairs])
        for i, a, b in pairs:
            if stem(a + b) in found and not used & {i, i + 1}:
                groups = [[(stem(a + b),), (f"{stem(a)} {stem(b)}",)]]
                found_at.append(
                    (i, Concept(as_typed(i, 2), groups, frozenset({stem(a + b), stem(a), stem(b)})))
                )
                used |= {i, i + 1}
    for i, token in enumerate(tokens):
        if i in used:
            continue
        expansions: set[str] = set()
        for word in {token, *words(token)}:
            expansions |= synonyms.expand(word)
            for source in by_stem.get(stem(word), ()):
                expansions |= synonyms.expand(source)
        groups = groups_of([token, *sorted(expansions - {token})])
        if groups and all(groups != concept.groups for _i, concept in found_at):
            found_at.append((i, Concept(as_typed(i, 1), groups, frozenset(analyze(token)))))
    return [concept for _i, concept in sorted(found_at, key=lambda pair: pair[0])]


def proximity_groups(query: str) -> Groups:
    """Adjacent typed words as phrases ("informele zorg"): they match nothing new, but rank higher
    the items that use the words together."""
    tokens = [token.replace("-", "") for token in re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", fold(query))]
    stems = [stem(token) for token in tokens if token and token not in STOP_WORDS]
    return [[(f"{a} {b}",)] for a, b in zip(stems, stems[1:], strict=False) if a != b]


def flatten(concepts: list[Concept]) -> Groups:
    """The groups of every concept, each once."""
    groups: Groups = []
    for concept in concepts:
        for group in concept.groups:
            if group not in groups:
                groups.append(group)
    return groups


def group_stems(groups: Groups) -> frozenset[str]:
    """Every stem a query looks for (a phrase "a b" gives a and b), for highlighting."""
    return frozenset(
        word for group in groups for alternative in group for s in alternative for word in s.split()
    )


def corrected(
    text: str, groups: Groups, known: Known, closest: Callable[[str], str | None]
) -> tuple[list[Concept], str | None]:
    """Corrections for words the audience's index does not hold, as concepts of their own, and the
    corrected query ("Bedoelde u …?"); `closest(word)` is the nearest word of the audience's vocabulary."""
    stems = group_stems(groups)
    found = known(stems)
    if stems <= found:
        return [], None
    result, fixes = [], []
    for word in text.split():
        analysed = [s for w in words(word) for s in analyze(w)]
        if analysed and not any(s in found for s in analysed):
            fix = closest(word)
            if fix and stem(fix) in known([stem(fix)]):
                result.append(fix)
                fix_groups = [group for group in query_groups(fix) if group not in groups]
                if fix_groups:
                    fixes.append(Concept(fix, fix_groups, frozenset(analyze(fix)), correction=True))
                continue
        result.append(word)
    return fixes, (" ".join(result) if result != text.split() else None)
