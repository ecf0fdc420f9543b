"""Project-wide views: health check, the site map for people, root icons and error pages."""

import datetime

from django.conf import settings
from django.db import connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control, never_cache
from wagtail.models import Page

from cms import content_types
from cms.models import Law, StandardPage, Theme
from search import service as search_service


def security_txt(request):
    """/.well-known/security.txt (RFC 9116): where to report a vulnerability, from settings; 404 until set."""
    contact, expires = settings.PGB_SECURITY_CONTACT, settings.PGB_SECURITY_TXT_EXPIRES
    try:
        day = datetime.date.fromisoformat(expires)
    except ValueError:
        raise Http404 from None
    if not contact.startswith(("mailto:", "https://")):
        raise Http404
    lines = [
        f"Contact: {contact}",
        f"Expires: {day.isoformat()}T00:00:00Z",
        "Preferred-Languages: nl, en",
        f"Canonical: {request.build_absolute_uri(request.path)}",
    ]
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response


@never_cache
def healthz(request):
    """JSON for load balancers: 200 when the database answers, 503 when it does not.

    The search backend's state is reported too; a degraded search (the site answers from the
    database) does not make the whole site unhealthy.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = {"status": "ok"}
    except Exception as exc:  # any driver error means the database is unreachable
        database = {"status": "error", "error": exc.__class__.__name__}
    search = search_service.health(audience=request.audience).as_dict()  # counts what the caller may see
    ok = database["status"] == "ok"
    return JsonResponse(
        {"status": "ok" if ok else "error", "database": database, "search": search}, status=200 if ok else 503
    )


@cache_control(max_age=86400, public=True)
def root_icon(request, *, name: str):
    """/favicon.ico and /apple-touch-icon.png, which browsers and crawlers ask for whatever a page
    links: a temporary redirect to the static file, whose name carries a hash in production."""
    return redirect(static(f"pgb/{name}"))


def site_map(request):
    """/sitemap/: every part of the site for people, in the footer (crawlers read /sitemap.xml)."""
    listings = [
        (content_type.plural, content_type.listing())
        for content_type in content_types.all()
        if issubclass(content_type.model, Page) and content_type.listing()
    ]
    context = {
        "listings": [(_("Home page"), "/"), *listings, (_("Search"), reverse("search:search"))],
        "forum": [
            (_("All forum questions"), reverse("forum:question_list")),
            (_("Ask a question"), reverse("forum:question_ask")),
        ],
        "themes": Theme.objects.all(),
        "laws": Law.objects.all(),
        "pages": StandardPage.objects.live().public().order_by("title"),
    }
    return render(request, "sitemap.html", context)


def admin_login(request):
    """/admin/login/ sends people to the one login form (allauth's: rate limits, two-step verification)."""
    from allauth.account.adapter import get_adapter

    next_url = request.GET.get("next", "")
    if not get_adapter(request).is_safe_url(next_url):  # the same rule as every other `next=`
        next_url = "/admin/"
    return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def too_many_requests(request, exception=None):
    """allauth's rate limits (login, sign-up, reset) and the forum's posting limit answer with this."""
    return render(request, "429.html", status=429)


def server_error(request):
    # No request context: context processors query the database, which may be what failed.
    from django.http import HttpResponseServerError
    from django.template.loader import render_to_string

    return HttpResponseServerError(render_to_string("500.html"))
