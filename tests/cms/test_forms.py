"""A service's ValidationError reaches the person on the form, whatever shape it has."""

from django import forms
from django.core.exceptions import ValidationError

from cms.forms import add_service_errors


class TitleForm(forms.Form):
    title = forms.CharField()


def test_field_errors_go_to_their_field_and_the_rest_above_the_form():
    form = TitleForm({"title": "Een titel"})
    assert form.is_valid()
    add_service_errors(form, ValidationError({"title": "Te kort.", "visibility": "Kies wie mag lezen."}))
    assert form.errors["title"] == ["Te kort."] and form.non_field_errors() == ["Kies wie mag lezen."]
    plain = TitleForm({"title": "Een titel"})
    plain.is_valid()
    add_service_errors(plain, ValidationError("Dit kan nu niet."))
    assert plain.non_field_errors() == ["Dit kan nu niet."] and "title" not in plain.errors
