"""`pgb import` creates every item type, is idempotent and updates by external id."""

import json
import shutil
from io import StringIO

import pytest
from django.core.management import call_command

from cms.models import ArticlePage, CaseIndexPage, CasePage, KnowledgePage
from forum.models import Question
from media.models import DocumentPage, VideoPage

pytestmark = pytest.mark.django_db


def run_import(path, *args) -> str:
    out = StringIO()
    call_command("import", str(path), *args, stdout=out, stderr=StringIO(), verbosity=0)
    return out.getvalue().strip()


def test_every_type_is_created_live_with_its_fields(mini_path):
    assert run_import(mini_path) == "7 items: 7 created, 0 updated, 0 unchanged, 0 skipped."
    case = CasePage.objects.get(external_id="case-testdorp-keukentafel")
    assert case.live and case.get_parent().specific_class is CaseIndexPage
    assert case.url == "/goede-voorbeelden/testdorp-keukentafel/"
    assert [b.block_type for b in case.body] == [
        "text",
        "aanleiding",
        "aanpak",
        "resultaat",
        "lessen",
        "section",
    ]
    assert (
        "<b>zorgovereenkomst</b>" in case.body[1].value.source
        or "<strong>zorgovereenkomst</strong>" in case.body[1].value.source
    )
    assert case.contact_email == "a.devries@example.nl" and case.status == "lopend"
    assert [m.code for m in case.municipalities.all()] == ["GM0014"]
    assert sorted(t.slug for t in case.themes.all()) == ["toegang", "toerusting"]
    assert case.attachments.get().document.file_hash
    video = VideoPage.objects.get(external_id="video-trekkingsrecht-uitleg")
    assert video.duration == 67 and [c.start for c in video.cues] == [1.0, 4.5, 62.0]
    assert DocumentPage.objects.get().attachments.count() == 1
    assert ArticlePage.objects.get().laws.get().slug == "wlz"
    members = Question.objects.get(external_id="question-fraudesignalen-intern")
    assert members.visibility == "members" and members.answers.get().is_accepted


def test_second_import_of_the_same_file_changes_nothing(mini_path):
    run_import(mini_path)
    before = list(KnowledgePage.objects.values_list("pk", "latest_revision_id", "last_published_at"))
    assert run_import(mini_path) == "7 items: 0 created, 0 updated, 7 unchanged, 0 skipped."
    assert list(KnowledgePage.objects.values_list("pk", "latest_revision_id", "last_published_at")) == before


def test_changed_item_updates_the_existing_page(mini_path, tmp_path):
    run_import(mini_path)
    lines = mini_path.read_text(encoding="utf-8").splitlines()
    changed = []
    for line in lines:
        if '"case-voorbeeldstad-tarieven"' in line:
            item = json.loads(line)
            item["title"] = "Reële tarieven in Voorbeeldstad, herzien"
            line = json.dumps(item, ensure_ascii=False)
        changed.append(line)
    shutil.copytree(mini_path.parent / "files", tmp_path / "files")
    path = tmp_path / "changed.jsonl"
    path.write_text("\n".join(changed), encoding="utf-8")
    assert run_import(path) == "7 items: 0 created, 1 updated, 6 unchanged, 0 skipped."
    page = CasePage.objects.get(external_id="case-voorbeeldstad-tarieven")
    assert page.title == "Reële tarieven in Voorbeeldstad, herzien"
    assert CasePage.objects.count() == 2


def test_dry_run_reports_but_writes_nothing(mini_path):
    summary = run_import(mini_path, "--dry-run")
    assert summary.startswith("7 items: 7 created, 0 updated, 0 unchanged, 0 skipped.")
    assert not KnowledgePage.objects.exists() and not Question.objects.exists()


def test_demo_content_loads_once(settings):
    out = StringIO()
    call_command("demo", "--if-empty", stdout=out, stderr=StringIO(), verbosity=0)
    created = KnowledgePage.objects.count()
    assert created >= 20
    out = StringIO()
    call_command("demo", "--if-empty", stdout=out, verbosity=0)
    assert "already has content" in out.getvalue()
    assert KnowledgePage.objects.count() == created


def test_imported_pages_are_in_the_admin_search_and_reference_index(mini_path):
    from wagtail.models import ReferenceIndex

    run_import(mini_path)
    case = CasePage.objects.get(external_id="case-testdorp-keukentafel")
    assert case in CasePage.objects.search("Keukentafelgesprek")  # Wagtail's admin search index
    document = case.attachments.get().document
    assert ReferenceIndex.get_references_to(document).exists()  # "usage" of the PDF in the admin


def test_an_imported_page_never_takes_a_slug_already_in_use(mini_path):
    from cms.models import CaseIndexPage

    index = CaseIndexPage.objects.get()
    for slug in ("testdorp-keukentafel", "case-testdorp-keukentafel"):
        index.add_child(instance=CasePage(title=slug, slug=slug, summary="Handmatig gemaakt."))
    run_import(mini_path)
    page = CasePage.objects.get(external_id="case-testdorp-keukentafel")
    assert page.slug == "case-testdorp-keukentafel-2"
    slugs = list(CasePage.objects.values_list("slug", flat=True))
    assert len(slugs) == len(set(slugs))
