"""Editors edit forum questions and answers in the admin with the pages' rich-text editor; the forum
then shows exactly that, sanitised, and the post stays Markdown for its author."""

import json

import pytest
from wagtail.admin.rich_text import DraftailRichTextArea

from accounts.constants import Role
from forum.admin_forms import FEATURES, markdown_from_html
from forum.models import Question
from tests.accounts.factories import login, person, with_totp
from tests.admin_forms import form_values

pytestmark = pytest.mark.django_db


def as_sent(html: str) -> str:
    """What the Draftail editor in the browser submits for `html`: its content state as JSON."""
    return DraftailRichTextArea(features=FEATURES).format_value(html)


def test_an_editor_edits_a_question_as_rich_text_and_the_forum_shows_it_sanitised(client, imported):
    admin = person("redactie@example.nl", roles=[Role.ADMINISTRATOR])
    login(client, admin, secret=with_totp(admin))
    question = Question.objects.get(external_id="question-partner-als-zorgverlener")
    url = f"/admin/snippets/forum/question/edit/{question.pk}/"
    page = client.get(url).content.decode()
    assert 'data-controller="w-draftail"' in page or "Draftail" in page  # the pages' editor
    values = form_values(page, form_id="w-editor-form")
    shown = json.loads(values["body"])  # the editor opens with the text the forum renders
    assert any(question.body.split()[0] in block["text"] for block in shown["blocks"])
    values["body"] = as_sent(
        '<h3 data-block-key="a">Wat wij doen</h3>'
        '<p data-block-key="b">Wij vragen <b>altijd</b> door. Zie <a href="https://www.svb.nl/pgb">de SVB</a>.</p>'
        '<ul><li data-block-key="c">eerst het gesprek</li><li data-block-key="d">dan het plan</li></ul>'
    )
    response = client.post(url, values)
    assert response.status_code == 302, response.content.decode()[-2000:]
    question.refresh_from_db()
    assert question.body.startswith("# Wat wij doen")  # Markdown, as members write it
    assert "**altijd**" in question.body and "[de SVB](https://www.svb.nl/pgb)" in question.body
    html = client.get(question.get_absolute_url()).content.decode()
    assert "<h3>Wat wij doen</h3>" in html and "<strong>altijd</strong>" in html
    assert '<a href="https://www.svb.nl/pgb" rel="noopener noreferrer nofollow">de SVB</a>' in html
    assert "<li>eerst het gesprek</li>" in html


def test_what_the_forum_does_not_allow_is_removed_before_it_is_stored():
    markdown = markdown_from_html(
        '<p>Tekst <a href="javascript:alert(1)">klik</a></p><script>alert(2)</script><img src=x onerror=alert(3)>'
    )
    assert "javascript" not in markdown and "alert" not in markdown and "<" not in markdown
    assert "Tekst" in markdown and "klik" in markdown
