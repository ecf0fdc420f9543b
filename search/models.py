"""Editor-managed search vocabulary: synonym and abbreviation rules."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from search.synonyms import RuleError, parse_rule


class Synonym(models.Model):
    """One synonym rule, e.g. `pgb, persoonsgebonden budget` or `mantelzorg => mantelzorg, informele zorg`."""

    rule = models.CharField(
        _("rule"),
        max_length=500,
        unique=True,
        help_text=_(
            "Terms separated by commas are treated as the same word in search. "
            "With 'a => a, b' the term a also finds b, but b does not find a."
        ),
    )
    active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["rule"]
        verbose_name = _("synonym")
        verbose_name_plural = _("synonyms")

    def __str__(self) -> str:
        return self.rule

    def clean(self) -> None:
        self.rule = " ".join(self.rule.split())
        try:
            if parse_rule(self.rule) is None:
                raise RuleError("empty")
        except RuleError as exc:
            raise ValidationError(
                {
                    "rule": _("Write terms separated by commas, optionally with '=>': %(error)s")
                    % {"error": exc}
                }
            ) from exc


class SearchEntry(models.Model):
    """One searchable item as the database backends store it: analysed terms plus what filters need.

    The full-text index over the *_terms columns is engine-specific and made by migration 0004:
    an FTS5 table on SQLite, a weighted tsvector column with a GIN index on PostgreSQL.
    """

    doc_id = models.CharField(max_length=80, unique=True)
    type = models.CharField(max_length=20, db_index=True)
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    published = models.DateField()
    audience = models.CharField(max_length=10, db_index=True)
    municipalities = models.JSONField(default=list)
    laws = models.JSONField(default=list)
    themes = models.JSONField(default=list)
    title_terms = models.TextField(blank=True)
    summary_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)

    class Meta:
        verbose_name = "search entry"
        verbose_name_plural = "search entries"

    def __str__(self) -> str:
        return self.doc_id
