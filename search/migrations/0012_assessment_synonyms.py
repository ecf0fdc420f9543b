"""Add what "controleren" means when gemeenten write about it (editors can change it).

Who asks how a gemeente "controleert" a zorgovereenkomst or a budgetplan finds the cases that say
"toetsen" or "beoordelen", the words of the trade. One way only: "beoordelen" is also used for much
else (a request, a situation), so it does not drag in every "controle".
"""

from django.db import migrations

RULES = [
    "controleren => controleren, toetsen, beoordelen",
    "controle => controle, toetsing, beoordeling",
]


def add(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for rule in RULES:
        Synonym.objects.get_or_create(rule=rule)


def remove(apps, schema_editor):
    apps.get_model("search", "Synonym").objects.filter(rule__in=RULES).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0011_document_boost")]
    operations = [migrations.RunPython(add, remove)]
