"""Every kind of content becomes a search document with the text a searcher needs, and nothing private leaks."""

from io import StringIO

import pytest
from django.core.management import call_command

from cms.models import CasePage
from search import service

pytestmark = pytest.mark.django_db


def documents() -> dict:
    return {doc.id: doc for doc in service.all_documents()}


def test_each_item_type_becomes_one_document(imported):
    docs = documents()
    assert {doc.type for doc in docs.values()} == {"case", "article", "video", "document", "question"}
    case = docs["case-testdorp-keukentafel"]
    assert case.url == "/goede-voorbeelden/testdorp-keukentafel/"
    assert "zorgovereenkomst" in case.body and "<" not in case.body
    assert case.municipalities == (("GM0014", "Groningen", "Groningen"),) and case.laws == ("wmo",)


def test_pdf_text_is_kept_per_page(imported):
    document = documents()["document-beleidsregels-testgemeente"]
    pages = {page.page: page.text for page in document.pages}
    assert "informeel tarief bedraagt 25 euro" in pages[2]  # a fact only on page 2
    assert "SVB" in pages[1]


def test_caption_cues_keep_their_second(imported):
    video = documents()["video-trekkingsrecht-uitleg"]
    cue = next(cue for cue in video.cues if "PGB Portaal" in cue.text)
    assert cue.start == 62.0


def test_members_only_questions_are_marked_and_answers_are_searchable(imported):
    docs = documents()
    assert docs["question-fraudesignalen-intern"].visibility == "members"
    public = docs["question-partner-als-zorgverlener"]
    assert public.visibility == "public" and "gebruikelijke hulp" in public.body


def test_unpublished_pages_are_not_searchable(imported):
    CasePage.objects.get(external_id="case-voorbeeldstad-tarieven").unpublish()
    assert "case-voorbeeldstad-tarieven" not in documents()


def test_status_command_counts_documents(imported):
    out = StringIO()
    call_command("search", "status", stdout=out)
    text = out.getvalue()
    assert text.startswith("backend: database (ok")
    assert "question   members           1        1" in text
    assert text.strip().endswith("7 searchable documents, 7 in the index.")
