"""The role log: every role given or taken is written to RoleChange, whichever screen or service did it.

Role changes happen in our services and in Wagtail's user admin (groups, "administrator" tick box), so
they are caught where they land: group membership and the user row. Who made the change comes from
`acting_as` (services) or from the request (accounts.middleware.AuditActorMiddleware).
"""

import contextlib
import contextvars

from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_save, pre_save

from accounts.constants import GROUP_ROLES, Role, RoleAction
from accounts.models import RoleChange, User

_actor: contextvars.ContextVar = contextvars.ContextVar("pgb_role_actor", default=None)
_note: contextvars.ContextVar = contextvars.ContextVar("pgb_role_note", default="")


@contextlib.contextmanager
def acting_as(actor, note: str = ""):
    """Record role changes made inside the block as made by `actor` (None: the system)."""
    actor_token, note_token = _actor.set(actor), _note.set(note)
    try:
        yield
    finally:
        _actor.reset(actor_token)
        _note.reset(note_token)


def _label(user) -> str:
    if user is None or not getattr(user, "pk", None):
        return "system"
    return f"{user.get_full_name() or user.username} <{user.email}> (#{user.pk})"


def record(*, subject: User, role: str, action: str) -> RoleChange:
    actor = _actor.get()
    actor = actor if getattr(actor, "pk", None) else None
    from accounts.selectors import forget_roles

    forget_roles(subject)
    return RoleChange.objects.create(
        actor=actor,
        actor_label=_label(actor),
        subject=subject,
        subject_label=_label(subject),
        role=role,
        action=action,
        note=_note.get()[:300],
    )


def _groups_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    verb = RoleAction.GRANTED if action == "post_add" else RoleAction.REVOKED
    if not reverse:  # user.groups.add(group, …)
        groups = Group.objects.filter(pk__in=pk_set) if pk_set else instance.groups.all()
        pairs = [(instance, group.name) for group in groups]
    else:  # group.user_set.add(user, …)
        users = User.objects.filter(pk__in=pk_set) if pk_set else instance.user_set.all()
        pairs = [(user, instance.name) for user in users]
    for user, name in pairs:
        if name in GROUP_ROLES:
            record(subject=user, role=GROUP_ROLES[name], action=verb)


def _remember_before(sender, instance, raw=False, **kwargs):
    if raw or not instance.pk:
        instance._pgb_before = None
        return
    instance._pgb_before = (
        User.objects.filter(pk=instance.pk).values("is_superuser", "official_via", "municipality_id").first()
    )


def _user_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    before = getattr(instance, "_pgb_before", None) or {
        "is_superuser": False,
        "official_via": "",
        "municipality_id": None,
    }
    if bool(before["is_superuser"]) != bool(instance.is_superuser):
        action = RoleAction.GRANTED if instance.is_superuser else RoleAction.REVOKED
        record(subject=instance, role=Role.ADMINISTRATOR, action=action)
    was_official = bool(before["official_via"] and before["municipality_id"])
    is_official = bool(instance.official_via and instance.municipality_id)
    if was_official != is_official or (is_official and before["municipality_id"] != instance.municipality_id):
        if was_official:
            record(subject=instance, role=Role.OFFICIAL, action=RoleAction.REVOKED)
        if is_official:
            record(subject=instance, role=Role.OFFICIAL, action=RoleAction.GRANTED)
    instance._pgb_before = None


def connect() -> None:
    m2m_changed.connect(_groups_changed, sender=User.groups.through, dispatch_uid="pgb-role-groups")
    pre_save.connect(_remember_before, sender=User, dispatch_uid="pgb-role-before")
    post_save.connect(_user_saved, sender=User, dispatch_uid="pgb-role-saved")
