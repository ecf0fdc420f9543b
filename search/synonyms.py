"""Synonym rules in the Solr/Elasticsearch format, and the expansion they give a query.

`a, b, c` makes the terms equivalent; `a => a, b` expands `a` to `a` and `b` but not back. A comma
inside a term is written `\\,`. Rules are applied at query time, so an edit needs no reindex.
"""

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

_SPLIT = re.compile(r"(?<!\\),")


def normalise(term: str) -> str:
    """Lower case, diacritics folded, white space collapsed: how terms are compared."""
    folded = unicodedata.normalize("NFKD", term.replace("\\,", ",")).encode("ascii", "ignore").decode()
    return " ".join(folded.lower().split())


@dataclass(frozen=True)
class Rule:
    """One parsed rule: `sources` expand to `targets`; for equivalences both are the same terms."""

    sources: tuple[str, ...]
    targets: tuple[str, ...]


class RuleError(ValueError):
    """A rule that is not in the synonym format; the message says why (in English, for operators)."""


def _terms(text: str) -> tuple[str, ...]:
    terms = tuple(normalise(part) for part in _SPLIT.split(text))
    if any(not term for term in terms):
        raise RuleError("a rule has an empty term (two commas in a row, or a comma at the end)")
    return terms


def parse_rule(line: str) -> Rule | None:
    """The rule on `line`, None for a blank or comment line; raises RuleError for a malformed one."""
    line = line.strip()
    if not line or line.startswith("#"):
        return None
    if line.count("=>") > 1:
        raise RuleError("a rule has at most one '=>'")
    if "=>" in line:
        left, right = line.split("=>")
        sources, targets = _terms(left), _terms(right)
        return Rule(sources=sources, targets=targets)
    terms = _terms(line)
    if len(terms) < 2:
        raise RuleError("a rule needs at least two terms separated by commas")
    return Rule(sources=terms, targets=terms)


class SynonymMap:
    """Which terms a query term also stands for, built from a list of rules."""

    def __init__(self, rules: list[Rule]):
        self._expansions: dict[str, set[str]] = defaultdict(set)
        for rule in rules:
            for source in rule.sources:
                self._expansions[source].update(rule.targets)

    def expand(self, term: str) -> set[str]:
        """`term` plus every term a rule maps it to (one step, as Elasticsearch's synonym filter does)."""
        key = normalise(term)
        return {key} | self._expansions.get(key, set())

    def sources(self) -> set[str]:
        """Every term that a rule expands."""
        return set(self._expansions)

    def phrases(self) -> set[str]:
        """Every multi-word source term, so a query parser can recognise 'zorg in natura' as one term."""
        return {term for term in self._expansions if " " in term}
