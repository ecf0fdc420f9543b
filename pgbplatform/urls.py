"""URL configuration: Dutch paths for visitors, the Wagtail admin, health, sitemaps and root icons."""

from django.conf import settings
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms import feed_urls
from pgbplatform import metrics, views
from pgbplatform.api import api
from pgbplatform.sitemaps import sitemaps

urlpatterns = [
    # One login path: the admin's own login and password reset forms are never shown.
    path("admin/login/", views.admin_login, name="admin_login"),
    path("admin/password_reset/", views.admin_login),
    path("admin/", include(wagtailadmin_urls)),
    path("accounts/", include("allauth.urls")),
    path("account/", include("accounts.urls")),
    path("bestanden/", include(wagtaildocs_urls)),
    path("healthz", views.healthz, name="healthz"),
    path("metrics", metrics.metrics, name="metrics"),
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path("sitemap/", views.site_map, name="site_map"),
    path("favicon.ico", views.root_icon, {"name": "favicon.ico"}),
    path("apple-touch-icon.png", views.root_icon, {"name": "apple-touch-icon.png"}),
    path("robots.txt", TemplateView.as_view(template_name="robots.txt", content_type="text/plain")),
    path("forum/", include("forum.urls")),
    path("", include("cms.feed_urls")),  # <page>/feed/ before the pages themselves
    path("", include("search.urls")),
    path("api/v1/", api.urls),
    path("", include("cms.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [*feed_urls.listing_urlpatterns, path("", include(wagtail_urls))]

handler403 = "pgbplatform.views.permission_denied"
handler404 = "pgbplatform.views.page_not_found"
handler500 = "pgbplatform.views.server_error"
handler429 = "pgbplatform.views.too_many_requests"
