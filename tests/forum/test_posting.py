"""Asking, answering, accepting, voting, editing and deleting in the forum, through its services."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.constants import Role
from accounts.models import Notification
from accounts.selectors import ANONYMOUS, MEMBERS
from cms.models import Municipality, Theme
from forum import selectors, services
from forum.constants import Status, Visibility
from forum.models import Follow, Question, Revision
from search import service as search_service
from search.types import SearchRequest
from tests.accounts.factories import person

pytestmark = pytest.mark.django_db

BODY = "Hoe toetsen jullie of een budgethouder een pgb zelf kan beheren?"


@pytest.fixture
def people():
    utrecht = Municipality.objects.get(code="GM0344")
    leiden = Municipality.objects.get(code="GM0546")
    moderator = person("mod@persaldo.nl", roles=[Role.MODERATOR])
    return {
        "asker": person("anna@utrecht.nl", first_name="Anna", municipality=utrecht),
        "colleague": person("bert@leiden.nl", first_name="Bert", municipality=leiden),
        "expert": person("eva@persaldo.nl", first_name="Eva", roles=[Role.EXPERT]),
        "member": person("lid@gmail.com", first_name="Lid"),
        "moderator": moderator,
    }


def ask(author, **fields):
    return services.question_ask(
        author=author, title="Hoe toetsen jullie pgb-vaardigheid?", body=BODY, **fields
    )


def approved(post, people):
    services.post_approve(post=post, by=people["moderator"])
    post.refresh_from_db()
    return post


def hits(text, audience):
    return [hit.id for hit in search_service.search(SearchRequest(text=text, audience=audience)).hits]


def test_the_first_post_of_a_new_official_waits_for_a_moderator(people):
    question = ask(people["asker"])
    assert question.status == Status.PENDING
    assert not selectors.question_list_visible(audience=MEMBERS).filter(pk=question.pk).exists()
    assert question.external_id not in hits("pgb-vaardigheid", MEMBERS)
    approved(question, people)
    assert selectors.question_list_visible(audience=ANONYMOUS).filter(pk=question.pk).exists()
    assert question.external_id in hits("pgb-vaardigheid", ANONYMOUS)
    second = services.question_ask(
        author=people["asker"], title="Nog een vraag over het budgetplan", body=BODY
    )
    assert second.status == Status.PUBLISHED  # once approved, no longer waits


def test_a_plain_member_cannot_post(people):
    with pytest.raises(PermissionDenied):
        ask(people["member"])


def test_asking_per_saldo_notifies_the_experts_and_the_expert_answer_ends_the_wait(people):
    question = approved(ask(people["asker"], visibility=Visibility.MEMBERS, expert_requested=True), people)
    assert question.awaits_expert
    assert Notification.objects.filter(user=people["expert"], kind="expert_request").count() == 1
    answer = services.answer_post(
        question=question, author=people["expert"], body="Wij vragen door op het budgetplan."
    )
    question.refresh_from_db()
    assert answer.is_by_expert and answer.badge == "Ervaringsdeskundige Per Saldo"
    assert not question.awaits_expert
    assert Notification.objects.filter(user=people["asker"], kind="answer").count() == 1  # the asker follows


def test_nobody_is_told_of_a_closed_question_they_may_not_read(people):
    theme = Theme.objects.first()
    Follow.objects.create(user=people["member"], theme=theme)
    Follow.objects.create(user=people["colleague"], theme=theme)
    approved(ask(people["asker"], visibility=Visibility.MEMBERS, themes=[theme.slug]), people)
    assert not Notification.objects.filter(user=people["member"]).exists()
    assert Notification.objects.filter(user=people["colleague"], kind="question").count() == 1


def test_the_asker_accepts_one_answer_and_may_change_it(people):
    question = approved(ask(people["asker"]), people)
    first = approved(
        services.answer_post(question=question, author=people["colleague"], body="Met een gesprek."), people
    )
    second = services.answer_post(question=question, author=people["expert"], body="Met het budgetplan.")
    with pytest.raises(PermissionDenied):
        services.answer_accept(answer=first, by=people["colleague"])
    services.answer_accept(answer=first, by=people["asker"])
    services.answer_accept(answer=second, by=people["asker"])
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.is_accepted, second.is_accepted) == (False, True)
    assert Notification.objects.filter(user=people["expert"], kind="your_answer_accepted").exists()
    assert [a.pk for a in selectors.answer_list_for_question(question=question)][0] == second.pk


def test_a_question_with_an_accepted_answer_ranks_higher_in_the_site_search(people):
    first = approved(ask(people["asker"]), people)
    services.question_ask(
        author=people["asker"], title="Hoe toetsen jullie pgb-vaardigheid bij jeugd?", body=BODY
    )
    second = Question.objects.latest("pk")
    answers = [
        services.answer_post(question=q, author=people["expert"], body="Met een gesprek aan de keukentafel.")
        for q in (first, second)
    ]
    query = "pgb-vaardigheid budgethouder beheren"
    services.answer_accept(answer=answers[0], by=people["asker"])
    assert hits(query, ANONYMOUS)[:2] == [first.external_id, second.external_id]
    services.answer_unaccept(answer=answers[0], by=people["asker"])
    services.answer_accept(answer=answers[1], by=people["asker"])
    assert hits(query, ANONYMOUS)[:2] == [second.external_id, first.external_id]


def test_useful_votes_are_one_per_person_and_never_on_ones_own_post(people):
    question = approved(ask(people["asker"]), people)
    with pytest.raises(PermissionDenied):
        services.vote_toggle(user=people["asker"], post=question)
    assert services.vote_toggle(user=people["expert"], post=question) is True
    assert question.votes.count() == 1
    assert services.vote_toggle(user=people["expert"], post=question) is False
    assert question.votes.count() == 0
    with pytest.raises(PermissionDenied):
        services.vote_toggle(user=people["member"], post=question)


def test_edits_keep_the_earlier_version_and_only_the_author_or_a_moderator_edits(people):
    question = approved(ask(people["asker"]), people)
    with pytest.raises(PermissionDenied):
        services.question_edit(
            question=question, by=people["colleague"], title="Overgenomen titel hier", body=BODY
        )
    services.question_edit(
        question=question,
        by=people["asker"],
        title="Hoe toetsen jullie de pgb-vaardigheid?",
        body=BODY + " Aanvulling.",
    )
    (revision,) = Revision.objects.filter(question=question)
    assert revision.title == "Hoe toetsen jullie pgb-vaardigheid?" and revision.body == BODY
    question.refresh_from_db()
    assert question.edited_at is not None and "Aanvulling" in question.body_html


def test_a_deleted_question_disappears_everywhere(people):
    question = approved(ask(people["asker"]), people)
    with pytest.raises(PermissionDenied):
        services.post_delete(post=question, by=people["colleague"])
    services.post_delete(post=question, by=people["asker"])
    assert not selectors.question_list_visible(audience=MEMBERS).filter(pk=question.pk).exists()
    assert question.external_id not in hits("pgb-vaardigheid", MEMBERS)
    services.post_restore(post=question, by=people["moderator"])
    assert question.external_id in hits("pgb-vaardigheid", MEMBERS)


def test_markup_in_posts_is_rendered_safely(people):
    question = services.question_ask(
        author=people["expert"],
        title="<script>alert(1)</script> titel",
        body="**vet** <img src=x onerror=alert(1)> [link](javascript:alert(1))",
    )
    assert "<strong>vet</strong>" in question.body_html
    assert "<img" not in question.body_html and 'href="javascript' not in question.body_html
    assert "&lt;img src=x onerror=alert(1)&gt;" in question.body_html  # shown as text, inert


def test_bad_input_is_refused_in_dutch(people):
    with pytest.raises(ValidationError) as error:
        services.question_ask(author=people["expert"], title="Kort", body=BODY)
    assert "minstens 10 tekens" in str(error.value.message_dict["title"])
    with pytest.raises(ValidationError):
        services.question_ask(
            author=people["expert"], title="Een goede vraag hier", body=BODY, themes=["bestaat-niet"]
        )


def test_posting_is_rate_limited_per_person(people, settings):
    settings.PGB_FORUM_POST_LIMIT = (2, 600)
    expert = people["expert"]
    services.question_ask(author=expert, title="Eerste vraag over pgb", body=BODY)
    services.question_ask(author=expert, title="Tweede vraag over pgb", body=BODY)
    with pytest.raises(services.PostingTooFast):
        services.question_ask(author=expert, title="Derde vraag over pgb", body=BODY)


def test_the_data_export_holds_what_the_person_wrote_and_deletion_keeps_the_posts(people):
    from accounts.services import account_delete, account_export

    question = approved(ask(people["asker"]), people)
    data = account_export(user=people["asker"])
    assert data["forum"]["questions"][0]["title"] == question.title
    account_delete(user=people["asker"], by=people["asker"])
    question.refresh_from_db()
    assert question.author is None and question.byline == "voormalig lid"
    assert selectors.question_list_visible(audience=ANONYMOUS).filter(pk=question.pk).exists()
