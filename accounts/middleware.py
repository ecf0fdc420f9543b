"""Puts the visitor's audience on every request, as Django's AuthenticationMiddleware puts the user."""

from django.utils.functional import SimpleLazyObject

from accounts.selectors import audience_for


class AudienceMiddleware:
    """`request.audience`: what this visitor may see (accounts.selectors.audience_for), read lazily.

    Lower apps (search) read it without importing accounts, just as they read `request.user`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.audience = SimpleLazyObject(lambda: audience_for(request.user))
        return self.get_response(request)
