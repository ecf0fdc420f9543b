"""Forum URLs (Dutch paths): /forum/, asking, one question, and what people do with posts."""

from django.urls import path, re_path

from forum import views

app_name = "forum"
KIND = r"(?P<kind>vraag|antwoord)"

urlpatterns = [
    path("", views.question_list, name="question_list"),
    path("vraag-stellen/", views.question_ask, name="question_ask"),
    path("vergelijkbaar/", views.similar, name="similar"),
    path("ervaringsdeskundigen/", views.expert_requests, name="expert_requests"),
    path("<int:pk>-<slug:slug>/", views.question_detail, name="question_detail"),
    path("<int:pk>/", views.question_detail, name="question_detail_short"),
    path("<int:pk>/antwoorden/", views.answer_create, name="answer_create"),
    path("<int:pk>/bewerken/", views.question_edit, name="question_edit"),
    path("<int:pk>/volgen/", views.follow, name="follow"),
    path("antwoord/<int:pk>/accepteren/", views.answer_accept, name="answer_accept"),
    path("antwoord/<int:pk>/bewerken/", views.answer_edit, name="answer_edit"),
    re_path(KIND + r"/(?P<pk>\d+)/nuttig/$", views.vote, name="vote"),
    re_path(KIND + r"/(?P<pk>\d+)/verwijderen/$", views.post_delete, name="post_delete"),
    re_path(KIND + r"/(?P<pk>\d+)/geschiedenis/$", views.history, name="history"),
    re_path(KIND + r"/(?P<pk>\d+)/melden/$", views.report, name="report"),
    path("bijlage/<int:pk>/<str:name>", views.attachment, name="attachment"),
    re_path(r"^volgen/(?P<kind>thema|wet)/(?P<slug>[-\w]+)/$", views.follow_tag, name="follow_tag"),
]
