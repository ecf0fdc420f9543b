"""Anonymous pages from the cache, fresh after every change.

A visitor without a session (nobody signed in, no message waiting) sees what every such visitor sees:
the public audience. Their pages are kept in Django's cache (Redis when `REDIS_URL` is set, local memory
otherwise) for `PGB_PAGE_CACHE_SECONDS` and served from it without touching the database. Signed-in
visitors are never served from it and their pages are never stored (they carry `Cache-Control: private`,
pgbplatform.security).

Invalidation is by generation: every stored page names the generation it was made in, and any change a
visitor could see (a page published, unpublished, moved or deleted; a forum question, answer, vote,
moderation action; a theme, law, gemeente, document or image; a person's name) starts a new generation,
so no page made before it is served again. One counter rather than a list of pages per change: a change
shows up in lists, counts, facets, feeds and the home page as well as on its own page, and working out
which pages those are would be a second copy of the audience rule that could drift from the first.

Stored pages get an ETag and `Cache-Control: public, max-age=0, must-revalidate` with `Vary: Cookie`, so a
proxy or browser may keep them but asks again each time (answered 304 Not Modified when unchanged).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers

GENERATION_KEY = "pgb:pages:generation"
MAX_BYTES = 2 * 1024 * 1024
# Never from the cache: the admin, accounts, files (audience-checked, streamed), health and metrics.
SKIPPED_PREFIXES = ("/accounts/", "/account/", "/bestanden/", "/healthz", "/metrics", "/django-admin/")
# A response that varies on anything else than the cookie would need that header in the key.
ALLOWED_VARY = {"cookie", "accept-encoding"}


@dataclass(frozen=True)
class Entry:
    generation: str
    headers: tuple[tuple[str, str], ...]
    content: bytes
    etag: str

    def response(self, request) -> HttpResponse:
        response = HttpResponse(self.content, headers=dict(self.headers))
        return get_conditional_response(request, etag=self.etag, response=response) or response


def invalidate(**kwargs) -> None:
    """Start a new generation: no page stored before it is served again.

    Now (so the writer's own next request sees the change) and again when the transaction commits (so
    a page another request rendered from the old data in the meantime is not kept either).
    """
    from search.service import updates_deferred

    if not updates_deferred():  # a bulk writer (the importer): once, when it commits
        _new_generation()
    connection = transaction.get_connection()
    if not any(callback is _new_generation for _ids, callback, *_rest in connection.run_on_commit):
        transaction.on_commit(_new_generation)


# Models whose rows visitors see (whole apps, or the named models of an app).
SEEN_APPS = {
    "cms",
    "forum",
    "media",
    "taggit",
    "wagtailcore",
    "wagtaildocs",
    "wagtailimages",
    "wagtailredirects",
}
SEEN_MODELS = {
    ("search", "synonym"),
    ("search", "promotion"),
    ("accounts", "user"),
    ("accounts", "rolechange"),
}
# Saves of a person that change nothing anyone else sees.
UNSEEN_USER_FIELDS = {"last_login", "review_reminder_sent_at", "digest_sent_at"}


def model_changed(sender, **kwargs) -> None:
    """post_save / post_delete / m2m_changed of any model: a new generation if visitors see its rows."""
    meta = sender._meta
    if meta.app_label not in SEEN_APPS and (meta.app_label, meta.model_name) not in SEEN_MODELS:
        return
    fields = kwargs.get("update_fields")
    if meta.model_name == "user" and fields and set(fields) <= UNSEEN_USER_FIELDS:
        return
    invalidate()


def connect() -> None:
    from django.core.signals import setting_changed
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from wagtail.signals import page_published, page_unpublished

    from search.service import index_updated

    post_save.connect(model_changed, dispatch_uid="pgb-page-cache-saved")
    post_delete.connect(model_changed, dispatch_uid="pgb-page-cache-deleted")
    m2m_changed.connect(model_changed, dispatch_uid="pgb-page-cache-relations")
    page_published.connect(invalidate, dispatch_uid="pgb-page-cache-published")
    page_unpublished.connect(invalidate, dispatch_uid="pgb-page-cache-unpublished")
    index_updated.connect(invalidate, dispatch_uid="pgb-page-cache-indexed")
    # Settings change at run time only in tests (override_settings), but pages made under others are stale.
    setting_changed.connect(
        lambda **kwargs: _new_generation(), dispatch_uid="pgb-page-cache-settings", weak=False
    )


def _new_generation() -> None:
    cache.set(GENERATION_KEY, secrets.token_hex(8), timeout=None)


def current_generation() -> str:
    """The generation now: what a page or fragment stored from now on is made in."""
    return cache.get(GENERATION_KEY) or _first_generation()


def _first_generation() -> str:
    """The first request, or the cache was emptied: a generation, the same for concurrent requests."""
    generation = secrets.token_hex(8)
    if not cache.add(GENERATION_KEY, generation, timeout=None):
        generation = cache.get(GENERATION_KEY) or generation
    return generation


class AnonymousPageCacheMiddleware:
    """Serves and stores the pages of visitors without a session (see the module's docstring).

    Sits after WhiteNoise and before the session: a cached page costs no session or database lookup.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.seconds = settings.PGB_PAGE_CACHE_SECONDS
        self.skipped = (*settings.PGB_ADMIN_PATHS, *SKIPPED_PREFIXES)
        self.private_cookies = {settings.SESSION_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME, "messages"}

    def __call__(self, request):
        # The generation for fragments shared by everyone of an audience (cms's shared_fragment tag),
        # read from the cache only when a page asks for it.
        request.content_generation = current_generation
        if not self._applies(request):
            return self.get_response(request)
        key = "pgb:page:" + hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
        generation, entry = self._read(key)
        request.content_generation = lambda: generation
        if entry is not None and entry.generation == generation:
            request.from_page_cache = True  # for the metrics: no route was resolved
            return entry.response(request)
        response = self.get_response(request)
        if request.method == "GET" and self._storable(response):
            self._store(key, generation, response)
        return response

    def _applies(self, request) -> bool:
        return (
            self.seconds > 0
            and request.method in ("GET", "HEAD")
            and not request.path.startswith(self.skipped)
            and "HTTP_AUTHORIZATION" not in request.META
            and not self.private_cookies.intersection(request.COOKIES)
        )

    @staticmethod
    def _read(key: str) -> tuple[str, Entry | None]:
        found = cache.get_many([GENERATION_KEY, key])  # one round trip for both
        return found.get(GENERATION_KEY) or _first_generation(), found.get(key)

    @staticmethod
    def _storable(response) -> bool:
        cache_control = response.get("Cache-Control", "")
        vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
            and vary <= ALLOWED_VARY
            and len(response.content) <= MAX_BYTES
        )

    def _store(self, key: str, generation: str, response) -> None:
        etag = '"' + hashlib.blake2b(response.content, digest_size=16).hexdigest() + '"'
        response["ETag"] = etag
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        patch_vary_headers(response, ["Cookie"])
        entry = Entry(generation, tuple(response.items()), response.content, etag)
        cache.set(key, entry, timeout=self.seconds)
