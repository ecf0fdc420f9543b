"""The importer's bulk writer (cms.bulk, forum's NewQuestions) leaves exactly what writing each item on
its own leaves: the same content, tree, revisions, references and search index; and an import that fails
part-way still writes nothing."""

import json
import re
from pathlib import Path

import pytest
from django.db import transaction
from wagtail.models import Page, ReferenceIndex, Revision
from wagtail.search.models import IndexEntry

from cms.exchange.importer import import_file
from cms.models import KnowledgePage
from forum.models import Question
from search.models import SearchEntry, SearchFacet
from tests.cms.test_export_roundtrip import export, snapshot

pytestmark = pytest.mark.django_db


def state(tmp_path: Path, name: str) -> dict:
    """Everything an import leaves, keyed by external id rather than by database id."""
    pages = {p.pk: p for p in KnowledgePage.objects.all()}
    ids = {pk: page.external_id for pk, page in pages.items()}
    questions = dict(Question.objects.values_list("pk", "external_id"))
    return {
        "export": export(tmp_path / f"{name}.jsonl"),
        "snapshot": snapshot(),
        "tree": sorted(
            (page.external_id, page.path, page.depth, page.numchild, page.url_path, page.live, page.slug)
            for page in pages.values()
        ),
        "parents": sorted(Page.objects.filter(depth__lt=3).values_list("path", "numchild")),
        # The tags in the order the page reads them back (a revision compares them as they are).
        "revisions": sorted(
            (
                ids[int(r.object_id)],
                r.content["title"],
                r.content["external_id"],
                r.content["themes"],
                r.content["laws"],
                r.content["municipalities"],
                [a["title"] for a in r.content["attachments"]],
                r.content["wagtail_admin_comments"],
            )
            for r in Revision.objects.filter(object_id__in=[str(pk) for pk in pages])
        ),
        # Wagtail's admin search index: what the editors' search finds, per object.
        "admin_index": sorted(
            (
                e.content_type.model,
                {**ids, **questions}.get(int(e.object_id), e.object_id),
                *(str(getattr(e, name)) for name in ("title", "body", "autocomplete")),
            )
            for e in IndexEntry.objects.select_related("content_type")
        ),
        "live_revisions": sorted(
            (page.external_id, page.live_revision.content["title"])
            for page in KnowledgePage.objects.select_related("live_revision")
            if page.live_revision_id == page.latest_revision_id
        ),
        # Database ids differ between the two runs on PostgreSQL (sequences are not rolled back): the
        # referenced object by what it is, child rows by position.
        "references": sorted(
            (
                ids.get(int(r.object_id), r.object_id),
                r.model_path,
                re.sub(r"\.\d+\.", ".N.", r.content_path),
                str(r.to_content_type.get_object_for_this_type(pk=r.to_object_id)),
            )
            for r in ReferenceIndex.objects.select_related("to_content_type")
        ),
        "questions": sorted(
            (
                q.external_id,
                q.slug,
                q.body_html,
                [(a.body_html, a.is_accepted) for a in q.answers.order_by("pk")],
            )
            for q in Question.objects.all()
        ),
        "search": sorted(
            (doc_id, title, re.sub(r"/forum/\d+-", "/forum/N-", url), visibility, *rest)
            for doc_id, title, url, visibility, *rest in SearchEntry.objects.values_list(
                "doc_id", "title", "url", "visibility", "municipalities", "laws", "themes", "body_terms"
            )
        ),
        "facets": sorted(
            (f.entry.doc_id, f.field, f.value) for f in SearchFacet.objects.select_related("entry")
        ),
    }


def test_bulk_and_one_by_one_leave_the_same(tmp_path, mini_path):
    with transaction.atomic():
        report = import_file(mini_path, bulk=False)
        one_by_one = state(tmp_path, "one")
        transaction.set_rollback(True)
    assert report.created > 5 and not KnowledgePage.objects.exists()
    bulk_report = import_file(mini_path)
    assert (bulk_report.created, bulk_report.errors) == (report.created, [])
    bulk = state(tmp_path, "bulk")
    for key in one_by_one:
        assert bulk[key] == one_by_one[key], key
    assert len(bulk["revisions"]) == KnowledgePage.objects.count()  # one per page, the live one
    assert len(bulk["live_revisions"]) == KnowledgePage.objects.count()


def test_a_bulk_import_that_fails_part_way_writes_nothing(tmp_path, mini_path, monkeypatch):
    from forum.services import NewQuestions

    def fail(self):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(NewQuestions, "write", fail)
    with pytest.raises(RuntimeError):
        import_file(mini_path)
    assert not KnowledgePage.objects.exists() and not Question.objects.exists()
    assert not SearchEntry.objects.exists() and not Revision.objects.exists()
    monkeypatch.undo()
    assert import_file(mini_path).created == sum(
        1 for line in mini_path.read_text().splitlines() if line.startswith("{") and json.loads(line)
    )
