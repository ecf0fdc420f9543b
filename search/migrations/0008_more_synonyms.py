"""Add the abbreviations of the social domain that the seed list lacked (editors can change them)."""

from django.db import migrations

RULES = [
    "mo, maatschappelijke opvang",
    "bw, beschermd wonen",
]


def add(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for rule in RULES:
        Synonym.objects.get_or_create(rule=rule)


def remove(apps, schema_editor):
    apps.get_model("search", "Synonym").objects.filter(rule__in=RULES).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0007_field_vectors")]
    operations = [migrations.RunPython(add, remove)]
