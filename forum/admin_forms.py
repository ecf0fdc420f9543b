"""The forum in the admin: questions and answers edited with the pages' rich-text editor (Draftail).

A post's body is Markdown (what members write on the site) stored with its rendered, sanitised HTML.
In the admin the editor shows that HTML; what it sends back is sanitised, turned into Markdown
(markdownify) and saved, so the model renders and sanitises it once more: the forum shows exactly
what the editor wrote, and a member editing the post later still gets Markdown.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from markdownify import markdownify
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import InlinePanel
from wagtail.admin.rich_text import DraftailRichTextArea
from wagtail.rich_text import expand_db_html

from cms.text import render_markdown, sanitize_html

# What the forum renders: headings under the question's own (h3, h4), emphasis, lists, links, quotes.
FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "blockquote"]
SHIFT = 2  # the forum renders Markdown's `#` as h3 (forum.models.Post.save)


def markdown_from_html(html: str) -> str:
    """Markdown for the editor's HTML: internal links made real, sanitised, headings shifted back."""
    clean = sanitize_html(expand_db_html(html or ""), link_rel=None)
    for level in range(1 + SHIFT, 7):
        clean = re.sub(rf"<(/?)h{level}>", rf"<\g<1>h{level - SHIFT}>", clean)
    return markdownify(clean, heading_style="ATX", bullets="-", escape_underscores=False).strip()


class RichMarkdownField(forms.CharField):
    """A Markdown body edited as rich text; cleans to Markdown."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", DraftailRichTextArea(features=FEATURES))
        super().__init__(**kwargs)

    def clean(self, value):
        text = markdown_from_html(value)
        if self.required and not text:
            raise ValidationError(gettext("Write the text of the post."))
        return super().clean(text)


class PostAdminForm(WagtailAdminModelForm):
    """Shows a stored post's Markdown as the HTML the forum renders, for the editor to work on."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Made here, not declared: the editor widget reads Wagtail's hooks, not ready at import time.
        self.fields["body"] = RichMarkdownField(
            label=self.instance._meta.get_field("body").verbose_name.capitalize()
        )
        if self.instance.pk and not self.is_bound:
            self.initial["body"] = render_markdown(self.instance.body, shift_headings=SHIFT)


class AnswersPanel(InlinePanel):
    """The question's answers, each with the same editor."""

    def get_form_options(self):
        options = super().get_form_options()
        options["formsets"][self.relation_name].setdefault("form", PostAdminForm)
        return options
