"""Dutch analysis brings together the forms in which officials write the same thing."""

import pytest

from search.analysis import analyze, fold, stem


def shared(a: str, b: str) -> set[str]:
    return set(analyze(a)) & set(analyze(b))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("budgethouder", "budgethouders"),
        ("beoordelen", "beoordeling"),
        ("cliëntondersteuning", "clientondersteuning"),
        ("zorgovereenkomst", "zorg-overeenkomst"),
        ("Tarieven", "tarief"),
        ("geëvalueerd", "evaluatie"),
    ],
)
def test_inflections_diacritics_and_hyphens_meet(a, b):
    assert shared(a, b)


def test_joined_hyphenated_and_split_compounds_meet():
    joined, hyphenated, apart = analyze("gezinspgb"), analyze("gezins-pgb"), analyze("pgb voor het gezin")
    for stems in (joined, hyphenated):
        assert {"gezin", "pgb"} <= set(stems)
    assert {"gezin", "pgb"} <= set(apart)
    assert {"pgb", "vaard"} <= set(analyze("pgbvaardigheid")) & set(analyze("pgb-vaardigheid"))


def test_overrides_keep_domain_words_apart():
    assert set(analyze("gezin")).isdisjoint(analyze("ZIN"))  # zorg in natura is not a family
    assert analyze("gemeenten") == analyze("gemeente") == ["gemeent"]


def test_stop_words_are_dropped_and_folding_is_ascii():
    assert analyze("de pgb van het gezin") == ["pgb", "gezin"]
    assert fold("Súdwest-Fryslân") == "sudwest-fryslan"


def test_no_word_loses_its_ge():
    # Snowball's current Dutch stemmer drops "ge" anywhere in a word, merging unrelated words.
    assert stem("begeleiding") == stem("begeleiden") != stem("beleid")  # support is not policy
    assert stem("gewoon") != stem("wonen")  # "normal" is not "living" (beschermd wonen)
    assert stem("gesprek") == stem("gesprekken") != stem("sprek")
    assert stem("budgethouders") == stem("budgethouder") == "budgethouder"
    assert stem("budgetplannen") == stem("budgetplan")  # inflection still meets
    assert stem("gezinscoach").startswith("gezin")


def test_a_run_of_letters_longer_than_any_compound_is_not_split():
    # Trying every cut of a 200,000-letter "word" (a pasted file) took 12 s per item to import.
    from search.analysis import split_compound

    word = "zorg" + "x" * 200_000
    assert split_compound(word) == () and analyze(word) == [stem(word)]
    assert split_compound("zorgovereenkomst") == ("zorg", "overeenkomst")
