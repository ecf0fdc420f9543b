"""Content-Security-Policy: strict on the public site, relaxed only where Wagtail's admin needs it."""

from csp.middleware import CSPMiddleware, PolicyParts

ADMIN_PREFIXES = ("/admin/", "/django-admin/")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The public site gets the strict policy of settings.CONTENT_SECURITY_POLICY.

    Wagtail's admin (a trusted, logged-in area) still sets inline styles and blob: previews in its
    widgets, so under /admin/ those are allowed; scripts stay limited to our own origin there too.
    """

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path.startswith(ADMIN_PREFIXES):
            update = dict(parts.update or {})
            update.setdefault("style-src", ["'unsafe-inline'"])
            update.setdefault("img-src", ["blob:"])
            parts.update = update
        return parts
