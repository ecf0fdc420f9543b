"""The article listing is called by its content type's plural, as everywhere else ("Artikelen")."""

from django.db import migrations


def rename(apps, schema_editor, old: str, new: str) -> None:
    ArticleIndexPage = apps.get_model("cms", "ArticleIndexPage")
    ArticleIndexPage.objects.filter(title=old).update(title=new, draft_title=new)


class Migration(migrations.Migration):
    dependencies = [("cms", "0004_editorial_workflow")]
    operations = [
        migrations.RunPython(
            lambda apps, editor: rename(apps, editor, "Nieuws en achtergrond", "Artikelen"),
            lambda apps, editor: rename(apps, editor, "Artikelen", "Nieuws en achtergrond"),
        )
    ]
