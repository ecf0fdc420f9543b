"""Following a question, a theme or a law (notifications come from forum.notify)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from accounts.constants import Role
from accounts.selectors import audience_for, roles_of
from forum.models import Follow, Question


@transaction.atomic
def follow_toggle(*, user, question: Question | None = None, theme=None, law=None) -> bool:
    """Follow or stop following; returns whether the person follows it now. Members only; a question
    only if they may read it."""
    if Role.MEMBER not in roles_of(user):
        raise PermissionDenied
    if question is not None and not audience_for(user).may_see(question.visibility):
        raise PermissionDenied
    target = {"question": question, "theme": theme, "law": law}
    removed, _kinds = Follow.objects.filter(user=user, **target).delete()
    if removed:
        return False
    Follow.objects.create(user=user, **target)
    return True
