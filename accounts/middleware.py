"""Request-wide account rules: the visitor's audience, the role log's actor, two factors for the admin."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from accounts import audit
from accounts.selectors import audience_for


class AudienceMiddleware:
    """`request.audience`: what this visitor may see (accounts.selectors.audience_for), read lazily.

    Lower apps (search) read it without importing accounts, just as they read `request.user`. The
    person changing roles in the admin is also the actor of the role log (accounts.audit).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.audience = SimpleLazyObject(lambda: audience_for(request.user))
        with audit.acting_as(request.user if request.user.is_authenticated else None):
            return self.get_response(request)


class AdminRequiresMFAMiddleware:
    """Nobody reaches the admin without two-factor authentication set up and used at this login.

    Editors, moderators and administrators are sent to set it up first; a session that logged in with
    a password alone (before they had set it up) is asked to log in again with both factors.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefixes = tuple(settings.PGB_ADMIN_PATHS)

    def __call__(self, request):
        if (
            request.path.startswith(self.prefixes)
            and not request.path.endswith(("/login/", "/logout/"))
            and request.user.is_authenticated
        ):
            response = self._refuse(request)
            if response is not None:
                return response
        return self.get_response(request)

    @staticmethod
    def _refuse(request):
        from allauth.mfa.utils import is_mfa_enabled

        if not is_mfa_enabled(request.user):
            messages.warning(request, _("Set up two-step verification before you open the admin."))
            return redirect("mfa_index")
        if not _used_second_factor(request):
            messages.warning(request, _("Log in again with your second step to open the admin."))
            return redirect(f"{reverse('mfa_reauthenticate')}?{urlencode({'next': request.get_full_path()})}")
        return None


def _used_second_factor(request) -> bool:
    """Whether this session's login passed a second factor (allauth records the methods used)."""
    from allauth.account.authentication import get_authentication_records

    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)
