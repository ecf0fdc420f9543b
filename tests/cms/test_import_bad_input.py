"""Bad import files are refused with errors that name line and field, and store nothing."""

import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.documents import get_document_model

from cms.models import KnowledgePage
from forum.models import Answer, Question

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
VALID_CASE = {
    "id": "case-valid-one",
    "type": "case",
    "title": "Een geldig voorbeeld",
    "summary": "Kort.",
    "body": "## Aanleiding\n\nTekst.",
    "laws": ["wmo"],
    "themes": ["toegang"],
    "municipalities": ["GM0014"],
    "published": "2024-01-01",
}
VALID_VIDEO = {
    "id": "video-valid-one",
    "type": "video",
    "title": "Een geldige video",
    "summary": "Kort.",
    "body": "Tekst.",
    "published": "2024-01-01",
    "duration": 10,
    "captions": "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nHallo.\n",
}


def stored() -> tuple[int, int, int, int]:
    return (
        KnowledgePage.objects.count(),
        Question.objects.count(),
        Answer.objects.count(),
        get_document_model().objects.count(),
    )


def write(tmp_path, *lines) -> Path:
    shutil.copytree(FIXTURES / "files", tmp_path / "files", dirs_exist_ok=True)
    path = tmp_path / "items.jsonl"
    with path.open("wb") as handle:
        for line in lines:
            handle.write(
                # ensure_ascii keeps lone surrogates as \ud800 escapes; UTF-8 cannot encode them
                line if isinstance(line, bytes) else (json.dumps(line, ensure_ascii=True) + "\n").encode()
            )
    return path


def refused(path, *args) -> str:
    err = StringIO()
    with pytest.raises(CommandError, match="nothing imported"):
        call_command("import", str(path), *args, stdout=StringIO(), stderr=err, verbosity=0)
    return err.getvalue()


def with_(base: dict, **changes) -> dict:
    item = {**base, **changes}
    return {k: v for k, v in item.items() if v is not None}


BAD_ITEMS = [
    (with_(VALID_CASE, type="recipe"), "line 2: type: unknown type 'recipe'"),
    (with_(VALID_CASE, laws=["wmo2015"]), "line 2: laws[0]: unknown law slug 'wmo2015'"),
    (with_(VALID_CASE, themes=["koken"]), "line 2: themes[0]: unknown theme slug 'koken'"),
    (with_(VALID_CASE, municipalities=["GM9999"]), "line 2: municipalities[0]: unknown CBS code 'GM9999'"),
    (with_(VALID_CASE, published="01-02-2024"), "line 2: published: must be a date as YYYY-MM-DD"),
    (with_(VALID_CASE, published="2024-02-30"), "line 2: published: '2024-02-30' is not a real date"),
    (with_(VALID_CASE, title=None), "line 2: title: is required"),
    (with_(VALID_CASE, id="Case_Upper"), "line 2: id: must match [a-z0-9-]{3,80}"),
    (with_(VALID_CASE, status="klaar"), "line 2: status: must be one of lopend, afgerond, gestopt"),
    (
        with_(VALID_CASE, contact={"name": "X", "email": "geen-adres"}),
        "line 2: contact.email: 'geen-adres' is not an e-mail",
    ),
    (
        with_(VALID_VIDEO, captions="00:00:01.000 --> 00:00:02.000\nGeen kop"),
        "line 2: captions: invalid WebVTT: line 1",
    ),
    (
        with_(VALID_VIDEO, captions="WEBVTT\n\n00:00:0x.000 --> 00:00:02.000\nKapot\n"),
        "line 2: captions: invalid WebVTT: cue 1, line 3",
    ),
    (with_(VALID_VIDEO, duration="lang"), "line 2: duration: must be a whole number of seconds"),
    (
        with_(VALID_CASE, attachments=[{"title": "Weg", "file": "files/bestaat-niet.pdf"}]),
        "line 2: attachments[0].file: file 'files/bestaat-niet.pdf' not found",
    ),
    (
        with_(VALID_CASE, attachments=[{"title": "Nep", "file": "files/not-a-pdf.pdf"}]),
        "line 2: attachments[0].file: 'files/not-a-pdf.pdf' is not a readable PDF",
    ),
    (
        with_(VALID_CASE, attachments=[{"title": "Uit", "file": "../../../etc/passwd"}]),
        "line 2: attachments[0].file: '../../../etc/passwd' points outside the folder",
    ),
    (with_(VALID_CASE, type="document"), "line 2: attachments: is required for this type"),
    (
        with_(VALID_VIDEO, video="files/not-a-pdf.pdf"),
        "line 2: video: 'files/not-a-pdf.pdf' is not a WebM or MP4 video (its content is neither WebM nor MP4)",
    ),
    (
        with_(VALID_VIDEO, video="files/checklist-test.pdf"),  # a real file, of another kind
        "line 2: video: 'files/checklist-test.pdf' is not a WebM or MP4 video",
    ),
    (with_(VALID_VIDEO, video="files/weg.webm"), "line 2: video: file 'files/weg.webm' not found"),
    (with_(VALID_VIDEO, video="../../x.webm"), "line 2: video: '../../x.webm' points outside the folder"),
    (with_(VALID_VIDEO, video=["files/x.webm"]), "line 2: video: must be a string"),
    (
        with_(VALID_VIDEO, video_url="https://evil.example/watch?v=pgbWlzDemo1"),
        "line 2: video_url: 'https://evil.example/watch?v=pgbWlzDemo1' is not the address of one YouTube or Vimeo video",
    ),
    (
        with_(
            VALID_VIDEO,
            video="files/video-trekkingsrecht-uitleg.webm",
            video_url="https://youtu.be/pgbWlzDemo1",
        ),
        "line 2: video_url: give either video or video_url, not both",
    ),
    (
        {
            "id": "question-two-accepted",
            "type": "question",
            "title": "Twee keer geaccepteerd?",
            "body": "Vraag.",
            "published": "2024-01-01",
            "answers": [
                {"body": "A", "published": "2024-01-02", "accepted": True},
                {"body": "B", "published": "2024-01-03", "accepted": True},
            ],
        },
        "line 2: answers: at most one answer may have accepted: true",
    ),
    (
        {
            "id": "question-bad-answer-date",
            "type": "question",
            "title": "Datum fout",
            "body": "Vraag.",
            "published": "2024-01-01",
            "visibility": "secret",
            "answers": [{"body": "A", "published": "gisteren"}],
        },
        "line 2: visibility: must be public or members",
    ),
]


@pytest.mark.parametrize(
    ("bad", "message"),
    BAD_ITEMS,
    ids=[m.split(": ", 2)[1] + "-" + str(i) for i, (_, m) in enumerate(BAD_ITEMS)],
)
def test_invalid_item_is_reported_and_nothing_is_stored(tmp_path, bad, message):
    padding = with_(VALID_CASE, id="case-valid-two")
    path = write(tmp_path, VALID_CASE if bad.get("id") != VALID_CASE["id"] else padding, bad)
    errors = refused(path)
    assert message in errors
    assert stored() == (0, 0, 0, 0)


def test_non_utf8_and_truncated_lines_are_named(tmp_path):
    path = write(
        tmp_path,
        VALID_CASE,
        "Gemeente Súdwest".encode("latin-1") + b"\n",
        b'{"id": "case-half", "type": "ca\n',
    )
    errors = refused(path)
    assert "line 2: (line): not valid UTF-8" in errors
    assert "line 3: (line): the line is truncated" in errors
    assert stored() == (0, 0, 0, 0)


def test_duplicate_id_in_one_file_is_an_error(tmp_path):
    path = write(tmp_path, VALID_CASE, VALID_CASE)
    assert "line 2: id: 'case-valid-one' already occurs on line 1" in refused(path)


def test_an_id_cannot_change_type(tmp_path):
    call_command("import", str(write(tmp_path, VALID_CASE)), verbosity=0, stdout=StringIO())
    path = write(tmp_path, with_(VALID_VIDEO, id="case-valid-one"))
    assert "line 1: id: 'case-valid-one' is already used by a case" in refused(path)
    assert KnowledgePage.objects.get().specific.title == "Een geldig voorbeeld"


def test_a_failed_import_leaves_earlier_content_untouched(tmp_path, imported):
    before = stored()
    path = write(
        tmp_path, with_(VALID_CASE, id="case-testdorp-keukentafel", title="Overschreven"), {"id": "x"}
    )
    refused(path)
    assert stored() == before
    assert KnowledgePage.objects.get(external_id="case-testdorp-keukentafel").title.startswith(
        "Keukentafelgesprek"
    )


def test_skip_invalid_imports_the_valid_lines_and_reports_the_rest(tmp_path):
    path = write(tmp_path, VALID_CASE, with_(VALID_CASE, id="case-bad", laws=["nope"]), VALID_VIDEO)
    out, err = StringIO(), StringIO()
    call_command("import", str(path), "--skip-invalid", stdout=out, stderr=err, verbosity=0)
    assert out.getvalue().strip() == "3 items: 2 created, 0 updated, 0 unchanged, 1 skipped."
    assert "line 2: laws[0]: unknown law slug 'nope'" in err.getvalue()
    assert sorted(KnowledgePage.objects.values_list("external_id", flat=True)) == [
        "case-valid-one",
        "video-valid-one",
    ]


def test_missing_file_is_an_operator_error(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("import", str(tmp_path / "nope.jsonl"), verbosity=0)


def test_imported_markup_is_sanitised(tmp_path):
    evil = with_(
        VALID_CASE,
        title="<script>alert(1)</script>Titel",
        body="## Aanleiding\n\n<img src=x onerror=alert(1)> [klik](javascript:alert(1)) <b>vet</b>",
    )
    call_command("import", str(write(tmp_path, evil)), verbosity=0, stdout=StringIO())
    page = KnowledgePage.objects.get().specific
    html = page.body[0].value.source
    assert "<img" not in html and "onerror" not in html.replace("onerror=alert(1)&gt;", "")
    assert "javascript:" not in html.replace("(javascript:alert(1))", "")
    assert "<b>vet</b>" not in html


VALID_QUESTION = {
    "id": "question-bad-line",
    "type": "question",
    "title": "Een vraag",
    "body": "Vraag.",
    "published": "2024-01-01",
    "answers": [{"body": "Antwoord.", "author": {"name": "Piet"}, "published": "2024-01-02"}],
}
BAD_CASE = with_(VALID_CASE, id="case-bad-line")
BAD_VIDEO = with_(VALID_VIDEO, id="video-bad-line")
SURROGATE = "contains an invalid character (a lone surrogate)"
NUL = "contains an invalid character (NUL, \\u0000)"


def answer_with(**changes) -> dict:
    return with_(VALID_QUESTION, answers=[{**VALID_QUESTION["answers"][0], **changes}])


def attached(name: str) -> dict:
    return with_(BAD_CASE, attachments=[{"title": "Bijlage", "file": name}])


# (bad line, the exact error line, extra files under files/)
MALFORMED = [
    pytest.param(
        with_(BAD_CASE, type=["case"]),
        "line 2: type: unknown type ['case'] (expected one of article, case, document, question, video)",
        {},
        id="type-list",
    ),
    pytest.param(
        with_(BAD_CASE, type={"case": 1}),
        "line 2: type: unknown type {'case': 1} (expected one of article, case, document, question, video)",
        {},
        id="type-object",
    ),
    pytest.param(
        with_(BAD_CASE, status=["lopend"]),
        "line 2: status: must be one of lopend, afgerond, gestopt, not ['lopend']",
        {},
        id="status-list",
    ),
    pytest.param(
        with_(VALID_QUESTION, visibility={"public": True}),
        "line 2: visibility: must be public or members, not {'public': True}",
        {},
        id="visibility-object",
    ),
    pytest.param(
        with_(BAD_CASE, id="case-bad-line\n"),
        "line 2: id: must match [a-z0-9-]{3,80}, not 'case-bad-line\\n'",
        {},
        id="id-trailing-newline",
    ),
    pytest.param(
        with_(BAD_CASE, title="Ti\ud800tel"), f"line 2: title: {SURROGATE}", {}, id="surrogate-title"
    ),
    pytest.param(
        answer_with(body="Ant\udfffwoord"), f"line 2: answers[0].body: {SURROGATE}", {}, id="surrogate-deep"
    ),
    pytest.param(
        with_(BAD_CASE, author={"na\ud800me": "Piet"}),
        "line 2: author: has a key with an invalid character (a lone surrogate)",
        {},
        id="surrogate-key",
    ),
    pytest.param(with_(BAD_CASE, title="Ti\x00tel"), f"line 2: title: {NUL}", {}, id="nul-title"),
    pytest.param(
        answer_with(author={"name": "Pi\x00et"}), f"line 2: answers[0].author.name: {NUL}", {}, id="nul-deep"
    ),
    pytest.param(
        attached("files/checklist-test.pdf\x00.txt"), f"line 2: attachments[0].file: {NUL}", {}, id="nul-file"
    ),
    *[
        pytest.param(
            attached(f"files/{name}"),
            f"line 2: attachments[0].file: 'files/{name}' is not a readable PDF ({reason})",
            {name: content},
            id=f"pdf-{name}",
        )
        for name, content, reason in [
            ("kop.pdf", b"%PDF-", "pypdf cannot read it"),
            ("negen.pdf", b"%PDF-1.4\n", "pypdf cannot read it"),
            ("half.pdf", (FIXTURES / "files/checklist-test.pdf").read_bytes()[:600], "pypdf cannot read it"),
            ("tekst.pdf", b"Dit is gewone tekst.\n", "it does not start with %PDF-"),
        ]
    ],
    pytest.param(
        attached("files/" + "a" * 300 + ".pdf"),
        f"line 2: attachments[0].file: 'files/{'a' * 43}… (312 characters)"
        " cannot be read (File name too long)",
        {},
        id="file-name-too-long",
    ),
]


def refused_then_skipped(tmp_path, bad: dict | bytes, message: str, files: dict[str, bytes]) -> None:
    """After a valid line, `bad` is refused with the error line `message` and nothing is stored;
    with --skip-invalid the valid line is imported and `message` reported."""
    path = write(tmp_path, VALID_CASE, bad)
    for name, content in files.items():
        (tmp_path / "files" / name).write_bytes(content)
    assert message in refused(path).splitlines()
    assert stored() == (0, 0, 0, 0)

    out, err = StringIO(), StringIO()
    call_command("import", str(path), "--skip-invalid", stdout=out, stderr=err, verbosity=0)
    assert out.getvalue().strip() == "2 items: 1 created, 0 updated, 0 unchanged, 1 skipped."
    assert message in err.getvalue().splitlines()
    assert list(KnowledgePage.objects.values_list("external_id", flat=True)) == ["case-valid-one"]
    assert stored() == (1, 0, 0, 0)


@pytest.mark.parametrize(("bad", "message", "files"), MALFORMED)
def test_malformed_line_is_refused_by_name_or_skipped(tmp_path, bad, message, files):
    refused_then_skipped(tmp_path, bad, message, files)
