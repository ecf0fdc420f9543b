"""What people do with posts besides writing them: "nuttig" votes, the edit history, following."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from forum.models.targets import OnOnePost


class Vote(OnOnePost):
    """One person found one question or answer useful ("nuttig"); once each, never on their own post."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_votes")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(OnOnePost.Meta):
        constraints = [
            *OnOnePost.Meta.constraints,
            models.UniqueConstraint(
                fields=["user", "question"],
                condition=Q(question__isnull=False),
                name="forum_one_vote_per_question",
            ),
            models.UniqueConstraint(
                fields=["user", "answer"], condition=Q(answer__isnull=False), name="forum_one_vote_per_answer"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.question_id or self.answer_id}"


class Revision(OnOnePost):
    """A version of a question or answer before an edit: the visible history."""

    title = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    body_html = models.TextField()
    written_at = models.DateTimeField(help_text="When this version was written (posted or last edited).")
    replaced_at = models.DateTimeField(auto_now_add=True)
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta(OnOnePost.Meta):
        ordering = ["-replaced_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.title or self.body[:40]} ({self.replaced_at:%Y-%m-%d %H:%M})"


class Follow(models.Model):
    """A person follows a question, a theme or a law and is told of what happens there."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_follows")
    question = models.ForeignKey(
        "forum.Question", null=True, blank=True, on_delete=models.CASCADE, related_name="follows"
    )
    theme = models.ForeignKey("cms.Theme", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    law = models.ForeignKey("cms.Law", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(question__isnull=False, theme__isnull=True, law__isnull=True)
                    | Q(question__isnull=True, theme__isnull=False, law__isnull=True)
                    | Q(question__isnull=True, theme__isnull=True, law__isnull=False)
                ),
                name="forum_follow_one_thing",
            ),
            models.UniqueConstraint(
                fields=["user", "question"],
                condition=Q(question__isnull=False),
                name="forum_follow_question_once",
            ),
            models.UniqueConstraint(
                fields=["user", "theme"], condition=Q(theme__isnull=False), name="forum_follow_theme_once"
            ),
            models.UniqueConstraint(
                fields=["user", "law"], condition=Q(law__isnull=False), name="forum_follow_law_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.question_id or self.theme_id or self.law_id}"
