"""The platform's own account pages under /account/ (allauth's are under /accounts/)."""

from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.profile, name="profile"),
    path("gemeente/", views.official_request, name="official_request"),
    path("meldingen/", views.notification_list, name="notifications"),
    path("meldingen/<int:pk>/", views.notification_open, name="notification_open"),
    path("gegevens/", views.export, name="export"),
    path("verwijderen/", views.delete, name="delete"),
    path("afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
