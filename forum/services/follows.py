"""Following a question, a theme or a law (notifications come from forum.notify)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from accounts.selectors import audience_for
from forum import permissions
from forum.models import Follow, Question


@transaction.atomic
def follow_toggle(*, user, question: Question | None = None, theme=None, law=None) -> bool:
    """Follow or stop following; returns whether the person follows it now. Members only; a question
    only if they may read it."""
    if not permissions.can_follow(user):
        raise PermissionDenied
    if question is not None and not audience_for(user).may_see(question.visibility):
        raise PermissionDenied
    target = {"question": question, "theme": theme, "law": law}
    removed, _kinds = Follow.objects.filter(user=user, **target).delete()
    if removed:
        return False
    Follow.objects.create(user=user, **target)
    return True
