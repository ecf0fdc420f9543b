"""Editors keep synonym rules in the admin; they are seeded with the Dutch pgb vocabulary and apply at once."""

import pytest
from django.core.exceptions import ValidationError

from search.models import Synonym, active_synonym_map
from search.synonyms import RuleError, parse_rule

pytestmark = pytest.mark.django_db


def test_seeded_vocabulary_covers_the_common_abbreviations():
    synonyms = active_synonym_map()
    assert "persoonsgebonden budget" in synonyms.expand("PGB")
    assert "zorg in natura" in synonyms.expand("zin")
    assert "sociale verzekeringsbank" in synonyms.expand("SVB")
    assert "wet langdurige zorg" in synonyms.expand("Wlz")
    assert "beschermd wonen" in synonyms.expand("BW")  # added by migration 0008
    assert Synonym.objects.count() == 67 + 2 + 2  # every rule of search/data/synonyms.txt, 0008's, 0012's
    # 0012: who asks how to "controleren" finds the cases that say "toetsen", not the other way round
    assert {"toetsen", "beoordelen"} <= synonyms.expand("controleren")
    assert "controleren" not in synonyms.expand("toetsen")


def test_one_way_rules_expand_only_forward():
    synonyms = active_synonym_map()
    assert "informele zorg" in synonyms.expand("mantelzorg")
    assert "mantelzorg" not in synonyms.expand("informele zorg")


def test_diacritics_and_escaped_commas_are_understood():
    rule = parse_rule(r"wkkgz, wet kwaliteit\, klachten en geschillen zorg")
    assert rule.sources == ("wkkgz", "wet kwaliteit, klachten en geschillen zorg")
    assert parse_rule("cliëntondersteuning, clientondersteuner").sources[0] == "clientondersteuning"


def test_an_editors_new_rule_applies_without_reindexing():
    assert "budgetje" not in active_synonym_map().expand("pgb")
    Synonym.objects.create(rule="pgb, budgetje")
    assert "budgetje" in active_synonym_map().expand("pgb")
    Synonym.objects.filter(rule="pgb, budgetje").update(active=False)
    assert "budgetje" not in active_synonym_map().expand("pgb")


@pytest.mark.parametrize("rule", ["pgb", "pgb,, budget", "a => b => c", "pgb, "])
def test_malformed_rules_are_refused_with_a_dutch_message(rule):
    with pytest.raises(RuleError):
        parse_rule(rule)
    with pytest.raises(ValidationError) as error:
        Synonym(rule=rule).full_clean()
    assert "Schrijf termen gescheiden door komma's" in str(error.value)
