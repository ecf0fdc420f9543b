"""Keep search up to date when questions or answers change, in the same transaction as the change
(so an Elasticsearch update is queued with it). The importer indexes what it wrote in bulk itself."""

from django.db.models.signals import post_delete, post_save

from forum.models import Answer, Question
from search import service as search_service


def question_saved(sender, instance, **kwargs):
    if not kwargs.get("raw") and not search_service.updates_deferred():
        search_service.index_objects([instance])


def answer_changed(sender, instance, **kwargs):
    if not kwargs.get("raw") and not search_service.updates_deferred():
        search_service.index_objects(Question.objects.filter(pk=instance.question_id))


def question_deleted(sender, instance, **kwargs):
    search_service.remove([instance.external_id])


def connect() -> None:
    post_save.connect(question_saved, sender=Question, dispatch_uid="pgb-search-question-saved")
    post_delete.connect(question_deleted, sender=Question, dispatch_uid="pgb-search-question-deleted")
    post_save.connect(answer_changed, sender=Answer, dispatch_uid="pgb-search-answer-saved")
    post_delete.connect(answer_changed, sender=Answer, dispatch_uid="pgb-search-answer-deleted")
