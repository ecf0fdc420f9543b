"""Which concepts of a query each visible item matches, as bitmasks over entry ids (see `snapshot`).

From that one reading the database backend decides what a search shows and how it says so:
- the results: items matching any concept. Each concept counts once however common its word, and an
  item matching more concepts ranks above one matching fewer (ranking takes the `complete` ones first), so a
  word in nearly every item ("pgb") lifts nothing above an item with the query's rarer words.
  Leaving out items that match only a common word cost recall on the judged queries (recall@100
  0.947 -> 0.793 with "common" at half the collection, 0.900 at 80 %): they stay, last, and say
  what they lack.
- `complete`: the items matching every concept the visitor typed (the count the page leads with).
- per item the concepts it lacks ("Ontbreekt: weigeren"), and the concepts nothing matches at all
  ("Geen resultaten met weigeren").
- how much each stem weighs in a snippet: the rarer its concept the more, the visitor's own words
  before their synonyms.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, reduce
from operator import and_, or_

from search.backends.database.query import Concept

COMMON_SHARE = 0.8  # a concept matching more than this share of the visible items is common
COMMON_FROM = 10  # with fewer visible items than this, no concept is common
SYNONYM_WEIGHT = 0.5  # a synonym's stem weighs this much of the visitor's own word in a snippet


@dataclass
class Coverage:
    concepts: list[Concept]
    masks: list[int]  # per concept: the visible entries matching it
    visible: int  # how many entries the audience may see

    @classmethod
    def read(cls, concepts: list[Concept], match: Callable[[Concept], int], visible: int) -> "Coverage":
        """`match(concept)` is the bitmask of the visible entries matching the concept."""
        return cls(concepts=concepts, masks=[match(concept) for concept in concepts], visible=visible)

    @cached_property
    def matched(self) -> int:
        """The entries a search for these concepts shows (before filters)."""
        return reduce(or_, self.masks, 0)

    @cached_property
    def complete(self) -> int:
        """The entries matching every concept the visitor typed (a correction is not required)."""
        typed = [
            mask for concept, mask in zip(self.concepts, self.masks, strict=True) if not concept.correction
        ]
        if not typed or not all(typed):
            return 0
        return reduce(and_, typed)

    @property
    def typed(self) -> tuple[str, ...]:
        """The concepts the visitor typed, as typed."""
        return tuple(concept.text for concept in self.concepts if not concept.correction)

    @property
    def unmatched(self) -> tuple[str, ...]:
        """The typed concepts no visible entry matches, as typed."""
        return tuple(
            concept.text
            for concept, mask in zip(self.concepts, self.masks, strict=True)
            if not mask and not concept.correction
        )

    def coverage(
        self, contains: Callable[[int], Callable[[int], bool]], power: float
    ) -> Callable[[int], float]:
        """pk -> (share of the concepts the entry matches) ** power: among items that each miss some
        concept, one with more of the query ranks higher (Lucene's old coord factor)."""
        tests = [contains(mask) for mask in self.masks if mask]
        if len(tests) < 2:
            return lambda pk: 1.0
        factors = [(n / len(tests)) ** power for n in range(len(tests) + 1)]
        return lambda pk: factors[sum(1 for test in tests if test(pk))]

    def missing(self, contains: Callable[[int], Callable[[int], bool]]) -> Callable[[int], tuple[str, ...]]:
        """pk -> the typed concepts the entry lacks, as typed."""
        tests = [
            (concept.text, contains(mask))
            for concept, mask in zip(self.concepts, self.masks, strict=True)
            if not concept.correction
        ]
        return lambda pk: tuple(text for text, test in tests if not test(pk))

    def weights(self) -> dict[str, float]:
        """{stem: weight} for snippets: the inverse document frequency of the stem's concept (BM25's),
        halved for stems the visitor did not type (synonyms, corrections)."""
        result: dict[str, float] = {}
        total = max(1, self.visible)
        for concept, mask in zip(self.concepts, self.masks, strict=True):
            if not mask:
                continue
            frequency = mask.bit_count()
            idf = math.log(1 + (total - frequency + 0.5) / (frequency + 0.5))
            for group in concept.groups:
                for alternative in group:
                    for phrase in alternative:
                        for word in phrase.split():
                            own = word in concept.typed and not concept.correction
                            weight = idf * (1.0 if own else SYNONYM_WEIGHT)
                            result[word] = max(result.get(word, 0.0), weight)
        return result
