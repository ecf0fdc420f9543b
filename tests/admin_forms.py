"""The fields a Wagtail admin form would submit, read from its HTML as a browser would: what a test
then changes is only what an editor would type, choose or upload."""

from bs4 import BeautifulSoup


def form_values(html: str, form_id: str = "page-edit-form") -> dict:
    """Name → value (a list for several) of every field of the form, as submitted unchanged."""
    form = BeautifulSoup(html, "html.parser").find("form", id=form_id)
    values: dict = {}

    def add(name, value):
        if name in values:
            values[name] = [*values[name], value] if isinstance(values[name], list) else [values[name], value]
        else:
            values[name] = value

    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.has_attr("disabled"):
            continue
        if field.name == "textarea":
            add(name, field.get_text())
        elif field.name == "select":
            chosen = [
                o.get("value", o.get_text()) for o in field.find_all("option") if o.has_attr("selected")
            ]
            for value in chosen if field.has_attr("multiple") else chosen[:1] or [""]:
                add(name, value)
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                add(name, field.get("value", "on"))
        elif field.get("type") not in ("submit", "button", "file", "image", "reset"):
            add(name, field.get("value", ""))
    return values
