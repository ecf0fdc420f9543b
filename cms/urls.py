"""Browse pages by theme, law and municipality (Dutch paths)."""

from django.urls import path

from cms import views

app_name = "cms"

urlpatterns = [
    path("thema/", views.theme_list, name="theme_list"),
    path("thema/<slug:slug>/", views.theme_detail, name="theme_detail"),
    path("wet/", views.law_list, name="law_list"),
    path("wet/<slug:slug>/", views.law_detail, name="law_detail"),
    path("gemeente/", views.municipality_list, name="municipality_list"),
    path("gemeente/<slug:slug>/", views.municipality_detail, name="municipality_detail"),
]
