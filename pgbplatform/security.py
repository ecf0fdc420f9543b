"""Content-Security-Policy: strict on the public site, relaxed only where Wagtail's admin needs it."""

from csp.middleware import CSPMiddleware, PolicyParts

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
