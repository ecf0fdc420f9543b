"""How forum questions, with their answers, become search documents; members-only ones keep that audience."""

from collections.abc import Iterator

from forum.constants import Status
from forum.models import Question
from search.types import SearchDocument

# A question with an accepted answer ranks this much higher than one that matches the query as well but
# has none: an accepted answer is what a searching official is most likely to be helped by.
ACCEPTED_BOOST = 1.25


class QuestionDocuments:
    name = "question"

    def documents(self) -> Iterator[SearchDocument]:
        questions = (
            Question.objects.filter(status=Status.PUBLISHED, deleted_at__isnull=True)
            .prefetch_related("municipalities", "laws", "themes", "answers")
            .order_by("pk")
        )
        for question in questions.iterator(chunk_size=200):
            yield self.question_document(question)

    def document_for(self, obj) -> SearchDocument | None:
        if not isinstance(obj, Question) or obj.status != Status.PUBLISHED or obj.deleted_at is not None:
            return None  # pending, hidden or deleted: out of the index
        return self.question_document(obj)

    @staticmethod
    def question_document(question: Question) -> SearchDocument:
        shown = [
            answer
            for answer in question.answers.all()
            if answer.status == Status.PUBLISHED and answer.deleted_at is None
        ]
        answers = [answer.body for answer in shown]
        return SearchDocument(
            id=question.external_id,
            type="question",
            title=question.title,
            summary=question.body[:300],
            body="\n\n".join([question.body, *answers]),
            url=question.get_absolute_url(),
            published=question.published_date,
            visibility=question.visibility,
            municipalities=tuple((m.code, m.label, m.province) for m in question.municipalities.all()),
            laws=tuple(law.slug for law in question.laws.all()),
            themes=tuple(theme.slug for theme in question.themes.all()),
            boost=ACCEPTED_BOOST if any(answer.is_accepted for answer in shown) else 1.0,
        )
