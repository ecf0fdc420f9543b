"""Reads of forum questions that respect who may see them."""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from forum.constants import ReportOutcome, Status
from forum.models import Answer, Attachment, Follow, Question, Report, Vote
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


def question_card_details(ids: list[str], audience: Audience) -> dict[str, dict]:
    """For search hits of questions (cms ContentType.card_details): who asked and the answers as a
    question's card shows them, and its badges (answered, members only), for those `audience` may read."""
    questions = question_list_visible(audience=audience).filter(external_id__in=list(ids))
    return {q.external_id: {"meta": q.card_meta(), "badges": q.card_badges()} for q in questions}


def question_list_open(*, audience: Audience) -> QuerySet[Question]:
    """Visible questions without an accepted answer: the ones a colleague can still help with."""
    return question_list_visible(audience=audience).filter(has_accepted=False)


def question_get_visible(*, pk: int, audience: Audience) -> Question:
    """The question `pk` if `audience` may read it; raises Question.DoesNotExist otherwise."""
    return (
        Question.objects.visible_to(audience)
        .select_related("author", "author_municipality")
        .prefetch_related("municipalities", "laws", "themes", "attachments")
        .annotate(vote_count=Count("votes"))
        .get(pk=pk)
    )


def answer_list_for_question(*, question: Question) -> QuerySet[Answer]:
    """The answers, the accepted one first, then oldest first."""
    return (
        question.answers.shown()
        .select_related("author", "author_municipality")
        .prefetch_related("municipalities", "attachments")
        .annotate(vote_count=Count("votes"))
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
    return {
        f"{Question.url_kind}-{v.question_id}" if v.question_id else f"{Answer.url_kind}-{v.answer_id}"
        for v in votes
    }


def is_following(*, user, question: Question | None = None, theme=None, law=None) -> bool:
    """Whether `user` follows this question, theme or law (name one)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return Follow.objects.filter(user=user, question=question, theme=theme, law=law).exists()


# What waits for a moderator: a post waiting for approval, or a post with an open report.
WAITING_FOR_APPROVAL = Q(status=Status.PENDING, deleted_at__isnull=True)
REPORTED = Q(reports__outcome=ReportOutcome.OPEN)


def moderation_queue() -> dict:
    """The moderators' work: posts waiting for approval and posts with open reports, oldest first."""
    questions = Question.objects.select_related("author", "author_municipality")
    answers = Answer.objects.select_related("author", "author_municipality", "question")

    def posts(queryset, condition):
        return list(
            queryset.filter(condition)
            .annotate(open_reports=Count("reports", filter=REPORTED, distinct=True))
            .prefetch_related("reports")
            .order_by("created_at", "pk")
        )

    return {
        "pending": sorted(
            [*posts(questions, WAITING_FOR_APPROVAL), *posts(answers, WAITING_FOR_APPROVAL)],
            key=lambda post: post.created_at,
        ),
        "reported": sorted(
            [*posts(questions, REPORTED), *posts(answers, REPORTED)],
            key=lambda post: min(r.created_at for r in post.reports.all() if r.outcome == ReportOutcome.OPEN),
        ),
    }


def moderation_counts() -> int:
    """How many posts wait for a moderator (the admin menu's badge)."""
    waiting = WAITING_FOR_APPROVAL | REPORTED
    return sum(model.objects.filter(waiting).distinct().count() for model in (Question, Answer))


def reports_of(post) -> QuerySet[Report]:
    """Every report on a post, oldest first, with who reported and who decided: its history."""
    return Report.objects.filter(**Report.on(post)).select_related("reporter", "decided_by")


def decided_reports() -> QuerySet[Report]:
    """Handled reports, latest decision first: the moderation log."""
    return (
        Report.objects.exclude(outcome=ReportOutcome.OPEN)
        .select_related("reporter", "decided_by", "question", "answer__question")
        .order_by("-decided_at", "-pk")
    )


def export_for(user) -> dict:
    """What a person wrote and did in the forum, for their data export (accounts.services.account_export)."""

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
        "attachments": [
            {"name": a.name, "type": a.content_type, "size": a.size, "post": a.post.get_absolute_url()}
            for a in Attachment.objects.filter(uploaded_by=user).select_related(
                "question", "answer__question"
            )
        ],
        "useful_votes": Vote.objects.filter(user=user).count(),
        "follows": [str(f) for f in Follow.objects.filter(user=user)],
    }
