"""Who may see what: the one rule every read of the platform takes its audience from.

Other apps call `audience_for(user)` (or read `request.audience`, which the middleware fills from it);
nothing else inspects `is_staff` or group membership to decide visibility.
"""

from search.types import PUBLIC, Audience, Visibility

# Everyone, signed in or not: public content only.
ANONYMOUS = PUBLIC
# Editors, moderators and administrators: members-only content too. (Verified municipal officials
# join them when accounts and verification exist: issue 9.)
STAFF = Audience(name="staff", visibilities=frozenset({Visibility.PUBLIC.value, Visibility.MEMBERS.value}))


def audience_for(user) -> Audience:
    """The audience of `user` (None or anonymous: the public)."""
    if user is not None and getattr(user, "is_authenticated", False) and user.is_active and user.is_staff:
        return STAFF
    return ANONYMOUS
