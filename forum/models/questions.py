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
from cms.text import render_markdown
from forum.constants import AuthorRole, Status, Visibility
from search.types import Audience


class QuestionQuerySet(models.QuerySet):
    def visible_to(self, audience: Audience) -> "QuestionQuerySet":
        """Questions `audience` may read (accounts.selectors.audience_for decides the audience):
        published ones of a visibility the audience has; pending, hidden and deleted ones for nobody."""
        return self.filter(visibility__in=audience.key, status=Status.PUBLISHED, deleted_at__isnull=True)


class AnswerQuerySet(models.QuerySet):
    def shown(self) -> "AnswerQuerySet":
        """Answers anyone who may read the question sees (published, not deleted)."""
        return self.filter(status=Status.PUBLISHED, deleted_at__isnull=True)


class Post(models.Model):
    """What a question and an answer share: a Markdown body stored rendered, an author who may be
    gone, moderation state, soft deletion and an edit time."""

    body_html = models.TextField(editable=False, blank=True)
    author_role = models.CharField(
        _("author's role"), max_length=20, choices=AuthorRole.choices, blank=True, editable=False
    )
    author_municipality = models.ForeignKey(
        "cms.Municipality", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PUBLISHED)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True, editable=False)
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True, editable=False)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.fill_derived_fields()
        if kwargs.get("update_fields") is not None and "body" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "body_html"}
        super().save(*args, **kwargs)

    def fill_derived_fields(self) -> None:
        """What save() computes from the other fields (also for rows written in bulk)."""
        self.body_html = render_markdown(self.body, shift_headings=2)

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def byline(self) -> str:
        """Who wrote it, as shown: a name, "voormalig lid" once their account is gone, or the imported name."""
        if self.author_id:
            return self.author.display_name
        if self.author_name:
            return self.author_name
        return str(_("former member")) if self.author_role else str(_("Anonymous"))

    @property
    def badge(self) -> str:
        """ "Gemeente Utrecht", "Ervaringsdeskundige Per Saldo", …: what the author was when posting."""
        if self.author_role == AuthorRole.OFFICIAL and self.author_municipality_id:
            return _("Gemeente %(name)s") % {"name": self.author_municipality.label}
        if self.author_role == AuthorRole.EXPERT:
            return str(_("Experience expert Per Saldo"))
        if self.author_role in (AuthorRole.EDITOR, AuthorRole.MODERATOR):
            return str(_("Per Saldo"))
        return self.author_organisation


class Question(Post, ClusterableModel):
    """A question one gemeente asks the others."""

    url_kind = "vraag"  # how addresses name the kind of post: /forum/vraag/<pk>/…, "vraag-<pk>" keys
    # What a bulk writer prefetches for a chunk of questions before their indexes are written.
    bulk_prefetch = ("municipalities", "laws", "themes", "answers__municipalities")

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
    is_locked = models.BooleanField(
        _("locked"), default=False, help_text=_("A locked question takes no new answers.")
    )
    # "Vraag Per Saldo mee te denken": the experts are asked; answered once one of them answers.
    expert_requested = models.BooleanField(_("Per Saldo asked to think along"), default=False)
    expert_answered_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_activity_at = models.DateTimeField(default=timezone.now, db_index=True, editable=False)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["-published_date", "-pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("forum:question_detail", kwargs={"pk": self.pk, "slug": self.slug})

    def fill_derived_fields(self) -> None:
        super().fill_derived_fields()
        if not self.slug:
            self.slug = slugify(self.title)[:100].strip("-") or "vraag"
        if not self.external_id:
            self.external_id = new_external_id("question", self.title)

    @property
    def is_public(self) -> bool:
        return self.visibility == Visibility.PUBLIC

    @property
    def awaits_expert(self) -> bool:
        return self.expert_requested and self.expert_answered_at is None

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
        if self.awaits_expert:
            badges.append({"text": str(_("Waiting for an experience expert")), "css": "pgb-awaits-expert"})
        return badges


class Answer(Post):
    """An answer to a question; at most one per question is the accepted one."""

    url_kind = "antwoord"

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

    objects = AnswerQuerySet.as_manager()

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

    def get_absolute_url(self) -> str:
        return f"{self.question.get_absolute_url()}#antwoord-{self.pk}"

    @property
    def is_by_expert(self) -> bool:
        return self.author_role == AuthorRole.EXPERT
