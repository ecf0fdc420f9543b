"""The demo home page's introduction addressed readers as "je"; the site says "u" (or names who acts)."""

from django.db import migrations

OLD = "Gemeenten en Per Saldo delen hier hoe je het persoonsgebonden budget goed regelt: goede "
NEW = "Gemeenten en Per Saldo delen hier hoe zij het persoonsgebonden budget goed regelen: goede "


def forwards(apps, schema_editor):
    HomePage = apps.get_model("cms", "HomePage")
    for home in HomePage.objects.filter(intro__startswith=OLD):
        home.intro = NEW + home.intro[len(OLD) :]
        home.save(update_fields=["intro"])


def backwards(apps, schema_editor):
    HomePage = apps.get_model("cms", "HomePage")
    for home in HomePage.objects.filter(intro__startswith=NEW):
        home.intro = OLD + home.intro[len(NEW) :]
        home.save(update_fields=["intro"])


class Migration(migrations.Migration):
    dependencies = [("cms", "0006_case_body_blocks")]
    operations = [migrations.RunPython(forwards, backwards)]
