"""Form fields the accessible way (components/form_field.html): label, hint and errors tied to the input."""

from django import template

register = template.Library()


def describedby(field) -> str:
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}_hint")
    if field.errors:
        ids.append(f"{field.auto_id}_error")
    return " ".join(ids)


@register.filter
def described_by(field) -> str:
    return describedby(field)


@register.filter
def widget(field):
    """The input of a bound field with aria-describedby (hint, errors) and aria-invalid when wrong."""
    attrs = {}
    if ids := describedby(field):
        attrs["aria-describedby"] = ids
    if field.errors:
        attrs["aria-invalid"] = "true"
    css = {
        "checkbox": "utrecht-checkbox",
        "textarea": "utrecht-textarea",
        "select": "utrecht-select",
        "multiplefile": "pgb-file-input",
    }
    attrs["class"] = css.get(field.widget_type, "utrecht-textbox")
    return field.as_widget(attrs=attrs)


@register.filter
def is_choice_list(field) -> bool:
    return field.widget_type in ("radioselect", "checkboxselectmultiple")
