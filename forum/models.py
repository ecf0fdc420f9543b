"""Questions that gemeenten ask each other, and their answers."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from cms.models import new_external_id
from forum.constants import Visibility
from search.types import Audience


class QuestionQuerySet(models.QuerySet):
    def visible_to(self, audience: Audience) -> "QuestionQuerySet":
        """Questions `audience` may read (accounts.selectors.audience_for decides the audience)."""
        return self.filter(visibility__in=audience.key)


class Question(ClusterableModel):
    """A question one gemeente asks the others."""

    external_id = models.CharField(_("external id"), max_length=80, unique=True, blank=True)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, blank=True)
    body = models.TextField(_("question"), help_text=_("Markdown: paragraphs, lists, links and emphasis."))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="questions"
    )
    author_name = models.CharField(_("author"), max_length=200, blank=True)
    author_organisation = models.CharField(_("author's organisation"), max_length=200, blank=True)
    municipalities = models.ManyToManyField("cms.Municipality", blank=True, related_name="questions")
    laws = models.ManyToManyField("cms.Law", blank=True, related_name="questions")
    themes = models.ManyToManyField("cms.Theme", blank=True, related_name="questions")
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    published_date = models.DateField(_("publication date"), default=timezone.localdate)
    import_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["-published_date", "-pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.title)[:100].strip("-") or "vraag"
        if not self.external_id:
            self.external_id = new_external_id("question", self.title)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("forum:question_detail", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def is_public(self) -> bool:
        return self.visibility == Visibility.PUBLIC

    def card_meta(self) -> list[str]:
        """What a card shows of the question besides its date: who asked, how many answers."""
        meta = [self.author_organisation] if self.author_organisation else []
        count = getattr(self, "answer_count", None)  # annotated by forum.selectors
        if count is not None:
            meta.append(ngettext("%(count)s answer", "%(count)s answers", count) % {"count": count})
        return meta

    def card_badges(self) -> list[dict]:
        badges = []
        if getattr(self, "has_accepted", False):
            badges.append({"text": "✓ " + str(_("Answered")), "css": "pgb-accepted"})
        if not self.is_public:
            badges.append({"text": str(_("Members only")), "css": "pgb-members"})
        return badges


class Answer(models.Model):
    """An answer to a question; at most one per question is the accepted one."""

    # A ParentalKey so that editors moderate a question and its answers on one admin screen.
    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="answers")
    body = models.TextField(_("answer"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="answers"
    )
    author_name = models.CharField(_("author"), max_length=200, blank=True)
    author_organisation = models.CharField(_("author's organisation"), max_length=200, blank=True)
    municipalities = models.ManyToManyField("cms.Municipality", blank=True, related_name="answers")
    published_date = models.DateField(_("publication date"), default=timezone.localdate)
    is_accepted = models.BooleanField(_("accepted answer"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["published_date", "pk"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["question"],
                condition=Q(is_accepted=True),
                name="forum_one_accepted_answer_per_question",
            )
        ]

    def __str__(self) -> str:
        return _("Answer to %(title)s") % {"title": self.question.title}
