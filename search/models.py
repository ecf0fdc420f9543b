"""Editor-managed search vocabulary: synonym and abbreviation rules."""

import datetime
import functools
import uuid

from django.core.exceptions import ValidationError
from django.db import connection, models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from search.synonyms import Rule, RuleError, SynonymMap, parse_rule
from search.types import AttachmentPage, CaptionCue, SearchDocument


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
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

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


def active_synonym_rules() -> list[tuple[str, Rule]]:
    """(text, parsed rule) of the rules in force, as editors wrote them; malformed ones left out."""
    return list(_parsed(_active_rule_texts()))


def active_synonym_map() -> SynonymMap:
    """The rules in force as a SynonymMap, read fresh so an editor's change applies at once (the
    rules' texts are read every time; parsing them again only when they differ)."""
    return _synonym_map(_active_rule_texts())


def _active_rule_texts() -> tuple[str, ...]:
    # Read by every search: plain SQL, since building the ORM's query took longer than the read.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT rule FROM {Synonym._meta.db_table} WHERE active = %s ORDER BY id", [True])  # nosec B608 # our table and column names; values are bound parameters
        return tuple(row[0] for row in cursor.fetchall())


@functools.lru_cache(maxsize=4)
def _parsed(texts: tuple[str, ...]) -> tuple[tuple[str, Rule], ...]:
    rules = []
    for text in texts:
        try:
            rule = parse_rule(text)
        except RuleError:
            continue  # the admin refuses malformed rules; one slipped in by hand is ignored, not fatal
        if rule:
            rules.append((text, rule))
    return tuple(rules)


@functools.lru_cache(maxsize=4)
def _synonym_map(texts: tuple[str, ...]) -> SynonymMap:
    return SynonymMap([rule for _text, rule in _parsed(texts)])


class SearchEntry(models.Model):
    """One searchable item as the database backends store it: analysed terms plus what filters need.

    The full-text index over the *_terms columns is engine-specific (migrations 0004, 0007, 0009):
    an FTS5 table per visibility on SQLite, weighted tsvector columns with GIN indexes on PostgreSQL.
    """

    doc_id = models.CharField(max_length=80, unique=True)
    type = models.CharField(max_length=20, db_index=True)
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    published = models.DateField()
    year = models.PositiveSmallIntegerField(db_index=True, default=0)
    visibility = models.CharField(max_length=10, db_index=True)  # search.types.Visibility
    municipalities = models.JSONField(default=list)  # [[CBS code, name, province], ...]
    laws = models.JSONField(default=list)
    themes = models.JSONField(default=list)
    # What snippets are cut from: [{"kind": "body"|"cue"|"page", "text", "start"?, "page"?, "title"?}]
    passages = models.JSONField(default=list)
    updated_at = models.DateTimeField(auto_now=True)
    title_terms = models.TextField(blank=True)
    summary_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    boost = models.FloatField(default=1.0)  # search.types.SearchDocument.boost

    class Meta:
        verbose_name = "search entry"
        verbose_name_plural = "search entries"

    def __str__(self) -> str:
        return self.doc_id

    def to_document(self) -> SearchDocument:
        """The SearchDocument this entry was made from (what a secondary engine such as Elasticsearch indexes)."""
        body = " ".join(p["text"] for p in self.passages if p["kind"] == "body")
        return SearchDocument(
            id=self.doc_id,
            type=self.type,
            title=self.title,
            summary=self.summary,
            body=body,
            url=self.url,
            published=self.published,
            visibility=self.visibility,
            municipalities=tuple(tuple(m) for m in self.municipalities),
            laws=tuple(self.laws),
            themes=tuple(self.themes),
            boost=self.boost,
            cues=tuple(
                CaptionCue(start=p["start"], text=p["text"]) for p in self.passages if p["kind"] == "cue"
            ),
            pages=tuple(
                AttachmentPage(title=p.get("title", ""), page=p["page"], text=p["text"], url=p.get("url", ""))
                for p in self.passages
                if p["kind"] == "page"
            ),
        )


class SearchIndexState(models.Model):
    """A token that changes with every write to the index, in the same transaction.

    Processes keep an in-memory snapshot of the index's filter values (search.backends.database.snapshot)
    and rebuild it when the token differs. A random token, not a counter: a rolled-back write restores
    the old token, and no later write can produce it again.
    """

    token = models.CharField(max_length=32)
    # While a secondary engine (Elasticsearch) is rebuilt, queued updates wait and then apply to the
    # new index: applied to the old one, they would be lost at the swap.
    rebuild_started_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "search index state"

    def __str__(self) -> str:
        return self.token

    REBUILD_STALE_AFTER = datetime.timedelta(hours=6)  # a rebuild killed midway stops holding the queue

    @classmethod
    def mark_rebuild(cls, *, running: bool) -> None:
        started = timezone.now() if running else None
        if not cls.objects.filter(pk=1).update(rebuild_started_at=started):
            cls.objects.create(pk=1, token=uuid.uuid4().hex, rebuild_started_at=started)

    @classmethod
    def rebuild_running(cls) -> bool:
        started = cls.objects.filter(pk=1).values_list("rebuild_started_at", flat=True).first()
        return bool(started) and timezone.now() - started < cls.REBUILD_STALE_AFTER


class SearchFacet(models.Model):
    """One filter value of an entry for the multi-valued filters (theme, law, municipality, province).

    A row per value lets the database count facets and filter with an index instead of parsing JSON.
    """

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="facets")
    field = models.CharField(max_length=20)
    value = models.CharField(max_length=100)

    class Meta:
        indexes = [models.Index(fields=["field", "value", "entry"], name="search_facet_lookup")]

    def __str__(self) -> str:
        return f"{self.field}={self.value}"


class QueryStat(models.Model):
    """How often a query was searched on a day and how often it found nothing: no user, IP or session."""

    day = models.DateField()
    query = models.CharField(max_length=200)
    searches = models.PositiveIntegerField(default=0)
    zero_results = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "query"], name="search_querystat_day_query")]
        verbose_name = _("search query")
        verbose_name_plural = _("search queries")

    def __str__(self) -> str:
        return self.query


class Promotion(models.Model):
    """An editor's chosen result, shown first for a query."""

    query = models.CharField(
        _("search term"),
        max_length=200,
        help_text=_(
            "Shown first when a visitor searches for exactly these words (case and accents ignored)."
        ),
    )
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["query", "sort_order"]
        verbose_name = _("promoted result")
        verbose_name_plural = _("promoted results")

    def __str__(self) -> str:
        return f"{self.query} → {self.page.title}"

    def save(self, *args, **kwargs):
        from search.synonyms import normalise

        self.query = normalise(self.query)
        super().save(*args, **kwargs)

    @classmethod
    def exists_for(cls, query: str) -> bool:
        """Whether editors promoted anything for this normalised query: asked by every search, in
        plain SQL (building the ORM's query took longer than the read), and nearly always no."""
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT 1 FROM {cls._meta.db_table} WHERE query = %s LIMIT 1", [query])  # nosec B608 # our table and column names; values are bound parameters
            return cursor.fetchone() is not None
