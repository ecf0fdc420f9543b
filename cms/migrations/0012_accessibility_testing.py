"""The accessibility statement says how the platform is tested and when that last ran in full.

Changes the page only while it still has the text of 0003 (editors may have rewritten it since).
"""

from django.db import migrations

OLD = (
    "<li>We testen elke "
    "wijziging automatisch met axe-core en handmatig met een schermlezer.</li></ul>"
)
NEW = (
    "</ul><h2>Hoe we testen</h2><p>Bij elke wijziging van de software controleren automatische tests elk "
    "soort pagina, met echte inhoud, op de computer en op de telefoon:</p><ul>"
    "<li>axe-core op de WCAG 2.1-succescriteria van niveau A en AA: geen enkele overtreding;</li>"
    "<li>de Nu HTML Checker van het W3C: geen enkele fout in de HTML;</li>"
    "<li>Lighthouse (toegankelijkheid, goede praktijken en vindbaarheid): op elke pagina de volle score, "
    "behalve voor vindbaarheid op de zoekresultaten, die zoekmachines bewust niet opnemen;</li>"
    "<li>toetsenbordbediening, zichtbare focus en de volgorde van de focus, in een echte browser.</li></ul>"
    "<p>Daarnaast controleren we nieuwe onderdelen handmatig met een schermlezer (NVDA en VoiceOver). "
    "De laatste volledige controle was op 4 december 2026.</p>"
)


def forwards(apps, schema_editor):
    StandardPage = apps.get_model("cms", "StandardPage")
    for page in StandardPage.objects.filter(slug="toegankelijkheid"):
        blocks = [dict(block) for block in page.body.raw_data]
        if not blocks or OLD not in str(blocks[0].get("value", "")):
            continue
        blocks[0]["value"] = blocks[0]["value"].replace(OLD, NEW)
        page.body = blocks
        page.save(update_fields=["body"])


class Migration(migrations.Migration):
    dependencies = [("cms", "0011_image_block")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
