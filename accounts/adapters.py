"""The platform's account policy for django-allauth: where people may be sent, how mail leaves, who may join."""

from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from accounts.mail import Mail, mail_queue


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return settings.PGB_SIGNUP_OPEN

    def is_safe_url(self, url: str) -> bool:
        """`next=` stays on this site: a path on this host, never another host, scheme or `//host`."""
        if not url:
            return False
        parts = urlsplit(url.strip())
        if parts.scheme or parts.netloc or not url.startswith("/") or url.startswith(("//", "/\\")):
            return False
        return url_has_allowed_host_and_scheme(url, allowed_hosts=set(), require_https=False)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Account mail (verification, password reset, notices) goes through the durable mail queue."""
        from allauth.core import context as allauth_context
        from django.contrib.sites.shortcuts import get_current_site

        request = allauth_context.request
        full = {"request": request, "email": email, "current_site": get_current_site(request), **context}
        message = self.render_mail(template_prefix, email, full)
        html = next((body for body, kind in getattr(message, "alternatives", []) if kind == "text/html"), "")
        mail_queue(
            Mail(to=list(message.to), subject=message.subject, text=message.body, html=html, headers={})
        )

    def get_signup_redirect_url(self, request) -> str:
        return reverse("accounts:profile")
