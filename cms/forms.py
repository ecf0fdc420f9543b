"""What every app's forms share (cms is the layer all apps build on)."""

from django.core.exceptions import ValidationError


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: per field where it names one of the form's fields,
    otherwise above the form (a plain message, or a field the form does not have)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)
