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
from cms.bulk import TAG_FIELDS, hold_prefetched, link
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


class NewQuestions:
    """New questions with their answers, waiting to be written together (the importer's bulk writer,
    as cms.bulk for pages): one INSERT for the questions, one per kind of tag relation, one for the
    answers and one for their gemeenten, instead of a dozen queries per question."""

    def __init__(self):
        self.pending: list[tuple[Question, object, list[tuple[Answer, list]]]] = []

    def add(self, question: Question, tags, answers: list[tuple[Answer, list]]) -> None:
        question.fill_derived_fields()
        for answer, _municipalities in answers:
            answer.fill_derived_fields()
        self.pending.append((question, tags, answers))

    def write(self) -> list[Question]:
        if not self.pending:
            return []
        questions = Question.objects.bulk_create([question for question, _tags, _answers in self.pending])
        for name in TAG_FIELDS:
            link(Question, name, [(q, getattr(tags, name)) for q, tags, _answers in self.pending])
        answers = []
        for question, _tags, pairs in self.pending:
            for answer, _municipalities in pairs:
                answer.question = question
                answers.append(answer)
        Answer.objects.bulk_create(answers)
        link(Answer, "municipalities", [pair for _q, _tags, pairs in self.pending for pair in pairs])
        # What was just written, as a prefetch would leave it (Question.bulk_prefetch): the search index
        # reads it from memory.
        # (Tags come in database order, cms.selectors.tags_for; answers as Answer.Meta.ordering reads them.)
        for question, tags, pairs in self.pending:
            for name in TAG_FIELDS:
                hold_prefetched(question, name, getattr(tags, name))
            answers = sorted((answer for answer, _m in pairs), key=lambda a: (a.published_date, a.pk))
            question._cluster_related_objects = {"answers": answers}
            for answer, municipalities in pairs:
                hold_prefetched(answer, "municipalities", municipalities)
        self.pending.clear()
        return questions


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
    batch: NewQuestions | None = None,
) -> Question:
    """Create or update a question; `answers`, when given, replace its answers (at most one accepted).

    With `batch`, a new question (and its answers) is written later with the rest of the batch, inside
    the caller's transaction (no savepoint per question)."""
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
    if batch is not None and question.pk is None:
        pairs = zip(answers or (), answer_tags, strict=True)
        batch.add(question, tags, [(_answer(fields), tags_of) for fields, tags_of in pairs])
        return question
    # forum.signals would index once per saved answer
    with transaction.atomic(), search_service.defer_updates():
        question.save()
        question.municipalities.set(tags.municipalities)
        question.laws.set(tags.laws)
        question.themes.set(tags.themes)
        if answers is not None:
            question.answers.all().delete()
            for fields, municipalities_of in zip(answers, answer_tags, strict=True):
                answer = _answer(fields)
                answer.question = question
                answer.save()
                answer.municipalities.set(municipalities_of)
        if not deferred:  # once, with its tags and answers, in the same transaction
            search_service.index_objects([question])
    return question


def _answer(fields: AnswerFields) -> Answer:
    return Answer(
        body=fields.body,
        author_name=fields.author_name,
        author_organisation=fields.author_organisation,
        published_date=fields.published,
        is_accepted=fields.is_accepted,
    )
