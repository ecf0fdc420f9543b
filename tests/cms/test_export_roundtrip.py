"""`pgb export` writes what `pgb import` reads: a round trip reproduces the same content."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from cms.models import KnowledgePage
from forum.models import Question

pytestmark = pytest.mark.django_db


def export(path: Path) -> list[dict]:
    call_command("export", str(path), stdout=StringIO())
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def snapshot() -> list[tuple]:
    """The stored content as readers see it: fields, tags, bodies, answers and attachment bytes."""
    rows = []
    for page in KnowledgePage.objects.order_by("external_id"):
        page = page.specific
        body = [(b.block_type, b.block.get_prep_value(b.value)) for b in page.body]
        files = [(a.label, a.document.file.read()) for a in page.attachments.all()]
        if getattr(page, "video_file", None) is not None:
            files.append(("video", page.video_file.file.read()))
        rows.append(
            (
                page.external_id,
                page.title,
                page.summary,
                page.published_date,
                page.url,
                body,
                files,
                sorted(page.laws.values_list("slug", flat=True)),
                sorted(page.themes.values_list("slug", flat=True)),
                sorted(page.municipalities.values_list("code", flat=True)),
            )
        )
    for question in Question.objects.order_by("external_id"):
        answers = list(
            question.answers.order_by("pk").values_list(
                "body", "author_name", "is_accepted", "published_date"
            )
        )
        rows.append((question.external_id, question.title, question.body, question.visibility, answers))
    return rows


def round_trip(source: Path, tmp_path: Path):
    """Import `source`, export, empty the database, import the export and export again."""
    call_command("import", str(source), verbosity=0, stdout=StringIO())
    first_snapshot = snapshot()
    (tmp_path / "first").mkdir()
    first = export(tmp_path / "first" / "export.jsonl")
    # Empty the database of content and import the export.
    for page in KnowledgePage.objects.all():
        page.delete()
    Question.objects.all().delete()
    assert not KnowledgePage.objects.exists()
    call_command("import", str(tmp_path / "first" / "export.jsonl"), verbosity=0, stdout=StringIO())
    (tmp_path / "second").mkdir()
    second = export(tmp_path / "second" / "export.jsonl")
    return first, second, first_snapshot, snapshot()


def test_round_trip_of_the_test_fixture_is_exact(mini_path, tmp_path):
    first, second, before, after = round_trip(mini_path, tmp_path)
    assert len(first) == 7
    assert first == second
    assert before == after
    members = next(item for item in first if item["id"] == "question-fraudesignalen-intern")
    assert members["visibility"] == "members" and members["answers"][0]["accepted"] is True
    case = next(item for item in first if item["id"] == "case-testdorp-keukentafel")
    assert "## Aanleiding" in case["body"] and "## Kosten" in case["body"]
    assert (tmp_path / "first" / case["attachments"][0]["file"]).read_bytes().startswith(b"%PDF-")
    video = next(item for item in first if item["type"] == "video")
    assert (tmp_path / "first" / video["video"]).read_bytes() == (
        mini_path.parent / "files" / "video-trekkingsrecht-uitleg.webm"
    ).read_bytes()


@pytest.mark.shared_corpus
def test_round_trip_of_the_shared_corpus_is_exact(shared_corpus, tmp_path):
    first, second, before, after = round_trip(shared_corpus / "pgb-corpus.jsonl", tmp_path)
    assert len(first) == 70
    assert first == second
    assert before == after
