"""Who may do what in the forum, from the roles of accounts (accounts.selectors.roles_of).

Reading follows the audience rule (who may see a question); these answer who may write, accept,
vote, edit, delete, report and moderate. Services check them and raise PermissionDenied.
"""

from accounts.constants import Role
from accounts.selectors import roles_of

POSTERS = frozenset({Role.OFFICIAL, Role.EXPERT, Role.EDITOR, Role.MODERATOR, Role.ADMINISTRATOR})
MODERATORS = frozenset({Role.MODERATOR, Role.ADMINISTRATOR})


def can_post(user) -> bool:
    """Verified officials, experience experts, editors and moderators ask and answer."""
    return bool(roles_of(user) & POSTERS)


def can_moderate(user) -> bool:
    return bool(roles_of(user) & MODERATORS)


def is_expert(user) -> bool:
    return Role.EXPERT in roles_of(user)


def is_author(user, post) -> bool:
    return bool(getattr(user, "pk", None)) and post.author_id == user.pk


def can_edit(user, post) -> bool:
    """The author (while they may still post) or a moderator."""
    return can_moderate(user) or (is_author(user, post) and can_post(user))


def can_accept(user, question) -> bool:
    """The asker or a moderator chooses the accepted answer."""
    return can_moderate(user) or (is_author(user, question) and can_post(user))


def can_vote(user, post) -> bool:
    """Members who may post vote "nuttig", never on their own post."""
    return can_post(user) and not is_author(user, post)


def can_follow(user) -> bool:
    """Every verified member may follow a question they can read, a theme or a law."""
    return Role.MEMBER in roles_of(user)


def can_report(user) -> bool:
    """Every verified member may report a post they can read."""
    return Role.MEMBER in roles_of(user)
