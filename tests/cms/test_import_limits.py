"""Import limits: oversized lines, texts, lists, numbers and nesting are refused by line and field."""

import json

import pytest

from tests.cms.test_import_bad_input import (
    BAD_CASE,
    BAD_VIDEO,
    VALID_QUESTION,
    VALID_VIDEO,
    answer_with,
    attached,
    refused_then_skipped,
    with_,
)

pytestmark = pytest.mark.django_db

LIMITS = "from -1,000,000,000,000 to 1,000,000,000,000"


def raw(item: dict, old: str, new: str) -> bytes:
    """`item` as a JSON line with `old` replaced by `new` (JSON that json.dumps would not write)."""
    text = json.dumps(item)
    assert old in text
    return (text.replace(old, new) + "\n").encode()


def nested(levels: int) -> object:
    value: object = "x"
    for _ in range(levels):
        value = [value]
    return value


# (bad line, the exact error line, extra files under files/)
LIMIT_CASES = [
    pytest.param(
        with_(BAD_VIDEO, duration=10**30),
        f"line 2: duration: must be a number {LIMITS}",
        {},
        id="duration-huge",
    ),
    pytest.param(
        raw(BAD_VIDEO, '"duration": 10', '"duration": 1e400'),
        "line 2: duration: must be a finite number",
        {},
        id="duration-1e400",
    ),
    pytest.param(
        raw(BAD_VIDEO, '"duration": 10', '"duration": NaN'),
        "line 2: duration: must be a finite number",
        {},
        id="duration-nan",
    ),
    *[
        pytest.param(
            with_(BAD_VIDEO, duration=value),
            f"line 2: duration: must be a whole number of seconds from 0 to 86,400, not {value!r}",
            {},
            id=f"duration-{value!r}",
        )
        for value in (-1, 86_401, 1.5, 60.0, True)
    ],
    pytest.param(
        with_(BAD_CASE, extra={"scores": [1, 2, 10**13]}),
        f"line 2: extra.scores[2]: must be a number {LIMITS}",
        {},
        id="number-in-unknown-field",
    ),
    pytest.param(
        raw(BAD_CASE, '"published"', '"extra": 1' + "0" * 5000 + ', "published"'),
        "line 2: (line): not valid JSON: a number has too many digits",
        {},
        id="number-5000-digits",
    ),
    pytest.param(
        raw(BAD_CASE, '"published"', '"extra": ' + "[" * 100_000 + "]" * 100_000 + ', "published"'),
        "line 2: (line): is nested deeper than 16 levels",
        {},
        id="nested-100000",
    ),
    pytest.param(
        with_(BAD_CASE, body=nested(16)),
        f"line 2: body{'[0]' * 15}: is nested deeper than 16 levels",
        {},
        id="nested-17",
    ),
    pytest.param(
        with_(BAD_CASE, body="x" * (2 * 1024 * 1024)),
        "line 2: (line): the line is longer than 2 MB (2,097,152 bytes)",
        {},
        id="line-over-2mb",
    ),
]
TOO_LONG = [
    ("title", with_(BAD_CASE, title="x" * 201), "must be 3 to 200 characters long (is 201)"),
    ("summary", with_(BAD_CASE, summary="x" * 1_001), "must be at most 1,000 characters long (is 1,001)"),
    ("body", with_(BAD_CASE, body="x" * 200_001), "must be at most 200,000 characters long (is 200,001)"),
    (
        "captions",
        with_(BAD_VIDEO, captions=VALID_VIDEO["captions"] + "x" * 500_000),
        f"must be at most 500,000 characters long (is {len(VALID_VIDEO['captions']) + 500_000:,})",
    ),
    ("answers[0].body", answer_with(body="x" * 50_001), "must be at most 50,000 characters long (is 50,001)"),
    (
        "author.name",
        with_(BAD_CASE, author={"name": "x" * 201}),
        "must be at most 200 characters long (is 201)",
    ),
    (
        "author.organisation",
        with_(BAD_CASE, author={"organisation": "x" * 201}),
        "must be at most 200 characters long (is 201)",
    ),
    (
        "contact.name",
        with_(BAD_CASE, contact={"name": "x" * 201}),
        "must be at most 200 characters long (is 201)",
    ),
    (
        "contact.role",
        with_(BAD_CASE, contact={"role": "x" * 201}),
        "must be at most 200 characters long (is 201)",
    ),
    (
        "contact.email",
        with_(BAD_CASE, contact={"email": "x" * 244 + "@example.nl"}),
        "must be at most 254 characters long (is 255)",
    ),
    ("speaker", with_(BAD_VIDEO, speaker="x" * 201), "must be at most 200 characters long (is 201)"),
    (
        "attachments[0].title",
        with_(BAD_CASE, attachments=[{"title": "x" * 256, "file": "files/checklist-test.pdf"}]),
        "must be at most 255 characters long (is 256)",
    ),
    (
        "attachments[0].file",
        attached("files/" + "x" * 495),
        "must be at most 500 characters long (is 501)",
    ),
    (
        "municipalities",
        with_(BAD_CASE, municipalities=["GM0014"] * 401),
        "must have at most 400 entries (has 401)",
    ),
    ("laws", with_(BAD_CASE, laws=["wmo"] * 21), "must have at most 20 entries (has 21)"),
    ("themes", with_(BAD_CASE, themes=["toegang"] * 51), "must have at most 50 entries (has 51)"),
    (
        "attachments",
        with_(BAD_CASE, attachments=[{"title": "Lijst", "file": "files/checklist-test.pdf"}] * 51),
        "must have at most 50 entries (has 51)",
    ),
    (
        "answers",
        with_(VALID_QUESTION, answers=VALID_QUESTION["answers"] * 501),
        "must have at most 500 entries (has 501)",
    ),
]
LIMIT_CASES += [
    pytest.param(bad, f"line 2: {field}: {message}", {}, id=f"too-long-{field}")
    for field, bad, message in TOO_LONG
]


@pytest.mark.parametrize(("bad", "message", "files"), LIMIT_CASES)
def test_line_over_a_limit_is_refused_by_name_or_skipped(tmp_path, bad, message, files):
    refused_then_skipped(tmp_path, bad, message, files)
