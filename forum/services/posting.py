"""Writing in the forum: asking, answering, editing (with history), accepting, voting, deleting.

Every function checks who may do it (forum.permissions; PermissionDenied otherwise), refuses bad input
with a ValidationError naming the field (in Dutch: people see it), is atomic, keeps the search index
current in the same transaction and tells followers (accounts.notifications) once a post is public.
"""

from collections.abc import Sequence

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.constants import Role
from accounts.selectors import roles_of
from cms import selectors as cms_selectors
from forum import notify, permissions
from forum.constants import AuthorRole, Status, Visibility
from forum.models import Answer, Follow, Question, Revision, Vote
from forum.services.attachments import attachments_check, attachments_store
from search import service as search_service

TITLE_MIN, TITLE_MAX, BODY_MIN, BODY_MAX = 10, 200, 20, 20_000


class PostingTooFast(PermissionDenied):
    """The person posted more than the limit allows in a short time (views answer 429)."""


def _check_rate(user) -> None:
    count, seconds = settings.PGB_FORUM_POST_LIMIT
    key = f"pgb:forum-posts:{user.pk}"
    cache.add(key, 0, timeout=seconds)
    try:
        posted = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds)
        posted = 1
    if posted > count and not permissions.can_moderate(user):
        raise PostingTooFast


def _author_role(user) -> str:
    roles = roles_of(user)
    for role, author_role in (
        (Role.EXPERT, AuthorRole.EXPERT),
        (Role.OFFICIAL, AuthorRole.OFFICIAL),
        (Role.EDITOR, AuthorRole.EDITOR),
        (Role.MODERATOR, AuthorRole.MODERATOR),
        (Role.ADMINISTRATOR, AuthorRole.MODERATOR),
    ):
        if role in roles:
            return author_role
    return AuthorRole.NONE


def _first_status(user) -> str:
    """The first post of a new official waits for a moderator; Per Saldo's people post at once."""
    roles = roles_of(user)
    if roles & {Role.EXPERT, Role.EDITOR, Role.MODERATOR, Role.ADMINISTRATOR}:
        return Status.PUBLISHED
    approved = (
        Question.objects.filter(author=user, status=Status.PUBLISHED).exists()
        or Answer.objects.filter(author=user, status=Status.PUBLISHED).exists()
    )
    return Status.PUBLISHED if approved else Status.PENDING


def _clean_text(value: str, field: str, low: int, high: int) -> str:
    value = (value or "").replace("\x00", "").strip()
    if len(value) < low:
        raise ValidationError({field: _("Write at least %(count)s characters.") % {"count": low}})
    if len(value) > high:
        raise ValidationError({field: _("Write at most %(count)s characters.") % {"count": high}})
    return value


def _sign(post, author) -> None:
    post.author = author
    post.author_role = _author_role(author)
    post.author_municipality_id = author.municipality_id if post.author_role == AuthorRole.OFFICIAL else None
    post.author_name = ""
    post.author_organisation = author.organisation or ""


def _index(question: Question) -> None:
    search_service.index_objects([question])


@transaction.atomic
def question_ask(
    *,
    author,
    title: str,
    body: str,
    visibility: str = Visibility.PUBLIC,
    themes: Sequence[str] = (),
    laws: Sequence[str] = (),
    municipalities: Sequence[str] = (),
    expert_requested: bool = False,
    attachments=(),
) -> Question:
    """Ask a question (with checked `attachments`, uploaded files). The asker follows it; the experts are
    told when Per Saldo is asked to think along."""
    if not permissions.can_post(author):
        raise PermissionDenied
    title = _clean_text(title, "title", TITLE_MIN, TITLE_MAX)
    body = _clean_text(body, "body", BODY_MIN, BODY_MAX)
    if visibility not in Visibility.values:
        raise ValidationError({"visibility": _("Choose who may read the question.")})
    try:
        tags = cms_selectors.tags_for(municipalities=municipalities, laws=laws, themes=themes)
    except ValidationError as error:
        raise ValidationError({name: _("Choose from the list.") for name in error.message_dict}) from error
    files = attachments_check(attachments)
    _check_rate(author)
    question = Question(title=title, body=body, visibility=visibility, expert_requested=expert_requested)
    _sign(question, author)
    question.status = _first_status(author)
    question.published_date = timezone.localdate()
    with search_service.defer_updates():
        question.save()
        question.municipalities.set(tags.municipalities)
        question.laws.set(tags.laws)
        question.themes.set(tags.themes)
    attachments_store(post=question, files=files, by=author)
    Follow.objects.get_or_create(user=author, question=question)
    _index(question)
    if question.status == Status.PUBLISHED:
        notify.question_published(question)
    return question


@transaction.atomic
def answer_post(*, question: Question, author, body: str, attachments=()) -> Answer:
    """Answer a question the author may read and that is not locked. The answerer follows it."""
    from accounts.selectors import audience_for

    question = Question.objects.select_for_update().get(pk=question.pk)
    if not permissions.can_post(author) or not audience_for(author).may_see(question.visibility):
        raise PermissionDenied
    if question.status != Status.PUBLISHED or question.is_deleted:
        raise PermissionDenied
    if question.is_locked:
        raise ValidationError({"body": _("This question is closed for new answers.")})
    body = _clean_text(body, "body", 2, BODY_MAX)
    files = attachments_check(attachments)
    _check_rate(author)
    answer = Answer(question=question, body=body, published_date=timezone.localdate())
    _sign(answer, author)
    answer.status = _first_status(author)
    answer.save()
    attachments_store(post=answer, files=files, by=author)
    Follow.objects.get_or_create(user=author, question=question)
    if answer.status == Status.PUBLISHED:
        answer_went_public(answer, question)
    _index(question)
    return answer


def answer_went_public(answer: Answer, question: Question) -> None:
    """What follows once an answer is public (posted, or approved by a moderator): the question's
    activity time, the expert request answered, followers told."""
    question.last_activity_at = timezone.now()
    fields = ["last_activity_at"]
    if answer.is_by_expert and question.expert_requested and question.expert_answered_at is None:
        question.expert_answered_at = timezone.now()
        fields.append("expert_answered_at")
    Question.objects.filter(pk=question.pk).update(**{field: getattr(question, field) for field in fields})
    notify.answer_published(answer, question)


def _keep_revision(post, by) -> None:
    Revision.objects.create(
        **Revision.on(post),
        title=getattr(post, "title", ""),
        body=post.body,
        body_html=post.body_html,
        written_at=post.edited_at or post.created_at,
        replaced_by=by,
    )


@transaction.atomic
def question_edit(*, question: Question, by, title: str, body: str) -> Question:
    """Change a question's title and text; the version before is kept in its visible history."""
    question = Question.objects.select_for_update().get(pk=question.pk)
    if question.is_deleted or not permissions.can_edit(by, question):
        raise PermissionDenied
    title = _clean_text(title, "title", TITLE_MIN, TITLE_MAX)
    body = _clean_text(body, "body", BODY_MIN, BODY_MAX)
    if (title, body) == (question.title, question.body):
        return question
    _keep_revision(question, by)
    question.title, question.body, question.edited_at = title, body, timezone.now()
    question.save()
    return question


@transaction.atomic
def answer_edit(*, answer: Answer, by, body: str) -> Answer:
    answer = Answer.objects.select_for_update().get(pk=answer.pk)
    if answer.is_deleted or not permissions.can_edit(by, answer):
        raise PermissionDenied
    body = _clean_text(body, "body", 2, BODY_MAX)
    if body == answer.body:
        return answer
    _keep_revision(answer, by)
    answer.body, answer.edited_at = body, timezone.now()
    answer.save()
    _index(answer.question)
    return answer


@transaction.atomic
def answer_accept(*, answer: Answer, by) -> Answer:
    """Make `answer` the accepted one (at most one per question); the asker or a moderator may."""
    question = Question.objects.select_for_update().get(pk=answer.question_id)
    answer = Answer.objects.get(pk=answer.pk)
    if not permissions.can_accept(by, question):
        raise PermissionDenied
    if answer.is_deleted or answer.status != Status.PUBLISHED:
        raise ValidationError({"answer": _("This answer cannot be accepted.")})
    if answer.is_accepted:
        return answer
    question.answers.exclude(pk=answer.pk).filter(is_accepted=True).update(is_accepted=False)
    answer.is_accepted = True
    answer.save(update_fields=["is_accepted"])
    _index(question)
    notify.answer_accepted(answer, question, by=by)
    return answer


@transaction.atomic
def answer_unaccept(*, answer: Answer, by) -> Answer:
    question = Question.objects.select_for_update().get(pk=answer.question_id)
    if not permissions.can_accept(by, question):
        raise PermissionDenied
    Answer.objects.filter(pk=answer.pk).update(is_accepted=False)
    _index(question)
    answer.refresh_from_db()
    return answer


@transaction.atomic
def vote_toggle(*, user, post) -> bool:
    """Mark `post` useful ("nuttig"), or take that back; returns whether the person now votes for it."""
    if not permissions.can_vote(user, post) or post.is_deleted:
        raise PermissionDenied
    target = Vote.on(post)
    removed, _kinds = Vote.objects.filter(user=user, **target).delete()
    if removed:
        return False
    Vote.objects.create(user=user, **target)
    return True


@transaction.atomic
def post_delete(*, post, by) -> None:
    """Soft delete: the post disappears for everyone; a moderator can restore it (forum.moderation)."""
    if post.is_deleted or not permissions.can_edit(by, post):
        raise PermissionDenied
    post.deleted_at, post.deleted_by = timezone.now(), by
    fields = ["deleted_at", "deleted_by"]
    if isinstance(post, Answer) and post.is_accepted:
        post.is_accepted = False
        fields.append("is_accepted")
    type(post).objects.filter(pk=post.pk).update(**{field: getattr(post, field) for field in fields})
    question = post if isinstance(post, Question) else post.question
    if isinstance(post, Question):
        search_service.remove([question.external_id])
    else:
        _index(question)
