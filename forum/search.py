"""How forum questions, with their answers, become search documents; members-only ones keep that audience."""

from collections.abc import Iterator

from forum.models import Question
from search.types import SearchDocument


class QuestionDocuments:
    name = "question"

    def documents(self) -> Iterator[SearchDocument]:
        questions = Question.objects.prefetch_related("municipalities", "laws", "themes", "answers").order_by(
            "pk"
        )
        for question in questions.iterator(chunk_size=200):
            yield self.question_document(question)

    def document_for(self, obj) -> SearchDocument | None:
        return self.question_document(obj) if isinstance(obj, Question) else None

    @staticmethod
    def question_document(question: Question) -> SearchDocument:
        answers = [answer.body for answer in question.answers.all()]
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
        )
