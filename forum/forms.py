"""Admin form for moderating a question with its answers."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm


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
