"""Explainer videos with WebVTT captions and transcripts, and policy documents around a PDF."""

from functools import cached_property

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms import formats
from cms.blocks import BODY_BLOCKS
from cms.models import IndexPage, KnowledgePage
from cms.panels import AttachmentNotesPanel
from media import external
from media.captions import parse_captions, validate_captions, validate_chapters
from media.external import ExternalVideo
from media.forms import VideoPageForm
from media.ranges import ranged_response
from media.video_files import KINDS, video_kind


def validate_external_video(value: str) -> None:
    if value and external.parse(value) is None:
        raise ValidationError(
            _("Give the address of one video on YouTube or Vimeo, such as https://www.youtube.com/watch?v=…")
        )


class VideoPage(RoutablePageMixin, KnowledgePage):
    """An explainer video (uitlegvideo) with captions and the transcript derived from them."""

    speaker = models.CharField(_("speaker"), max_length=200, blank=True)
    duration = models.PositiveIntegerField(_("duration (seconds)"), null=True, blank=True)
    video_file = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("video file"),
        help_text=_("A video file uploaded before; to add a new one, upload it above."),
    )
    external_url = models.URLField(
        _("video on YouTube or Vimeo"),
        max_length=300,
        blank=True,
        validators=[validate_external_video],
        help_text=_(
            "Instead of a file: the address of the video on YouTube or Vimeo. Visitors see a placeholder "
            "and load the video from there only when they choose to."
        ),
    )
    captions = models.TextField(
        _("captions (WebVTT)"),
        validators=[validate_captions],
        help_text=_("Captions in WebVTT format; the transcript on the page is made from them."),
    )
    chapters = models.TextField(
        _("chapters (WebVTT)"),
        blank=True,
        validators=[validate_chapters],
        help_text=_(
            "Optional: one cue per chapter, its text the chapter's title; shown as a table of contents."
        ),
    )
    poster = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("poster"),
        help_text=_(
            "The still shown before the video plays; without one, a frame of an uploaded file is used."
        ),
    )
    body = StreamField(BODY_BLOCKS, verbose_name=_("body"), blank=True)

    base_form_class = VideoPageForm
    parent_page_types = ["media.VideoIndexPage"]
    subpage_types: list[str] = []
    search_fields = KnowledgePage.search_fields + [
        index.SearchField("body_text"),
        index.SearchField("transcript"),
    ]
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("speaker"),
        MultiFieldPanel(
            [
                FieldPanel("upload"),
                FieldPanel("video_file"),
                FieldPanel("external_url"),
                FieldPanel("duration"),
                FieldPanel("poster"),
            ],
            heading=_("Video"),
        ),
        MultiFieldPanel(
            [FieldPanel("captions_upload"), FieldPanel("captions"), FieldPanel("chapters")],
            heading=_("Captions and chapters"),
        ),
        FieldPanel("body"),
        *KnowledgePage.taxonomy_panels,
    ]

    class Meta:
        verbose_name = _("explainer video")
        verbose_name_plural = _("explainer videos")

    @property
    def cues(self):
        """The captions as cues, parsed once per captions text (the page, its transcript and both
        search indexes read them)."""
        memo = self.__dict__.get("_cues")
        if memo is None or memo[0] is not self.captions:
            memo = self.__dict__["_cues"] = (self.captions, parse_captions(self.captions))
        return memo[1]

    @property
    def chapter_cues(self):
        return parse_captions(self.chapters)

    def start_at(self, request) -> int:
        """The second `?t=` asks the player to start at; 0 for a value that is not a second of this
        video (a link with a mistyped time still shows the video, from the start, as video sites do)."""
        value = request.GET.get("t", "")
        if not (value.isascii() and value.isdigit()) or len(value) > 6:
            return 0
        second = int(value)
        length = self.duration or (int(self.cues[-1].end) if self.cues else 0)
        return second if second < max(length, 1) else 0

    @cached_property
    def external(self) -> ExternalVideo | None:
        """The YouTube or Vimeo video, when there is no file of our own."""
        return None if self.video_file_id or not self.external_url else external.parse(self.external_url)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["start"] = self.start_at(request)
        if self.external:
            context["embed_url"] = self.external.embed_url(context["start"])
        return context

    def facts(self) -> list[dict]:
        rows = [{"term": _("Speaker"), "text": self.speaker}] if self.speaker else []
        if self.duration:
            rows.append({"term": _("Duration"), "text": formats.duration(self.duration)})
        return rows + super().facts()

    @property
    def transcript(self) -> str:
        return " ".join(cue.text for cue in self.cues)

    @path("bestand/")
    def video(self, request):
        """The video file, with HTTP ranges so the player can seek: served by the page, so whoever may
        see the page may play its video and nobody else."""
        if self.video_file is None:
            raise Http404
        try:
            handle = self.video_file.file.open("rb")
        except OSError:  # the file is gone from storage: as if there were none, not an error page
            raise Http404 from None
        head = handle.read(12)
        handle.seek(0)
        kind = video_kind(head) or "webm"
        response = ranged_response(
            request,
            handle,
            size=self.video_file.file.size,
            content_type=KINDS[kind],
            filename=f"{self.slug}.{kind}",
        )
        response["Cache-Control"] = "public, max-age=3600"
        return response

    # Wagtail only serves paths of word characters and slashes, so no ".vtt" in the URL.
    @path("ondertiteling/")
    def captions_file(self, request):
        response = HttpResponse(self.captions, content_type="text/vtt; charset=utf-8")
        response["Content-Disposition"] = f'inline; filename="{self.slug}.nl.vtt"'
        return response

    @path("hoofdstukken/")
    def chapters_file(self, request):
        if not self.chapters.strip():
            raise Http404
        return HttpResponse(self.chapters, content_type="text/vtt; charset=utf-8")


class DocumentPage(KnowledgePage):
    """A policy document (beleidsdocument): a page around one or more uploaded files."""

    body = StreamField(BODY_BLOCKS, verbose_name=_("body"), blank=True)

    parent_page_types = ["media.DocumentIndexPage"]
    subpage_types: list[str] = []
    search_fields = KnowledgePage.search_fields + [index.SearchField("body_text")]
    # The document file itself is required, as in the exchange format: at least one attachment.
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        AttachmentNotesPanel(),
        InlinePanel("attachments", label=_("Files"), min_num=1),
        FieldPanel("body"),
        *KnowledgePage.taxonomy_panels[:-1],
    ]

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")


class VideoIndexPage(IndexPage):
    """/video/: every explainer video."""

    listed_model = VideoPage
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["media.VideoPage"]
    template = "cms/index_page.html"

    class Meta:
        verbose_name = _("video listing")


class DocumentIndexPage(IndexPage):
    """/documenten/: every policy document."""

    listed_model = DocumentPage
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["media.DocumentPage"]
    template = "cms/index_page.html"

    class Meta:
        verbose_name = _("document listing")
