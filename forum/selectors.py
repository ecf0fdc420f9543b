"""Reads of forum questions that respect who may see them."""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from forum.constants import Status
from forum.models import Answer, Follow, Question, Vote
from search.types import Audience


def question_list_visible(*, audience: Audience) -> QuerySet[Question]:
    """Questions `audience` may read, newest first, with answer counts and whether one is accepted."""
    accepted = Answer.objects.shown().filter(question=OuterRef("pk"), is_accepted=True)
    shown = Q(answers__status=Status.PUBLISHED, answers__deleted_at__isnull=True)
    return (
        Question.objects.visible_to(audience)
        .annotate(answer_count=Count("answers", filter=shown, distinct=True), has_accepted=Exists(accepted))
        .prefetch_related("municipalities", "laws", "themes")
        .order_by("-published_date", "-pk")
    )


def question_list_open(*, audience: Audience) -> QuerySet[Question]:
    """Visible questions without an accepted answer: the ones a colleague can still help with."""
    return question_list_visible(audience=audience).filter(has_accepted=False)


def question_get_visible(*, pk: int, audience: Audience) -> Question:
    """The question `pk` if `audience` may read it; raises Question.DoesNotExist otherwise."""
    return (
        Question.objects.visible_to(audience)
        .select_related("author", "author_municipality")
        .prefetch_related("municipalities", "laws", "themes")
        .get(pk=pk)
    )


def answer_list_for_question(*, question: Question) -> QuerySet[Answer]:
    """The answers, the accepted one first, then oldest first."""
    return (
        question.answers.shown()
        .select_related("author", "author_municipality")
        .prefetch_related("municipalities")
        .order_by("-is_accepted", "published_date", "pk")
    )


def question_list_awaiting_expert(*, audience: Audience) -> QuerySet[Question]:
    """Questions that asked Per Saldo to think along and no expert has answered yet, oldest first."""
    return (
        question_list_visible(audience=audience)
        .filter(expert_requested=True, expert_answered_at__isnull=True)
        .order_by("created_at", "pk")
    )


def votes_by(*, user, question: Question) -> set[str]:
    """Keys ("vraag-1", "antwoord-7") of the posts on this question page that `user` found useful."""
    if not getattr(user, "is_authenticated", False):
        return set()
    votes = Vote.objects.filter(user=user).filter(Q(question=question) | Q(answer__question=question))
    return {f"vraag-{v.question_id}" if v.question_id else f"antwoord-{v.answer_id}" for v in votes}


def is_following(*, user, question: Question) -> bool:
    return (
        bool(getattr(user, "is_authenticated", False))
        and Follow.objects.filter(user=user, question=question).exists()
    )


def export_for(user) -> dict:
    """What a person wrote and did in the forum, for their data export (accounts.services.account_export)."""
    from forum.models import Answer, Follow, Question, Vote

    def post(item, **extra):
        return {
            "url": item.get_absolute_url(),
            "body": item.body,
            "created_at": item.created_at.isoformat(),
            "deleted": item.deleted_at is not None,
            **extra,
        }

    return {
        "questions": [
            post(q, title=q.title, visibility=q.visibility) for q in Question.objects.filter(author=user)
        ],
        "answers": [
            post(a, question=a.question.title, accepted=a.is_accepted)
            for a in Answer.objects.filter(author=user).select_related("question")
        ],
        "useful_votes": Vote.objects.filter(user=user).count(),
        "follows": [str(f) for f in Follow.objects.filter(user=user)],
    }
