"""Forum URLs: /forum/ and /forum/<id>-<slug>/."""

from django.urls import path

from forum import views

app_name = "forum"

urlpatterns = [
    path("", views.question_list, name="question_list"),
    path("<int:pk>-<slug:slug>/", views.question_detail, name="question_detail"),
    path("<int:pk>/", views.question_detail, name="question_detail_short"),
]
