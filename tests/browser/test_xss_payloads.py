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

# The Wagtail admin draws its icons from a sprite (<svg><defs><symbol id="icon-…">) as
# <svg class="icon"><use href="#icon-…"> and passes data in
# <script type="application/json">: its own furniture. Anything else there counts as above.
DANGEROUS_ADMIN_DOM = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const value = attr.value.replace(/\\s/g, '').toLowerCase();
      if (attr.name.startsWith('on')) found.push(el.tagName + '@' + attr.name);
      if (['href', 'src', 'action', 'formaction', 'data', 'xlink:href'].includes(attr.name)
          && (value.startsWith('javascript:') || value.startsWith('data:text/html'))) found.push(el.tagName + '@' + attr.name);
    }
    const tag = el.tagName.toUpperCase();
    if (['IFRAME', 'OBJECT', 'EMBED', 'MATH'].includes(tag)) found.push(tag);
    const sprite = tag === 'SVG' && el.querySelector(':scope > defs > symbol[id^="icon-"]');
    if (tag === 'SVG' && !sprite && !(el.classList.contains('icon') || el.closest('.icon, [class*="icon"]'))) found.push('SVG');
  }
  for (const script of document.scripts) {
    if (!script.src && !['application/json', 'text/template'].includes(script.type)) found.push('inline script: ' + script.textContent.slice(0, 60));
  }
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


def test_payloads_posted_by_people_never_execute_anywhere_they_are_shown(site, page):
    """What people type: their name, function and organisation, question and answer text, attachment
    names, report explanations and requests for official status, shown on the forum, in notifications,
    in the account pages and on the moderators' admin screens."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from accounts import services as account_services
    from accounts.constants import Role
    from accounts.models import User
    from cms.models import Municipality
    from forum import services
    from tests.accounts.factories import person, with_totp
    from tests.browser.helpers import log_in
    from tests.forum.test_attachments import pdf_bytes

    utrecht = Municipality.objects.get(code="GM0344")
    moderator = person("mod@persaldo.nl", first_name=PAYLOADS[0][:150], roles=[Role.MODERATOR])
    secret = with_totp(moderator)
    asker = person(
        "anna@utrecht.nl", first_name=PAYLOADS[1][:150], last_name=PAYLOADS[2][:150], municipality=utrecht
    )
    User.objects.filter(pk=asker.pk).update(job_title=PAYLOADS[3][:200], organisation=PAYLOADS[4][:200])
    expert = person("eva@persaldo.nl", first_name=PAYLOADS[10][:150], roles=[Role.EXPERT])
    question = services.question_ask(
        author=asker,
        title=("Vraag " + PAYLOADS[2])[:200],
        body="\n\n".join(PAYLOADS),
        expert_requested=True,
        attachments=[SimpleUploadedFile(PAYLOADS[1] + ".pdf", pdf_bytes())],
    )
    services.post_approve(post=question, by=moderator)
    services.follow_toggle(user=expert, question=question)
    answer = services.answer_post(question=question, author=expert, body=" ".join(PAYLOADS))
    services.report_submit(post=answer, by=asker, reason="other", explanation=" ".join(PAYLOADS))
    newcomer = person("nieuw@gmail.com", first_name=PAYLOADS[7][:150])
    account_services.official_request_submit(
        user=newcomer, municipality_code="GM0344", job_title=PAYLOADS[8], motivation=" ".join(PAYLOADS)
    )

    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    problems = {}

    def walk(paths):
        for path in paths:
            response = page.goto(site + path)
            assert response.status == 200, path
            page.wait_for_timeout(100)
            if found := page.evaluate(DANGEROUS_ADMIN_DOM if path.startswith("/admin/") else DANGEROUS_DOM):
                problems[path] = found

    log_in(page, site, asker)
    walk(["/forum/", question.get_absolute_url(), "/account/", "/account/meldingen/", "/zoeken/?q=vraag"])
    page.context.clear_cookies()
    log_in(page, site, expert)
    walk(["/forum/ervaringsdeskundigen/", "/account/meldingen/", question.get_absolute_url()])
    page.context.clear_cookies()
    log_in(page, site, moderator, secret=secret)
    walk(
        [
            "/admin/forum/moderatie/",
            f"/admin/forum/moderatie/antwoord/{answer.pk}/",
            f"/admin/forum/moderatie/vraag/{question.pk}/",
            "/admin/accounts/officialrequest/",
        ]
    )
    page.goto(site + f"/admin/forum/moderatie/antwoord/{answer.pk}/")
    page.click("button[value=hide]")
    walk(["/admin/forum/moderatie/log/"])
    assert dialogs == []
    assert problems == {}
