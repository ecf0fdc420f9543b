"""Exchange-format handler for forum questions with their answers."""

from cms.exchange import limits
from cms.exchange.pages import taxonomy_export
from cms.exchange.validation import shown
from forum import services
from forum.constants import Visibility
from forum.models import Question


class QuestionHandler:
    def find(self, external_id: str):
        return Question.objects.filter(external_id=external_id).first()

    def existing_ids(self, ids: list[str]) -> set[str]:
        return set(Question.objects.filter(external_id__in=ids).values_list("external_id", flat=True))

    def check(self, item, clean, checker):
        if item.get("attachments"):
            checker.error("attachments", "questions cannot have attachments")
        visibility = item.get("visibility", Visibility.PUBLIC)
        if not isinstance(visibility, str) or visibility not in Visibility.values:
            checker.error("visibility", f"must be public or members, not {shown(visibility)}")
            visibility = Visibility.PUBLIC
        answers = []
        entries = checker.list_of(item, "answers", "answers", max_items=limits.MAX_ANSWERS)
        for index, answer in enumerate(entries):
            path = f"answers[{index}]"
            if not isinstance(answer, dict):
                checker.error(path, "must be an object")
                continue
            name, organisation = checker.author(answer, f"{path}.author")
            answers.append(
                {
                    "body": checker.string(
                        answer, "body", f"{path}.body", required=True, max_len=limits.MAX_ANSWER_BODY
                    ),
                    "author_name": name,
                    "author_organisation": organisation,
                    "municipalities": checker.municipalities(answer, f"{path}.municipalities"),
                    "published_date": checker.date(answer, "published", f"{path}.published", required=True),
                    "is_accepted": checker.boolean(answer, "accepted", f"{path}.accepted"),
                }
            )
        if sum(a["is_accepted"] for a in answers) > 1:
            checker.error("answers", "at most one answer may have accepted: true")
        clean.extra = {"visibility": visibility, "answers": answers}

    def write(self, clean, existing, fingerprint, ctx):
        return services.question_save(
            question=existing,
            title=clean.title,
            body=clean.body,
            published=clean.published,
            visibility=clean.extra["visibility"],
            author_name=clean.author_name,
            author_organisation=clean.author_organisation,
            municipalities=clean.municipalities,
            laws=clean.laws,
            themes=clean.themes,
            answers=[
                services.AnswerFields(
                    body=data["body"],
                    published=data["published_date"],
                    author_name=data["author_name"],
                    author_organisation=data["author_organisation"],
                    municipalities=data["municipalities"],
                    is_accepted=data["is_accepted"],
                )
                for data in clean.extra["answers"]
            ],
            external_id=clean.id,
            import_fingerprint=fingerprint,
            batch=ctx.batch("questions", services.NewQuestions) if existing is None else None,
        )

    def export(self):
        questions = Question.objects.order_by("pk").prefetch_related(
            "municipalities", "laws", "themes", "answers__municipalities"
        )
        for question in questions.iterator(chunk_size=200):
            item = {
                "id": question.external_id,
                "type": "question",
                "title": question.title,
                "body": question.body,
                **taxonomy_export(question),
                "published": question.published_date.isoformat(),
            }
            if question.author_name or question.author_organisation:
                item["author"] = {"name": question.author_name, "organisation": question.author_organisation}
            item["visibility"] = question.visibility
            item["answers"] = [
                {
                    "body": answer.body,
                    "author": {"name": answer.author_name, "organisation": answer.author_organisation},
                    "municipalities": sorted(m.code for m in answer.municipalities.all()),
                    "published": answer.published_date.isoformat(),
                    "accepted": answer.is_accepted,
                }
                for answer in sorted(question.answers.all(), key=lambda a: (a.published_date, a.pk))
            ]
            yield question, item
