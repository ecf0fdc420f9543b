"""Pages written through the cms services: live under their listing, tagged, found by search at once."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from cms.models import CasePage, KnowledgePage
from cms.services import PageFields, article_save, case_save
from search import service
from search.types import SearchRequest

pytestmark = pytest.mark.django_db

FIELDS = PageFields(
    title="Budgetplan in drie stappen",
    summary="Testdorp vraagt budgethouders hun plan in drie stappen te beschrijven.",
    published=datetime.date(2025, 3, 1),
    municipalities=["GM0014"],
    laws=["wmo"],
    themes=["toegang"],
)


def found(text: str) -> list[str]:
    return [hit.id for hit in service.search(SearchRequest(text=text)).hits]


def test_a_new_case_is_live_under_its_listing_tagged_and_searchable():
    case = case_save(case=None, fields=FIELDS, body=[("aanleiding", "<p>Waarom.</p>")], status="lopend")
    assert case.live and case.url == f"/goede-voorbeelden/{case.slug}/"
    assert case.external_id.startswith("case-budgetplan-in-drie-stappen-")
    assert [m.code for m in case.municipalities.all()] == ["GM0014"]
    assert found("budgetplan drie stappen") == [case.external_id]


def test_updating_a_case_replaces_its_fields_and_the_index_follows():
    case = case_save(case=None, fields=FIELDS, body=[])
    renamed = PageFields(
        **{**FIELDS.__dict__, "title": "Keukentafelgesprek in drie stappen", "laws": ["wlz"]}
    )
    case_save(case=CasePage.objects.get(pk=case.pk), fields=renamed, body=[])
    case.refresh_from_db()
    assert case.title == "Keukentafelgesprek in drie stappen" and [law.slug for law in case.laws.all()] == [
        "wlz"
    ]
    assert found("keukentafelgesprek") == [case.external_id]
    assert CasePage.objects.count() == 1


def test_unknown_tags_and_statuses_are_refused_and_nothing_is_stored():
    with pytest.raises(ValidationError) as error:
        article_save(article=None, fields=PageFields(**{**FIELDS.__dict__, "themes": ["koken"]}), body=[])
    assert error.value.message_dict == {"themes": ["unknown: koken"]}
    with pytest.raises(ValidationError):
        case_save(case=None, fields=FIELDS, body=[], status="klaar")
    assert KnowledgePage.objects.count() == 0


def test_a_body_edit_reaches_both_indexes_on_the_same_page_object():
    """The body's text is worked out once per body value (both indexes read it): an edit of the same
    object in memory is indexed anew, by the site's search and by Wagtail's admin search."""
    case = case_save(case=None, fields=FIELDS, body=[("aanleiding", "<p>Een weekplanningsformulier.</p>")])
    assert found("weekplanningsformulier") == [case.external_id]
    assert case in CasePage.objects.search("weekplanningsformulier")  # the admin's search index
    case = case_save(case=case, fields=FIELDS, body=[("aanleiding", "<p>Een zorgrooster per maand.</p>")])
    assert found("zorgrooster") == [case.external_id] and found("weekplanningsformulier") == []
    assert case in CasePage.objects.search("zorgrooster")
    assert case not in CasePage.objects.search("weekplanningsformulier")
