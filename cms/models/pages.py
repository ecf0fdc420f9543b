"""Wagtail page types: the home page, plain pages, listings and the knowledge pages they list."""

import secrets

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import SimpleLazyObject
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from cms.blocks import BODY_BLOCKS, CASE_BODY_BLOCKS, new_case_body
from cms.constants import CaseStatus
from cms.panels import AttachmentNotesPanel
from cms.text import stream_text
from cms.widgets import taxonomy_fields

# Content nobody checked for longer than this tells readers it may be out of date (issue 11).
STALE_AFTER_DAYS = 2 * 365


def new_external_id(prefix: str, title: str) -> str:
    """A fresh id in the exchange format's alphabet: `<type>-<slug of title>-<random>`."""
    stem = slugify(title)[:50].strip("-") or "item"
    return f"{prefix}-{stem}-{secrets.token_hex(3)}"


class KnowledgePage(Page):
    """Shared fields of every published knowledge item (case, video, article, document).

    Concrete, so that browse pages list all types with one query; editors never create it directly.
    """

    external_id = models.CharField(
        _("external id"),
        max_length=80,
        unique=True,
        blank=True,
        help_text=_("Stable id used by import, export and the API; filled in automatically."),
    )
    summary = models.TextField(
        _("summary"), help_text=_("One to three sentences shown in lists and search results.")
    )
    published_date = models.DateField(_("publication date"), default=timezone.localdate)
    last_reviewed = models.DateField(
        _("last reviewed"),
        null=True,
        blank=True,
        help_text=_("When an editor last checked that this is still correct."),
    )
    author_name = models.CharField(_("author"), max_length=200, blank=True)
    author_organisation = models.CharField(_("author's organisation"), max_length=200, blank=True)
    municipalities = ParentalManyToManyField(
        "cms.Municipality", blank=True, related_name="pages", verbose_name=_("municipalities")
    )
    laws = ParentalManyToManyField("cms.Law", blank=True, related_name="pages", verbose_name=_("laws"))
    themes = ParentalManyToManyField("cms.Theme", blank=True, related_name="pages", verbose_name=_("themes"))

    # What a bulk writer prefetches for a chunk of pages before their revisions and indexes are written.
    bulk_prefetch = ("municipalities", "laws", "themes", "attachments__document", "wagtail_admin_comments")
    # Fingerprint of the exchange-format item this page was last imported from: re-importing an
    # unchanged item is then a no-op, as the format requires.
    import_fingerprint = models.CharField(max_length=64, blank=True, editable=False)

    is_creatable = False
    exclude_fields_in_copy = ["external_id", "import_fingerprint"]

    taxonomy_panels = [
        MultiFieldPanel(
            taxonomy_fields(),
            heading=_("Tagging"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("published_date"),
                FieldPanel("last_reviewed"),
                FieldPanel("author_name"),
                FieldPanel("author_organisation"),
                FieldPanel("external_id", read_only=True),
            ],
            heading=_("Publication"),
        ),
        AttachmentNotesPanel(),
        InlinePanel("attachments", label=_("Attachments")),
    ]

    search_fields = Page.search_fields + [index.SearchField("summary")]

    class Meta:
        verbose_name = _("knowledge item")
        verbose_name_plural = _("knowledge items")

    def save(self, *args, **kwargs):
        if not self.external_id:
            self.external_id = new_external_id(self.content_type_key, self.title)
        return super().save(*args, **kwargs)

    @property
    def content_type_key(self) -> str:
        """The exchange format's `type` of this page (its registered content type's key)."""
        from cms import content_types

        content_type = content_types.for_model(type(self)) or content_types.for_model(self.specific_class)
        return content_type.key

    def body_text(self) -> str:
        """The body's readable text, as both search indexes read it: worked out once per body value
        (Wagtail's admin index asks for each of its search fields three times per page)."""
        body = getattr(self, "body", None)
        if body is None:
            return ""
        memo = self.__dict__.get("_body_text")
        if memo is None or memo[0] is not body:
            memo = self.__dict__["_body_text"] = (body, stream_text(body))
        return memo[1]

    @property
    def reviewed_on(self):
        """The date readers see as 'last checked': the review date, or else the publication date."""
        return self.last_reviewed or self.published_date

    def possibly_outdated(self, today=None) -> bool:
        """Nobody checked this for more than STALE_AFTER_DAYS: readers are told it may be out of date."""
        today = today or timezone.localdate()
        return bool(self.reviewed_on) and (today - self.reviewed_on).days > STALE_AFTER_DAYS

    def facts(self) -> list[dict]:
        """The rows of the page's 'Gegevens' panel: {term, text, datetime (ISO, for dates)}.

        Types add their own rows in front (a video: speaker and duration).
        """
        rows = [
            _date_fact(_("Published"), self.published_date),
            _date_fact(_("Last reviewed"), self.reviewed_on),
        ]
        if self.author_name:
            author = ", ".join(p for p in (self.author_name, self.author_organisation) if p)
            rows.append({"term": _("Author"), "text": author})
        return rows


def _date_fact(term, day) -> dict:
    return {"term": term, "text": date_format(day, "j F Y"), "datetime": day.isoformat()}


class KnowledgePageAttachment(Orderable):
    """A file (usually a PDF) attached to a knowledge page; its text is searchable."""

    page = ParentalKey(KnowledgePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.PROTECT, related_name="+", verbose_name=_("file")
    )
    title = models.CharField(
        _("title"), max_length=255, blank=True, help_text=_("Defaults to the file's title.")
    )

    panels = [FieldPanel("document"), FieldPanel("title")]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.title or self.document.title


class CasePage(KnowledgePage):
    """A good practice (goed voorbeeld) from one or more gemeenten."""

    status = models.CharField(_("status"), max_length=20, choices=CaseStatus.choices, blank=True)
    body = StreamField(CASE_BODY_BLOCKS, verbose_name=_("body"), blank=True, default=new_case_body)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_role = models.CharField(_("contact's role"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact's e-mail address"), blank=True)

    parent_page_types = ["cms.CaseIndexPage"]
    subpage_types: list[str] = []
    search_fields = KnowledgePage.search_fields + [index.SearchField("body_text")]
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("status"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_role"), FieldPanel("contact_email")],
            heading=_("Contact"),
        ),
        *KnowledgePage.taxonomy_panels,
    ]

    class Meta:
        verbose_name = _("good-practice case")
        verbose_name_plural = _("good-practice cases")


class ArticlePage(KnowledgePage):
    """News or background (nieuws/achtergrond)."""

    body = StreamField(BODY_BLOCKS, verbose_name=_("body"), blank=True)

    parent_page_types = ["cms.ArticleIndexPage"]
    subpage_types: list[str] = []
    search_fields = KnowledgePage.search_fields + [index.SearchField("body_text")]
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        *KnowledgePage.taxonomy_panels,
    ]

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")


class IndexPage(Page):
    """A listing of one type of knowledge page: a browse page (cms.browse) of everything of that type,
    newest first, with the search page's filters."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    content_panels = Page.content_panels + [FieldPanel("intro")]
    listed_model: type[KnowledgePage] = KnowledgePage
    max_count = 1

    class Meta:
        abstract = True

    def browse_scope(self):
        from cms import browse, content_types

        content_type = content_types.for_model(self.listed_model)
        label = _("Search within %(listing)s") % {"listing": str(content_type.plural).lower()}
        return browse.scope("type", content_type.key, label=label)

    def get_context(self, request, *args, **kwargs):
        from cms import browse

        context = super().get_context(request, *args, **kwargs)
        listing = browse.run(request, self.browse_scope())
        context.update(listing.context, browse_status=listing.status)
        return context

    def serve(self, request, *args, **kwargs):
        """As Wagtail serves a page, with the browse page's status: 400 for a parameter that cannot be
        used, 404 for a page beyond the last."""
        response = super().serve(request, *args, **kwargs)
        response.status_code = response.context_data.get("browse_status", 200)
        return response


class CaseIndexPage(IndexPage):
    """/goede-voorbeelden/: every good-practice case."""

    listed_model = CasePage
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.CasePage"]
    template = "cms/index_page.html"

    class Meta:
        verbose_name = _("case listing")


class ArticleIndexPage(IndexPage):
    """/nieuws/: every article."""

    listed_model = ArticlePage
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ArticlePage"]
    template = "cms/index_page.html"

    class Meta:
        verbose_name = _("article listing")


class StandardPage(Page):
    """A plain content page (toegankelijkheid, privacy, over het platform)."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BODY_BLOCKS, verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("standard page")


class HomePage(Page):
    """The site's front page: what the platform is, the latest content and ways to browse."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BODY_BLOCKS, verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from cms import selectors

        context = super().get_context(request, *args, **kwargs)
        # Read only when the template renders the sections (not when it has them from the cache).
        context["home"] = SimpleLazyObject(lambda: selectors.home_context(audience=request.audience))
        return context
