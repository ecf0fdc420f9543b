"""Forms of accounts: the extra sign-up fields, the profile, the request to be recognised as official."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.constants import NotifyMode
from cms.models import Municipality


class SignupDetailsForm(forms.Form):
    """Asked at sign-up besides e-mail and password (allauth's ACCOUNT_SIGNUP_FORM_CLASS)."""

    first_name = forms.CharField(
        label=_("First name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )

    def signup(self, request, user) -> None:
        user.first_name = self.cleaned_data["first_name"].strip()
        user.last_name = self.cleaned_data["last_name"].strip()
        user.save(update_fields=["first_name", "last_name"])


class ProfileForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    job_title = forms.CharField(
        label=_("Function"), max_length=200, required=False, help_text=_("For example: Wmo-consulent.")
    )
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    notify_mode = forms.ChoiceField(
        label=_("How do you want to hear about what you follow?"),
        choices=NotifyMode.choices,
        widget=forms.RadioSelect,
    )


class OfficialRequestForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Gemeente"),
        queryset=Municipality.objects.order_by("name"),
        to_field_name="code",
        empty_label=_("Choose your gemeente"),
    )
    job_title = forms.CharField(label=_("Function"), max_length=200)
    motivation = forms.CharField(
        label=_("Explanation for the moderator"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example why your e-mail address is not at your gemeente's domain."),
    )


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that my account is deleted for good. My posts stay, without my name."),
    )
