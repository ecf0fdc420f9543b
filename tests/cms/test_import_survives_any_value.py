"""Whatever value a field of a line holds, `pgb import` refuses that line by name or imports it."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.cms.test_import_bad_input import VALID_CASE, stored, write

pytestmark = pytest.mark.django_db

ATTACHMENT = {"title": "Checklist", "file": "files/checklist-test.pdf"}
COMMON = {
    "title": "Een volledig item",
    "summary": "Kort.",
    "body": "Tekst.",
    "municipalities": ["GM0014"],
    "laws": ["wmo"],
    "themes": ["toegang"],
    "published": "2024-01-01",
    "last_reviewed": "2024-06-01",
    "author": {"name": "Anna", "organisation": "Gemeente Groningen"},
    "attachments": [ATTACHMENT],
}
CAPTIONS = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nHallo.\n"
FULL = {
    "case": {
        **COMMON,
        "contact": {"name": "Anna", "role": "Consulent", "email": "anna@example.nl"},
        "status": "lopend",
    },
    "video": {**COMMON, "speaker": "Jan", "duration": 10, "captions": CAPTIONS},
    "article": COMMON,
    "document": COMMON,
    "question": {
        **{k: v for k, v in COMMON.items() if k not in ("summary", "attachments")},
        "visibility": "members",
        "answers": [
            {
                "body": "Antwoord.",
                "author": {"name": "Piet", "organisation": "Per Saldo"},
                "municipalities": ["GM0014"],
                "published": "2024-01-02",
                "accepted": True,
            }
        ],
    },
}
VALUES = [["a", 1], {"a": "b"}, "a\x00b", "a\ud800b", 10**30, -1, 1e308, True, None, "x" * 300_000]


def full_item(type_name: str) -> dict:
    return {"id": f"{type_name}-every-field", "type": type_name, **FULL[type_name]}


def field_paths(item: dict) -> list[tuple]:
    """Every top-level key, plus the keys inside objects and inside the first object of lists."""
    paths = []
    for key, value in item.items():
        paths.append((key,))
        if isinstance(value, dict):
            paths += [(key, sub) for sub in value]
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            paths += [(key, 0, sub) for sub in value[0]]
    return paths


def replaced(item: dict, path: tuple, value) -> dict:
    """A deep copy of `item` with the value at `path` replaced by `value`."""
    if len(path) == 1:
        return {**item, path[0]: value}
    key, rest = path[0], path[1:]
    if isinstance(item[key], list):
        return {**item, key: [replaced(item[key][0], rest[1:], value), *item[key][1:]]}
    return {**item, key: replaced(item[key], rest, value)}


CASES = [
    pytest.param(type_name, path, id=f"{type_name}-{'.'.join(map(str, path))}")
    for type_name in FULL
    for path in field_paths(full_item(type_name))
]


@pytest.mark.parametrize(("type_name", "path"), CASES)
def test_any_value_in_any_field_is_refused_by_line_or_imported(tmp_path, type_name, path):
    for value in VALUES:
        file = write(tmp_path, VALID_CASE, replaced(full_item(type_name), path, value))
        before = stored()
        out, err = StringIO(), StringIO()
        shown = repr(value)[:40]
        try:
            call_command("import", str(file), stdout=out, stderr=err, verbosity=0)
        except CommandError:
            lines = err.getvalue().splitlines()
            assert lines, shown
            assert all(line.startswith("line 2: ") for line in lines), (shown, lines)
            assert stored() == before, shown
        else:
            assert err.getvalue() == "", shown
            assert out.getvalue().startswith("2 items: "), shown
