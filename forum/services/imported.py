"""Writes of forum questions and their answers; the importer and (soon) the forum's forms call these.

Each raises ValidationError naming the field it refuses; nothing is written then. The search index
is brought up to date once, when the question and its answers are written, in the same transaction.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from cms import selectors as cms_selectors
from forum.constants import Visibility
from forum.models import Answer, Question
from search import service as search_service


@dataclass(frozen=True)
class AnswerFields:
    body: str
    published: datetime.date
    author_name: str = ""
    author_organisation: str = ""
    municipalities: Sequence[str] = ()  # CBS codes
    is_accepted: bool = False


@transaction.atomic
def question_save(
    *,
    question: Question | None,
    title: str,
    body: str,
    published: datetime.date,
    visibility: str = Visibility.PUBLIC,
    author_name: str = "",
    author_organisation: str = "",
    municipalities: Sequence[str] = (),
    laws: Sequence[str] = (),
    themes: Sequence[str] = (),
    answers: Sequence[AnswerFields] | None = None,
    external_id: str = "",
    import_fingerprint: str = "",
) -> Question:
    """Create or update a question; `answers`, when given, replace its answers (at most one accepted)."""
    if visibility not in Visibility.values:
        raise ValidationError({"visibility": f"must be one of {', '.join(Visibility.values)}"})
    if answers is not None and sum(answer.is_accepted for answer in answers) > 1:
        raise ValidationError({"answers": "at most one answer can be the accepted one"})
    tags = cms_selectors.tags_for(municipalities=municipalities, laws=laws, themes=themes)
    answer_tags = [
        cms_selectors.tags_for(municipalities=answer.municipalities, laws=(), themes=()).municipalities
        for answer in answers or ()
    ]
    deferred = search_service.updates_deferred()  # a bulk writer (the importer) indexes itself
    with search_service.defer_updates():  # forum.signals would index once per saved answer
        question = question or Question()
        if external_id:
            question.external_id = external_id
        question.title = title
        question.body = body
        question.author_name = author_name
        question.author_organisation = author_organisation
        question.visibility = visibility
        question.published_date = published
        question.import_fingerprint = import_fingerprint
        question.save()
        question.municipalities.set(tags.municipalities)
        question.laws.set(tags.laws)
        question.themes.set(tags.themes)
        if answers is not None:
            question.answers.all().delete()
            for fields, municipalities_of in zip(answers, answer_tags, strict=True):
                answer = Answer.objects.create(
                    question=question,
                    body=fields.body,
                    author_name=fields.author_name,
                    author_organisation=fields.author_organisation,
                    published_date=fields.published,
                    is_accepted=fields.is_accepted,
                )
                answer.municipalities.set(municipalities_of)
    if not deferred:  # once, with its tags and answers
        search_service.index_objects([question])
    return question
