"""The search contract, continued: related items ("Meer over dit onderwerp") on every backend, with the
documents and backends of tests/search/test_contract.py."""

import dataclasses

import pytest

from accounts.selectors import ANONYMOUS, MEMBERS
from search.types import Visibility
from tests.search.test_contract import DOCUMENTS, backend  # noqa: F401 - the fixture, with its backends

pytestmark = pytest.mark.django_db


def test_related_items_exclude_the_item_itself(backend):  # noqa: F811 - the imported fixture
    related = backend.related("case-budgetplan-utrecht", audience=ANONYMOUS)
    assert "case-budgetplan-utrecht" not in [hit.id for hit in related]
    assert "question-fraude-members" not in [hit.id for hit in related]
    assert related and related[0].id in {"case-gezinspgb-zwolle", "document-beleidsregels-ede"}


def test_related_items_follow_every_change_of_the_index_and_keep_to_the_audience(backend):  # noqa: F811
    """Asked once, asked again after a change: a new near-twin of the item leads at once; a members-only
    twin only for members (whoever asked first)."""
    before = [hit.id for hit in backend.related("case-budgetplan-utrecht", audience=ANONYMOUS)]
    twin = dataclasses.replace(
        DOCUMENTS[0], id="case-budgetplan-tweeling", url="/goede-voorbeelden/tweeling/"
    )
    hidden = dataclasses.replace(
        DOCUMENTS[0], id="question-budgetplan-leden", url="/forum/9-leden/", visibility=Visibility.MEMBERS
    )
    backend.upsert([twin])
    after = [hit.id for hit in backend.related("case-budgetplan-utrecht", audience=ANONYMOUS)]
    assert "case-budgetplan-tweeling" not in before and after[0] == "case-budgetplan-tweeling"
    backend.upsert([hidden])
    public = [hit.id for hit in backend.related("case-budgetplan-utrecht", audience=ANONYMOUS)]
    members = [hit.id for hit in backend.related("case-budgetplan-utrecht", audience=MEMBERS)]
    assert "question-budgetplan-leden" not in public and "question-budgetplan-leden" in members
    assert public == after
