"""The taxonomy is seeded by migrations: 4 laws, 15 themes and all 342 gemeenten with URL slugs."""

import pytest
from django.core.exceptions import ValidationError

from cms.models import Law, Municipality, Theme

pytestmark = pytest.mark.django_db


def test_seed_has_every_law_theme_and_municipality():
    assert sorted(Law.objects.values_list("slug", flat=True)) == ["jeugdwet", "wlz", "wmo", "zvw"]
    assert Law.objects.get(slug="wmo").abbreviation == "Wmo 2015"
    assert (
        Theme.objects.count() == 15
        and Theme.objects.get(slug="clientondersteuning").name == "Cliëntondersteuning"
    )
    assert Municipality.objects.count() == 342
    assert Municipality.objects.values("slug").distinct().count() == 342


def test_municipality_slugs_and_display_names_read_naturally():
    den_haag = Municipality.objects.get(code="GM0518")
    assert (den_haag.slug, den_haag.label) == ("s-gravenhage", "Den Haag")
    assert Municipality.objects.get(name="Súdwest-Fryslân").slug == "sudwest-fryslan"


def test_email_domains_are_validated():
    municipality = Municipality.objects.get(code="GM0014")
    municipality.email_domains = "groningen.nl\n@Groningen.NL\ngeen domein"
    with pytest.raises(ValidationError) as error:
        municipality.full_clean()
    assert "email_domains" in error.value.message_dict
    municipality.email_domains = "groningen.nl\n@Groningen.NL"
    municipality.full_clean()
    assert municipality.domains == ["groningen.nl", "groningen.nl"]


@pytest.mark.parametrize("cached", [False, True])
def test_tags_come_back_once_each_in_the_order_the_database_lists_them(cached):
    """A bulk writer holds an item's tags as written; they must equal what reading them back gives,
    whatever the database's collation ('s-Gravenhage, Súdwest-Fryslân, Aa en Hunze …)."""
    from contextlib import nullcontext

    from cms.selectors import tags_for, taxonomy_cached

    codes = ["GM1900", "GM0518", "GM0014", "GM1680", "GM0518"]  # in no order, one twice
    with taxonomy_cached() if cached else nullcontext():
        tags = tags_for(municipalities=codes, laws=["zvw", "wmo"], themes=[])
    assert tags.municipalities == list(Municipality.objects.filter(code__in=codes))
    assert tags.laws == list(Law.objects.filter(slug__in=["zvw", "wmo"])) and tags.themes == []
