"""Who may see and do what: the one rule every read of the platform takes its audience from.

Other apps call `audience_for(user)` (or read `request.audience`, which the middleware fills from it)
and `roles_of(user)`; nothing else inspects `is_staff` or group membership to decide visibility.
"""

from django.db.models import QuerySet

from accounts.constants import GROUP_ROLES, INSIDERS, ROLE_GROUPS, Role
from accounts.models import User
from search.types import PUBLIC, Audience, Visibility

# Everyone, signed in or not, and plain members: public content only.
ANONYMOUS = PUBLIC
# Verified municipal officials, Per Saldo's experts, editors, moderators, administrators: members-only
# ("besloten") content too.
MEMBERS = Audience(
    name="members", visibilities=frozenset({Visibility.PUBLIC.value, Visibility.MEMBERS.value})
)
_CACHE = "_pgb_roles"


def roles_of(user) -> frozenset[Role]:
    """The roles `user` holds now (none for an anonymous or deactivated person). Cached on the object."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, _CACHE, None)
    if cached is not None:
        return cached
    roles = {GROUP_ROLES[name] for name in user.groups.values_list("name", flat=True) if name in GROUP_ROLES}
    if user.is_superuser:
        roles.add(Role.ADMINISTRATOR)
    if user.official_via and user.municipality_id:
        roles.add(Role.OFFICIAL)
    if _has_verified_email(user):
        roles.add(Role.MEMBER)
    result = frozenset(roles)
    setattr(user, _CACHE, result)
    return result


def forget_roles(user) -> None:
    """Drop the cached roles after a change (services call this)."""
    if user is not None and hasattr(user, _CACHE):
        delattr(user, _CACHE)


def _has_verified_email(user) -> bool:
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, verified=True).exists()


def audience_for(user) -> Audience:
    """The audience of `user` (None, anonymous or a plain member: the public)."""
    return MEMBERS if roles_of(user) & INSIDERS else ANONYMOUS


def users_with_role(role: Role) -> QuerySet[User]:
    """Active people holding `role` (for notifying a group, e.g. the experts)."""
    people = User.objects.filter(is_active=True)
    if role in ROLE_GROUPS:
        names = [name for name, held in GROUP_ROLES.items() if held == role]
        return people.filter(groups__name__in=names).distinct()
    if role == Role.ADMINISTRATOR:
        return people.filter(is_superuser=True)
    if role == Role.OFFICIAL:
        return people.filter(municipality__isnull=False).exclude(official_via="")
    return people.filter(emailaddress__verified=True).distinct()
