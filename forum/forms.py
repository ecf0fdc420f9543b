"""Forms of the forum: asking, answering, editing, reporting; and the admin's moderation form."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from wagtail.admin.forms import WagtailAdminModelForm

from cms.models import Law, Municipality, Theme
from forum.constants import ReportReason, Visibility
from forum.services.posting import BODY_MAX, TITLE_MAX

MARKDOWN_HINT = _lazy(
    "You can use Markdown: *italic*, **bold**, lists with - and links as [text](https://…)."
)


class QuestionForm(forms.Form):
    title = forms.CharField(
        label=_lazy("Your question in one sentence"),
        max_length=TITLE_MAX,
        help_text=_lazy("For example: How do you assess whether a budget holder can manage a pgb?"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "data-pgb-similar": "title"}),
    )
    body = forms.CharField(
        label=_lazy("Explain your question"),
        max_length=BODY_MAX,
        help_text=_lazy("What have you tried, what do you run into? Never name budget holders or clients. ")
        + MARKDOWN_HINT,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_lazy("Themes"),
        queryset=Theme.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    laws = forms.ModelMultipleChoiceField(
        label=_lazy("Laws"),
        queryset=Law.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    municipality = forms.ModelChoiceField(
        label=_lazy("Gemeente"),
        queryset=Municipality.objects.order_by("name"),
        to_field_name="code",
        required=False,
        empty_label=_lazy("No gemeente"),
        help_text=_lazy("The gemeente this question is about; yours unless you choose another."),
    )
    visibility = forms.ChoiceField(
        label=_lazy("Who may read the question?"),
        choices=[
            (Visibility.PUBLIC, _lazy("Everyone (public)")),
            (Visibility.MEMBERS, _lazy("Only officials of gemeenten and Per Saldo (closed)")),
        ],
        initial=Visibility.PUBLIC,
        widget=forms.RadioSelect,
    )
    expert_requested = forms.BooleanField(
        label=_lazy("Ask Per Saldo to think along"),
        required=False,
        help_text=_lazy(
            "Per Saldo's experience experts are told of your question and answer it from the "
            "budget holder's point of view."
        ),
    )


class AnswerForm(forms.Form):
    body = forms.CharField(
        label=_lazy("Your answer"),
        max_length=BODY_MAX,
        help_text=MARKDOWN_HINT,
        widget=forms.Textarea(attrs={"rows": 8}),
    )


class QuestionEditForm(forms.Form):
    title = QuestionForm.base_fields["title"]
    body = QuestionForm.base_fields["body"]


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_lazy("What is wrong with it?"), choices=ReportReason.choices, widget=forms.RadioSelect
    )
    explanation = forms.CharField(
        label=_lazy("Explanation for the moderators"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class QuestionAdminForm(WagtailAdminModelForm):
    """Refuses a second accepted answer with a clear message instead of a database error."""

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
                raise ValidationError(_("Only one answer can be the accepted answer."))
        return cleaned
