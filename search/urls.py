"""The search page and the JSON API."""

from django.urls import path

from search import views
from search.api import api

app_name = "search"

urlpatterns = [
    path("zoeken/", views.search_page, name="search"),
]

api_urlpatterns = [path("api/v1/", api.urls)]
