"""Writes of accounts: roles, official verification, profiles, export and deletion. Other apps may use these.

Each raises ValidationError naming what it refuses, or PermissionDenied; nothing is written then.
Every role change is logged by accounts.audit, with the `by` given here as the actor.
"""

from collections.abc import Callable

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import audit
from accounts.constants import ROLE_GROUPS, NotifyMode, OfficialVia, RequestStatus, Role
from accounts.models import OfficialRequest, User
from accounts.selectors import forget_roles, roles_of
from cms import selectors as cms_selectors
from cms.models import Municipality

# Other apps add what a person wrote to their data export (forum: questions, answers, votes).
_export_sections: dict[str, Callable[[User], object]] = {}
# ... and are told before a person is deleted, so their posts stay as "voormalig lid".
_before_delete: list[Callable[[User], None]] = []


def register_export_section(name: str, collect: Callable[[User], object]) -> None:
    _export_sections[name] = collect


def register_before_delete(callback: Callable[[User], None]) -> None:
    if callback not in _before_delete:
        _before_delete.append(callback)


def _require_moderator(by: User) -> None:
    if not roles_of(by) & {Role.MODERATOR, Role.ADMINISTRATOR}:
        raise PermissionDenied


@transaction.atomic
def role_grant(*, user: User, role: Role, by: User | None, note: str = "") -> None:
    """Give `user` a group role (expert, editor, moderator) or administrator rights."""
    with audit.acting_as(by, note):
        if role == Role.ADMINISTRATOR:
            user.is_superuser = True
            user.save(update_fields=["is_superuser"])
        elif role in ROLE_GROUPS:
            group, _created = Group.objects.get_or_create(name=ROLE_GROUPS[role])
            user.groups.add(group)
        else:
            raise ValidationError({"role": f"{role} is not given by hand"})
    forget_roles(user)


@transaction.atomic
def role_revoke(*, user: User, role: Role, by: User | None, note: str = "") -> None:
    with audit.acting_as(by, note):
        if role == Role.ADMINISTRATOR:
            user.is_superuser = False
            user.save(update_fields=["is_superuser"])
        elif role in ROLE_GROUPS:
            user.groups.remove(*Group.objects.filter(name=ROLE_GROUPS[role]))
        elif role == Role.OFFICIAL:
            user.official_via = ""
            user.save(update_fields=["official_via"])
        else:
            raise ValidationError({"role": f"{role} is not taken by hand"})
    forget_roles(user)


def official_verify_by_domain(*, user: User, email: str) -> bool:
    """Make `user` an official of the gemeente whose domain `email` is at, if one lists it.

    Called when an address is verified. An address elsewhere changes nothing: the person stays a
    member and can ask a moderator (official_request_submit). Returns whether they are an official now.
    """
    municipality = cms_selectors.municipality_for_email(email)
    if municipality is None:
        return False
    if user.official_via == OfficialVia.DOMAIN and user.municipality_id == municipality.pk:
        return True
    with transaction.atomic(), audit.acting_as(None, f"verified address at {email.rsplit('@', 1)[-1]}"):
        user.municipality = municipality
        user.official_via = OfficialVia.DOMAIN
        user.save(update_fields=["municipality", "official_via"])
    forget_roles(user)
    return True


def official_domain_lost(*, user: User, email: str) -> None:
    """The person's address changed: official status that came from the old domain ends with it."""
    if user.official_via != OfficialVia.DOMAIN:
        return
    municipality = cms_selectors.municipality_for_email(email)
    if municipality is not None and municipality.pk == user.municipality_id:
        return
    with transaction.atomic(), audit.acting_as(None, "address no longer at the gemeente's domain"):
        user.official_via = ""
        user.save(update_fields=["official_via"])
        if municipality is not None:  # at another gemeente's domain now
            official_verify_by_domain(user=user, email=email)
    forget_roles(user)


@transaction.atomic
def official_request_submit(*, user: User, municipality_code: str, job_title: str, motivation: str = ""):
    """Ask the moderators to recognise `user` as an official of the gemeente with that CBS code."""
    if Role.MEMBER not in roles_of(user):
        raise PermissionDenied
    if Role.OFFICIAL in roles_of(user):
        raise ValidationError({"municipality": _("You are already a verified official.")})
    if OfficialRequest.objects.filter(user=user, status=RequestStatus.PENDING).exists():
        raise ValidationError({"municipality": _("Your earlier request is still waiting for a moderator.")})
    municipality = Municipality.objects.filter(code=municipality_code).first()
    if municipality is None:
        raise ValidationError({"municipality": _("Choose a gemeente from the list.")})
    job_title = job_title.strip()
    if not job_title:
        raise ValidationError({"job_title": _("Enter your function.")})
    return OfficialRequest.objects.create(
        user=user, municipality=municipality, job_title=job_title[:200], motivation=motivation[:2000]
    )


@transaction.atomic
def official_request_decide(*, request: OfficialRequest, approve: bool, by: User, note: str = "") -> None:
    """A moderator approves (the person becomes an official of that gemeente) or rejects a request."""
    _require_moderator(by)
    request = OfficialRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != RequestStatus.PENDING:
        raise ValidationError({"status": _("This request has already been decided.")})
    request.status = RequestStatus.APPROVED if approve else RequestStatus.REJECTED
    request.decided_by, request.decided_at, request.decision_note = by, timezone.now(), note[:500]
    request.save()
    if approve:
        user = request.user
        with audit.acting_as(by, f"request #{request.pk} approved"):
            user.municipality = request.municipality
            user.official_via = OfficialVia.REQUEST
            user.job_title = user.job_title or request.job_title
            user.save(update_fields=["municipality", "official_via", "job_title"])
        forget_roles(user)


@transaction.atomic
def profile_update(
    *, user: User, first_name: str, last_name: str, job_title: str, organisation: str, notify_mode: str
) -> User:
    """Change what a person says about themselves. Their gemeente comes only from verification."""
    if notify_mode not in NotifyMode.values:
        raise ValidationError({"notify_mode": _("Choose how you want to be notified.")})
    user.first_name, user.last_name = first_name.strip()[:150], last_name.strip()[:150]
    user.job_title, user.organisation = job_title.strip()[:200], organisation.strip()[:200]
    user.notify_mode = notify_mode
    user.save(update_fields=["first_name", "last_name", "job_title", "organisation", "notify_mode"])
    return user


def account_export(*, user: User) -> dict:
    """Everything the person set and wrote, as one JSON-ready dict (their right of access)."""
    from allauth.account.models import EmailAddress

    data = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email_addresses": [
                {"email": a.email, "verified": a.verified, "primary": a.primary}
                for a in EmailAddress.objects.filter(user=user)
            ],
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "job_title": user.job_title,
            "organisation": user.organisation,
            "municipality": user.municipality.code if user.municipality_id else None,
            "official_via": user.official_via or None,
            "notify_mode": user.notify_mode,
            "roles": sorted(roles_of(user)),
        },
        "official_requests": [
            {
                "municipality": r.municipality.code,
                "job_title": r.job_title,
                "motivation": r.motivation,
                "status": r.status,
                "created_at": r.created_at.isoformat(),
            }
            for r in user.official_requests.select_related("municipality")
        ],
    }
    for name, collect in sorted(_export_sections.items()):
        data[name] = collect(user)
    return data


@transaction.atomic
def account_delete(*, user: User, by: User) -> None:
    """Delete the account. Posts stay, shown as by "voormalig lid"; the role log keeps its labels."""
    if by.pk != user.pk and Role.ADMINISTRATOR not in roles_of(by):
        raise PermissionDenied
    for callback in _before_delete:
        callback(user)
    with audit.acting_as(by if by.pk != user.pk else None, "account deleted"):
        user.delete()
