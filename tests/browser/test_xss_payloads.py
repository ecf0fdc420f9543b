"""Script in imported titles, bodies, answers, names and contacts never runs or leaves live markup."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from cms.models import CasePage
from forum.models import Question

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PAYLOADS = [
    line for line in (Path(__file__).parent / "payloads.txt").read_text(encoding="utf-8").splitlines() if line
]
DANGEROUS_DOM = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const value = attr.value.replace(/\\s/g, '').toLowerCase();
      if (attr.name.startsWith('on')) found.push(el.tagName + '@' + attr.name);
      if (['href', 'src', 'action', 'formaction', 'data'].includes(attr.name)
          && (value.startsWith('javascript:') || value.startsWith('data:text/html'))) found.push(el.tagName + '@' + attr.name);
    }
    if (['IFRAME', 'OBJECT', 'EMBED', 'SVG', 'MATH'].includes(el.tagName.toUpperCase())) found.push(el.tagName);
  }
  for (const script of document.scripts) { if (!script.src) found.push('inline script'); }
  return found;
}"""


def payload_items(tmp_path: Path) -> Path:
    joined = " ".join(PAYLOADS)
    items = [
        {
            "id": "case-xss",
            "type": "case",
            "title": PAYLOADS[0][:190],
            "summary": PAYLOADS[1],
            "body": "## Aanleiding\n\n" + "\n\n".join(PAYLOADS),
            "published": "2025-01-01",
            "laws": ["wmo"],
            "themes": ["toegang"],
            "municipalities": ["GM0014"],
            "status": "lopend",
            "author": {"name": PAYLOADS[2], "organisation": PAYLOADS[9]},
            "contact": {"name": PAYLOADS[1], "role": PAYLOADS[2], "email": "x@example.nl"},
        },
        {
            "id": "question-xss",
            "type": "question",
            "title": PAYLOADS[2][:190],
            "body": joined,
            "published": "2025-01-02",
            "laws": ["wmo"],
            "author": {"name": PAYLOADS[0], "organisation": PAYLOADS[1]},
            "answers": [
                {
                    "body": joined,
                    "author": {"name": PAYLOADS[3], "organisation": PAYLOADS[4]},
                    "published": "2025-01-03",
                    "accepted": False,
                }
            ],
        },
    ]
    path = tmp_path / "xss.jsonl"
    path.write_text("\n".join(json.dumps(item) for item in items), encoding="utf-8")
    return path


def test_payloads_never_execute_and_leave_no_dangerous_markup(site, page, tmp_path):
    call_command("import", str(payload_items(tmp_path)), verbosity=0, stdout=StringIO())
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    case = CasePage.objects.get(external_id="case-xss")
    question = Question.objects.get(external_id="question-xss")
    paths = [
        "/",
        case.url,
        "/goede-voorbeelden/",
        "/thema/toegang/",
        "/wet/wmo/",
        "/gemeente/groningen/",
        "/forum/",
        question.get_absolute_url(),
    ]
    problems = {}
    for path in paths:
        page.goto(site + path)
        page.wait_for_timeout(100)
        found = page.evaluate(DANGEROUS_DOM)
        if found:
            problems[path] = found
    assert dialogs == []
    assert problems == {}
    page.goto(site + case.url)
    assert page.locator("h1").inner_text() == PAYLOADS[0]  # shown as text, not run
    page.goto(site + question.get_absolute_url())
    assert PAYLOADS[2] in page.locator("h1").inner_text()
