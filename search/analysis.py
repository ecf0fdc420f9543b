"""Dutch text analysis for the database backends: folding, tokens, compounds and stems.

The same function runs at index time and at query time, so a query finds text in any of the forms
the domain mixes: case and diacritics (cliëntondersteuning / clientondersteuning), inflection
(budgethouder / budgethouders, beoordelen / beoordeling) and compounds written joined, hyphenated or
apart (gezinspgb / gezins-pgb / pgb voor het gezin). SQLite has no Dutch stemmer, so we stem with
snowballstemmer, with an override list where the Snowball rules hurt this domain.
"""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

# Snowball's current Dutch stemmer conflates inflections well (tarieven/tarief, declaratie/declareren,
# budgetplannen/budgetplan) but strips "ge" anywhere in a word: begeleiding becomes "beleid" (policy),
# budgethouder "budthouder", gesprek "sprek". Where it drops a "ge", the "ge" is kept and the rest of
# the word is stemmed on its own (begeleid, budgethouder, gesprek); only a participle's leading "ge"
# goes (geëvalueerd -> evalueer).
_stemmer = snowballstemmer.stemmer("dutch")
_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# Snowball strips a leading "ge", which merges gezin with zin (the abbreviation of zorg in natura)
# and turns gemeente into "meen". These stems are fixed by hand, as Elasticsearch's stemmer_override.
STEM_OVERRIDES = {
    "gezin": "gezin",
    "gezinnen": "gezin",
    "gezins": "gezin",
    "gemeente": "gemeent",
    "gemeenten": "gemeent",
    "gemeentelijk": "gemeent",
    "gemeentelijke": "gemeent",
    "budget": "budget",
    "budgetten": "budget",
    "budgets": "budget",
    "zin": "zin",
    "pgb": "pgb",
    "pgbs": "pgb",
    "pgb's": "pgb",
    "geld": "geld",
    "gelden": "geld",
    "gebruik": "gebruik",
    "gebruikelijke": "gebruik",
    "gebruikelijk": "gebruik",
    # A caregiver is found with the care they give ("mantelzorger betalen" finds "mantelzorg").
    "mantelzorger": "mantelzorg",
    "mantelzorgers": "mantelzorg",
}
# Word parts of the domain's compounds; a joined word made of two of them is also indexed as its parts.
COMPOUND_PARTS = {
    "pgb",
    "gezins",
    "gezin",
    "zorg",
    "overeenkomst",
    "vaardigheid",
    "budget",
    "houder",
    "plan",
    "tarief",
    "tarieven",
    "kantoor",
    "verzekeraar",
    "verlener",
    "aanbieder",
    "huis",
    "bezoek",
    "jeugd",
    "wmo",
    "wlz",
    "zvw",
    "integraal",
    "portaal",
    "cliënt",
    "client",
    "ondersteuning",
    "ondersteuner",
    "toets",
    "gesprek",
    "keuze",
    "keukentafel",
    "werkgever",
    "vaardig",
    "kwaliteit",
    "eisen",
    "opvang",
    "wonen",
}
STOP_WORDS = frozenset(
    "de het een en van voor in op te met is dat die aan er om als bij of ook zijn door naar dan niet wat "
    "nog maar wel kan hoe wie waar deze dit we wij jullie ze zij u je hun onze mijn".split()
)


def fold(text: str) -> str:
    """Lower case with diacritics removed: 'Cliëntondersteuning' -> 'clientondersteuning'."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """Snowball's Dutch stem, with the domain's overrides and every "ge" kept."""
    if word in STEM_OVERRIDES:
        return STEM_OVERRIDES[word]
    result = _stemmer.stemWord(word)
    cut = _cut_ge(word, result)
    participle = cut == 0 and word.endswith(("d", "t")) and not word.endswith("heid")
    if cut is not None and not participle:  # keep the "ge" and stem what follows it on its own
        return word[: cut + 2] + stem(word[cut + 2 :])
    return result  # geëvalueerd -> evalueer, as evaluatie


def _cut_ge(word: str, result: str) -> int | None:
    """Where the stemmer dropped a "ge" from `word` (begeleiding -> beleid, gesprek -> sprek), or None."""
    i = word.find("ge")
    while i != -1:
        if (
            i + 2 < len(word)
            and not result.startswith(word[: i + 2])
            and result.startswith(word[:i] + word[i + 2])
        ):
            return i
        i = word.find("ge", i + 1)
    return None


LONGEST_COMPOUND = 40  # letters; longer "words" (a run of characters in a pasted file) are no compound


@lru_cache(maxsize=50_000)
def split_compound(word: str) -> tuple[str, ...]:
    """The two domain parts of a joined compound ('gezinspgb' -> ('gezins', 'pgb')), else ().

    Trying every cut costs the square of a word's length: a 200,000-letter word took 12 s to index.
    """
    if len(word) > LONGEST_COMPOUND:
        return ()
    parts = {fold(p) for p in COMPOUND_PARTS}
    for cut in range(2, len(word) - 1):
        head, tail = word[:cut], word[cut:]
        if head in parts and (tail in parts or stem(tail) in {stem(p) for p in parts}):
            return head, tail
    return ()


def words(text: str) -> list[str]:
    """The folded words of `text`; a hyphenated word gives its parts and its joined form."""
    result = []
    for token in _WORD.findall(fold(text)):
        if "-" in token:
            pieces = token.split("-")
            result.extend(pieces)
            result.append("".join(pieces))
        else:
            result.append(token)
    return result


def query_groups(text: str) -> list[list[tuple[str, ...]]]:
    """Per query word, its alternatives, each a tuple of stems that must occur together.

    'gezinspgb' gives [('gezinspgb',), ('gezin', 'pgb')]: the joined word, or both of its parts, so
    'pgb voor het gezin' matches while a text that only mentions 'pgb' is not treated as a match. A
    hyphenated word is one group too: 'pgb-houder' is the joined word, its parts as a phrase
    ('pgb houder', a stem with a space) or, for a domain compound, its parts anywhere; never a loose
    'pgb', which would match nearly every item.
    """
    groups = []
    for token in _WORD.findall(fold(text)):
        pieces = [p for p in token.split("-") if p]
        if not pieces or (len(pieces) == 1 and pieces[0] in STOP_WORDS):
            continue
        word = "".join(pieces)
        alternatives = [(stem(word),)]
        if len(pieces) > 1:
            alternatives.append((" ".join(stem(p) for p in pieces),))
        parts = split_compound(word)
        if parts:
            alternatives.append(tuple(stem(part) for part in parts))
        groups.append(alternatives)
    return groups


def analyze(text: str) -> list[str]:
    """Stems for indexing or querying `text`, compound parts included, in order of appearance."""
    stems = []
    for word in words(text):
        stems.extend(_word_stems(word))
    return stems


@lru_cache(maxsize=50_000)  # an index of thousands of items repeats the same words: one lookup per word
def _word_stems(word: str) -> tuple[str, ...]:
    """What one folded word adds to the index: nothing for a stop word, else its stem and its parts'."""
    if word in STOP_WORDS:
        return ()
    return (stem(word), *(stem(part) for part in split_compound(word)))
