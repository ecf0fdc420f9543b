"""The security log: logins, failed logins, logouts, MFA changes, role changes and moderation actions,
each with who, what, when and from which address; written to the database (the admin lists it, for
PGB_SECURITY_LOG_DAYS) and to the `pgb.security` logger (one JSON line, for the log collector).

Other apps record their own events with `record()` (the forum's moderation services do).
"""

import contextvars
import datetime
import ipaddress
import logging

from allauth.mfa import signals as mfa_signals
from django.conf import settings
from django.contrib.auth import signals as auth_signals
from django.db.models.signals import post_save
from django.utils import timezone

from accounts.models import RoleChange, SecurityEvent

logger = logging.getLogger("pgb.security")
Kind = SecurityEvent.Kind
_request: contextvars.ContextVar = contextvars.ContextVar("pgb_security_request", default=None)


class RequestMiddleware:
    """Remembers the request being served, so that events recorded by services (a moderator's action)
    name the address it came from too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)


def client_address(request) -> str | None:
    """The visitor's address: behind the TLS proxy (PGB_BEHIND_PROXY) the one it appended last to
    X-Forwarded-For, else the connection's; None when it is no address."""
    if request is None:
        return None
    address = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if settings.SECURE_PROXY_SSL_HEADER and forwarded:
        address = forwarded.split(",")[-1].strip()
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def _label(user) -> str:
    if user is None or not getattr(user, "pk", None):
        return ""
    return f"{user.get_full_name() or user.username} <{user.email}> (#{user.pk})"


def record(kind: str, *, user=None, label: str = "", request=None, detail: str = "") -> SecurityEvent:
    event = SecurityEvent.objects.create(
        kind=kind,
        user=user if getattr(user, "pk", None) else None,
        user_label=(label or _label(user))[:300],
        ip=client_address(request if request is not None else _request.get()),
        detail=detail[:500],
    )
    logger.info(
        "security event %s",
        kind,
        extra={"event": kind, "who": event.user_label, "ip": event.ip, "detail": event.detail},
    )
    return event


def purge(*, now=None) -> int:
    """Delete events older than PGB_SECURITY_LOG_DAYS; returns how many."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.PGB_SECURITY_LOG_DAYS)
    deleted, _ = SecurityEvent.objects.filter(at__lt=cutoff).delete()
    return deleted


def _logged_in(sender, request, user, **kwargs):
    record(Kind.LOGIN, user=user, request=request)


def _login_failed(sender, credentials, request=None, **kwargs):
    # The name tried, never the password (Django's signal already masks it; we take only the name).
    tried = str(credentials.get("username") or credentials.get("email") or credentials.get("login") or "")
    record(Kind.LOGIN_FAILED, label=tried, request=request, detail="wrong address or password")


def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        record(Kind.LOGOUT, user=user, request=request)


def _mfa(kind):
    def receiver(sender, request=None, user=None, authenticator=None, **kwargs):
        record(kind, user=user, request=request, detail=getattr(authenticator, "type", "") or "")

    return receiver


def _role_changed(sender, instance: RoleChange, created: bool, **kwargs):
    if created:
        record(
            Kind.ROLE_CHANGE,
            user=instance.subject,
            label=instance.subject_label,
            detail=f"{instance.action} {instance.role} by {instance.actor_label}"
            + (f": {instance.note}" if instance.note else ""),
        )


_mfa_added, _mfa_removed, _mfa_reset = _mfa(Kind.MFA_ADDED), _mfa(Kind.MFA_REMOVED), _mfa(Kind.MFA_RESET)


def connect() -> None:
    auth_signals.user_logged_in.connect(_logged_in, dispatch_uid="pgb-security-login")
    auth_signals.user_login_failed.connect(_login_failed, dispatch_uid="pgb-security-login-failed")
    auth_signals.user_logged_out.connect(_logged_out, dispatch_uid="pgb-security-logout")
    mfa_signals.authenticator_added.connect(_mfa_added, dispatch_uid="pgb-security-mfa-added")
    mfa_signals.authenticator_removed.connect(_mfa_removed, dispatch_uid="pgb-security-mfa-removed")
    mfa_signals.authenticator_reset.connect(_mfa_reset, dispatch_uid="pgb-security-mfa-reset")
    post_save.connect(_role_changed, sender=RoleChange, dispatch_uid="pgb-security-role-change")
