"""Response headers for security: Content-Security-Policy (strict on the public site, relaxed only where
Wagtail's admin needs it), Permissions-Policy, and no shared caching of what a signed-in person sees."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.utils.cache import patch_cache_control, patch_vary_headers

ADMIN_PREFIXES = ("/admin/", "/django-admin/")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The public site gets the strict policy of settings.CONTENT_SECURITY_POLICY.

    Wagtail 8's admin (a trusted, logged-in area) still writes inline scripts and styles and uses
    blob: image previews, so only under /admin/ those are allowed; the public site never needs them.
    """

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path.startswith(ADMIN_PREFIXES):
            update = dict(parts.update or {})
            update.setdefault("script-src", ["'unsafe-inline'"])
            update.setdefault("style-src", ["'unsafe-inline'"])
            update.setdefault("img-src", ["blob:"])
            parts.update = update
        return parts


class SecurityHeadersMiddleware:
    """What every response carries besides Django's own security headers: a Permissions-Policy that
    switches off what the site never uses, and for a signed-in visitor `Cache-Control: private` (their
    pages hold what only they may see: no shared cache may keep them)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = ", ".join(
            f"{feature}=({' '.join(allowed)})" for feature, allowed in settings.PGB_PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if "no-store" not in response.get("Cache-Control", ""):
                patch_cache_control(response, private=True)  # replaces a view's `public`
            patch_vary_headers(response, ["Cookie"])
        return response
