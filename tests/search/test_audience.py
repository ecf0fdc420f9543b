"""Content an audience may not see changes nothing that audience can observe.

A members-only question with words of its own (and common words too) is added; everything an
anonymous visitor can read before and after must be identical: results and their order, totals,
facet counts, snippets, suggestions, "Bedoelde u", compound handling, related items, health, the
forum, the home page and the sitemap. Staff do see the question, so the comparison is not vacuous.
Runs on SQLite and PostgreSQL (the suite runs on both); Elasticsearch's side is in
test_elasticsearch_generation.py (the indexes a request reads and the actions that write them).
"""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts.selectors import ANONYMOUS, MEMBERS, audience_for
from cms.models import KnowledgePage
from forum.models import Question
from forum.services import AnswerFields, question_save
from search import service
from search.types import SearchRequest

pytestmark = pytest.mark.django_db

QUERIES = [
    "wlz opvang",  # written apart: a compound only if the audience's index knows "wlzopvang"
    "wlzopvang",
    "wlzopvong",  # a typo of the hidden word: no correction may point at it
    "logeerbudgetje",
    "pgb budgetplan",
    "zorgovereenkomst controleren",
    "trekkingsrecht",
    "svb",
    "",
]
PREFIXES = ["wlzop", "logeer", "zo werkt", "keuk", "pgb"]


def observed(client) -> dict:
    """Everything an anonymous visitor can read that search, counts or the forum could change."""
    seen = {}
    for text in QUERIES:
        seen[f"api {text}"] = client.get("/api/v1/search", {"q": text, "page_size": 50}).json()
        seen[f"page {text}"] = client.get("/zoeken/", {"q": text}).content.decode()
    for prefix in PREFIXES:
        seen[f"suggest {prefix}"] = client.get("/api/v1/suggest", {"q": prefix}).json()
    for page in KnowledgePage.objects.live():  # each carries "Vergelijkbare voorbeelden"
        seen[page.url] = client.get(page.url).content.decode()
    for path in ("/", "/forum/", "/sitemap.xml", "/healthz"):
        seen[path] = client.get(path).content.decode()
    return seen


def add_hidden_question() -> Question:
    """Through the forum's own service, as an official's post will arrive."""
    day = datetime.date(2025, 6, 1)
    return question_save(
        question=None,
        title="Wlzopvang en het logeerbudgetje: hoe regelen jullie dat?",
        body="Onze wlzopvang vraagt om een logeerbudgetje naast het pgb en het budgetplan. "
        "Wie toetst de zorgovereenkomst bij de SVB?",
        author_organisation="Gemeente Testdorp",
        visibility="members",
        published=day,
        municipalities=["GM0014"],
        laws=["wlz"],
        themes=["tarieven"],
        answers=[AnswerFields(body="Wij noemen het wlzopvangbudget.", published=day)],
    )


def test_a_members_only_question_changes_nothing_an_anonymous_visitor_sees(client, imported):
    before = observed(client)
    question = add_hidden_question()
    after = observed(client)
    changed = [key for key in before if before[key] != after[key]]
    assert changed == []
    # Not vacuous: staff find the question, by its own words and by the compound written apart.
    staff = service.search(SearchRequest(text="wlzopvang", audience=MEMBERS))
    assert [hit.id for hit in staff.hits] == [question.external_id]
    assert question.external_id in [
        hit.id for hit in service.search(SearchRequest(text="wlz opvang", audience=MEMBERS)).hits
    ]
    assert [s.title for s in service.suggest("wlzop", audience=MEMBERS)] == [question.title]


def test_hidden_words_do_not_exist_for_the_public(imported):
    add_hidden_question()
    public = service.search(SearchRequest(text="wlzopvong"))
    assert public.total == 0 and public.suggestion is None  # no "Bedoelde u wlzopvang?"
    staff = service.search(SearchRequest(text="wlzopvong", audience=MEMBERS))
    assert staff.suggestion == "wlzopvang" and staff.total == 1
    assert service.suggest("wlzop", audience=ANONYMOUS) == []


def test_one_rule_decides_the_audience(db):
    from accounts.constants import Role
    from cms.models import Municipality
    from tests.accounts.factories import person

    utrecht = Municipality.objects.get(code="GM0344")
    editor = person("redactie@persaldo.nl", roles=[Role.EDITOR])
    expert = person("ervaring@persaldo.nl", roles=[Role.EXPERT])
    official = person("ambtenaar@utrecht.nl", municipality=utrecht)
    member = person("lid@example.nl")
    unverified = person("nieuw@utrecht.nl", verified=False)
    former = person("oud@persaldo.nl", roles=[Role.EDITOR])
    former.is_active = False
    assert audience_for(None) == audience_for(AnonymousUser()) == ANONYMOUS
    assert audience_for(editor) == audience_for(expert) == audience_for(official) == MEMBERS
    assert audience_for(member) == audience_for(unverified) == audience_for(former) == ANONYMOUS
