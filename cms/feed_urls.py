"""Atom feed URLs: /feed/, and <page>/feed/ for themes, laws, gemeenten, the search page and listings."""

from django.urls import path, re_path

from cms import feeds

app_name = "feeds"

urlpatterns = [
    path("feed/", feeds.platform_feed, name="platform"),
    path("thema/<slug:slug>/feed/", feeds.theme_feed, name="theme"),
    path("wet/<slug:slug>/feed/", feeds.law_feed, name="law"),
    path("gemeente/<slug:slug>/feed/", feeds.municipality_feed, name="municipality"),
    path("zoeken/feed/", feeds.search_feed, name="search"),
]

# Listings (Wagtail's IndexPages, the forum): go just before Wagtail's catch-all, after every other
# path, since any path ending in feed/ matches; what is not a listing is not found.
listing_urlpatterns = [
    re_path(r"^(?P<path>.+)/feed/$", feeds.listing_feed, name="listing_feed"),
]
