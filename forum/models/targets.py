"""What votes, revisions, reports and attachments share: each is about exactly one question or answer."""

from django.db import models
from django.db.models import Q


class OnOnePost(models.Model):
    """A row about one post: `question` or `answer` is set, never both (a check constraint says so).

    The reverse names are the plural of the class: question.votes, answer.reports, question.attachments.
    """

    question = models.ForeignKey(
        "forum.Question", null=True, blank=True, on_delete=models.CASCADE, related_name="%(class)ss"
    )
    answer = models.ForeignKey(
        "forum.Answer", null=True, blank=True, on_delete=models.CASCADE, related_name="%(class)ss"
    )

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(question__isnull=False, answer__isnull=True)
                | Q(question__isnull=True, answer__isnull=False),
                name="%(app_label)s_%(class)s_on_one_post",
            )
        ]

    @staticmethod
    def on(post) -> dict:
        """Lookup (and creation) arguments for rows about `post`: {"question": q} or {"answer": a}."""
        from forum.models.questions import Question

        return {"question": post} if isinstance(post, Question) else {"answer": post}

    @property
    def post(self):
        return self.question if self.question_id else self.answer
