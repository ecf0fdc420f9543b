"""Forms of the forum: asking, answering, editing, reporting; and the admin's moderation form."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cms.models import Law, Municipality, Theme
from forum.admin_forms import PostAdminForm
from forum.constants import ReportReason, Visibility
from forum.services.posting import BODY_MAX, TITLE_MAX


def _attachments_hint() -> str:
    return gettext(
        "PDF, PNG or JPEG, at most %(count)s files of %(max)s MB each. "
        "Never attach documents about budget holders or clients."
    ) % {"count": settings.PGB_FORUM_ATTACHMENTS_PER_POST, "max": settings.PGB_FORUM_ATTACHMENT_MAX_MB}


attachments_hint = lazy(_attachments_hint, str)  # read when shown: in the reader's language


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Zero or more files; forum.services.attachments checks what they are."""

    def __init__(self, **kwargs):
        accept = "application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg"
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": accept}))
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Attachments"))
        kwargs.setdefault("help_text", attachments_hint())
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data]
        return [super(AttachmentsField, self).clean(item, initial) for item in files if item]


MARKDOWN_HINT = _("You can use Markdown: *italic*, **bold**, lists with - and links as [text](https://…).")


class QuestionForm(forms.Form):
    title = forms.CharField(
        label=_("Your question in one sentence"),
        max_length=TITLE_MAX,
        help_text=_("For example: How do you assess whether a budget holder can manage a pgb?"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "data-pgb-similar": "title"}),
    )
    body = forms.CharField(
        label=_("Explain your question"),
        max_length=BODY_MAX,
        help_text=format_lazy(
            "{} {}",
            _("What have you tried, what do you run into? Never name budget holders or clients."),
            MARKDOWN_HINT,
        ),
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    laws = forms.ModelMultipleChoiceField(
        label=_("Laws"),
        queryset=Law.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    municipality = forms.ModelChoiceField(
        label=_("Gemeente"),
        queryset=Municipality.objects.order_by("name"),
        to_field_name="code",
        required=False,
        empty_label=_("No gemeente"),
        help_text=_("The gemeente this question is about; yours unless you choose another."),
    )
    visibility = forms.ChoiceField(
        label=_("Who may read the question?"),
        choices=[
            (Visibility.PUBLIC, _("Everyone (public)")),
            (Visibility.MEMBERS, _("Only officials of gemeenten and Per Saldo (closed)")),
        ],
        initial=Visibility.PUBLIC,
        widget=forms.RadioSelect,
    )
    expert_requested = forms.BooleanField(
        label=_("Ask Per Saldo to think along"),
        required=False,
        help_text=_(
            "Per Saldo's experience experts are told of your question and answer it from the "
            "budget holder's point of view."
        ),
    )
    attachments = AttachmentsField()


class AnswerForm(forms.Form):
    body = forms.CharField(
        label=_("Your answer"),
        max_length=BODY_MAX,
        help_text=MARKDOWN_HINT,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    attachments = AttachmentsField()


class QuestionEditForm(forms.Form):
    title = QuestionForm.base_fields["title"]
    body = QuestionForm.base_fields["body"]


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong with it?"), choices=ReportReason.choices, widget=forms.RadioSelect
    )
    explanation = forms.CharField(
        label=_("Explanation for the moderators"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class QuestionAdminForm(PostAdminForm):
    """The question's body with the rich-text editor; a second accepted answer is refused with a clear
    message instead of a database error."""

    def clean(self):
        cleaned = super().clean()
        answers = self.formsets.get("answers") if hasattr(self, "formsets") else None
        if answers is not None:
            accepted = [
                form
                for form in answers.forms
                if form.is_valid()
                and form.cleaned_data.get("is_accepted")
                and not form.cleaned_data.get("DELETE")
            ]
            if len(accepted) > 1:
                raise ValidationError(gettext("Only one answer can be the accepted answer."))
        return cleaned
