"""StreamField blocks for knowledge pages: rich text and the sections of a good-practice case."""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]
SECTION_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class TextBlock(blocks.RichTextBlock):
    """Free text with headings, lists, links and emphasis."""

    def __init__(self, **kwargs):
        super().__init__(features=RICH_TEXT_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Text")
        template = "cms/blocks/text.html"


class SectionBlock(blocks.StructBlock):
    """A titled section of a page ("Achtergrond", "Kosten", …)."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=200)
    text = blocks.RichTextBlock(label=_("Text"), features=SECTION_FEATURES)

    class Meta:
        icon = "doc-full"
        label = _("Section")
        template = "cms/blocks/section.html"


class ImageBlock(blocks.StructBlock):
    """A content image: its alternative text is required unless the editor marks it decorative (WCAG
    1.1.1); readers get WebP renditions at the widths their screen needs, with a JPEG fallback."""

    image = ImageChooserBlock(label=_("Image"))
    alt = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        max_length=250,
        help_text=_("What the image shows, for people who cannot see it. Not “image of …”."),
    )
    decorative = blocks.BooleanBlock(
        label=_("Decorative only"),
        required=False,
        help_text=_("Tick only when the image adds nothing to the text; screen readers then skip it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    def clean(self, value):
        value = super().clean(value)
        alt = (value.get("alt") or "").strip()
        if not alt and not value.get("decorative"):
            raise StructBlockValidationError(
                block_errors={
                    "alt": ErrorList(
                        [ValidationError(_("Describe the image, or mark it as decorative only."))]
                    )
                }
            )
        if alt and value.get("decorative"):
            raise StructBlockValidationError(
                block_errors={
                    "decorative": ErrorList(
                        [
                            ValidationError(
                                _("A decorative image has no alternative text: remove one of the two.")
                            )
                        ]
                    )
                }
            )
        return value

    class Meta:
        icon = "image"
        label = _("Image")
        template = "cms/blocks/image.html"


class CaseSectionBlock(blocks.RichTextBlock):
    """One of the four fixed parts of a good-practice case; its label is the heading readers see."""

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["heading"] = self.label
        return context


def case_section(label) -> CaseSectionBlock:
    return CaseSectionBlock(
        label=label, features=SECTION_FEATURES, template="cms/blocks/case_section.html", icon="doc-full"
    )


# The block names are the Dutch section names used in the exchange format's Markdown headings.
CASE_SECTIONS = {
    "aanleiding": _("Background"),
    "aanpak": _("Approach"),
    "resultaat": _("Result"),
    "lessen": _("Lessons learned"),
}

BODY_BLOCKS = [("text", TextBlock()), ("section", SectionBlock()), ("image", ImageBlock())]
CASE_BODY_BLOCKS = [(name, case_section(label)) for name, label in CASE_SECTIONS.items()] + BODY_BLOCKS


def new_case_body() -> list[tuple[str, str]]:
    """What a new case's body starts with in the admin: the four sections, empty and in order (an
    empty section is not shown to readers)."""
    return [(name, "") for name in CASE_SECTIONS]
