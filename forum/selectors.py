"""Reads of forum questions that respect who may see them."""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from forum.constants import Status
from forum.models import Answer, Question
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
