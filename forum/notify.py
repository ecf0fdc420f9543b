"""Who hears of what happens in the forum: followers of a question, of its themes and laws, the experts.

Called by the forum's services once a post is public (published, or approved by a moderator). The
audience rule is applied by accounts.notifications: nobody is told of a question they may not read.
"""

from django.db.models import Q

from accounts import notifications
from accounts.constants import Role
from accounts.selectors import users_with_role
from forum.models import Follow, Question


def _followers_of_question(question):
    return [follow.user for follow in Follow.objects.filter(question=question).select_related("user")]


def _followers_of_tags(question):
    themes = list(question.themes.values_list("pk", flat=True))
    laws = list(question.laws.values_list("pk", flat=True))
    follows = Follow.objects.filter(Q(theme__in=themes) | Q(law__in=laws)).select_related("user")
    return [follow.user for follow in follows]


def _event(kind: str, question, url: str, body: str = "") -> notifications.Event:
    return notifications.Event(
        kind=kind,
        text=notifications.event_text(kind, question.title),
        url=url,
        visibility=question.visibility,
        body=body[:600],
    )


def question_published(question) -> None:
    if question.expert_requested:
        notifications.notify(
            users=users_with_role(Role.EXPERT),
            event=_event("expert_request", question, question.get_absolute_url(), question.body),
            exclude=[question.author],
        )
    notifications.notify(
        users=_followers_of_tags(question),
        event=_event("question", question, question.get_absolute_url(), question.body),
        exclude=[question.author],
    )


def answer_published(answer, question) -> None:
    notifications.notify(
        users=_followers_of_question(question),
        event=_event("answer", question, answer.get_absolute_url(), answer.body),
        exclude=[answer.author],
    )


def answer_accepted(answer, question, *, by) -> None:
    if answer.author_id:
        notifications.notify(
            users=[answer.author],
            event=_event("your_answer_accepted", question, answer.get_absolute_url()),
            exclude=[by],
        )
    notifications.notify(
        users=_followers_of_question(question),
        event=_event("accepted", question, answer.get_absolute_url()),
        exclude=[by, answer.author],
    )


def post_moderated(post, *, kind: str, by) -> None:
    """Tell the author that a moderator approved ("post_approved") or hid ("post_hidden") their post."""
    if not post.author_id:
        return
    question = post if isinstance(post, Question) else post.question
    notifications.notify(
        users=[post.author], event=_event(kind, question, question.get_absolute_url()), exclude=[by]
    )
