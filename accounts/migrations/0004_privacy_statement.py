"""The privacy page tells what accounts store, now that they exist (only if editors have not changed it)."""

import json

from django.db import migrations

OLD_MARK = "om te kunnen controleren dat u als ambtenaar toegang hebt tot besloten vragen."
PRIVACY = [
    {
        "type": "text",
        "value": (
            "<p>Per Saldo beheert het Informatieplatform pgb. We verwerken alleen wat nodig is om het platform te "
            "laten werken, en niets daarvan gaat naar andere partijen.</p>"
            "<h2>Bezoekers</h2><p>We gebruiken geen trackingcookies en laden niets van andere partijen. "
            "Zoekopdrachten bewaren we zonder gegevens die naar een persoon leiden. Met een account zet de site "
            "één sessiecookie en een cookie tegen vervalste formulieren (CSRF).</p>"
            "<h2>Wat we van u bewaren als u een account heeft</h2><ul>"
            "<li>Uw naam, e-mailadres, en als u die invult uw functie en organisatie.</li>"
            "<li>Uw gemeente, als u als ambtenaar bent herkend: via het domein van uw e-mailadres of na uw aanvraag "
            "(met de gemeente, functie en toelichting die u daarin gaf, en het besluit van de moderator).</li>"
            "<li>Uw wachtwoord alleen versleuteld (als hash); voor tweestapsverificatie de sleutel van uw app, "
            "uw passkeys en herstelcodes, versleuteld.</li>"
            "<li>Per inlogsessie het IP-adres, de browser en het tijdstip, zodat u zelf oude sessies kunt zien en "
            "beëindigen.</li>"
            "<li>Wat u volgt, uw meldingen en hoe u die wilt ontvangen.</li>"
            "<li>Welke rollen u kreeg of verloor, door wie en wanneer (alleen beheerders zien dit).</li>"
            "<li>Wat u in het forum schrijft, met uw naam en, als u ambtenaar bent, uw gemeente erbij; eerdere "
            "versies na een bewerking; welke berichten u nuttig vond en welke u meldde.</li></ul>"
            '<h2>Uw rechten</h2><p>Op <a href="/account/">uw account</a> downloadt u alles wat u schreef en '
            "instelde (als JSON), past u uw gegevens aan en verwijdert u uw account. Na verwijdering blijven uw "
            "forumbijdragen staan, zodat collega's er nog iets aan hebben, maar zonder uw naam: als ‘voormalig "
            'lid’. Vragen of een klacht? Mail naar <a href="mailto:privacy@example.nl">privacy@example.nl</a>. '
            "U kunt ook een klacht indienen bij de Autoriteit Persoonsgegevens.</p>"
        ),
    },
]


def update(apps, schema_editor):
    StandardPage = apps.get_model("cms", "StandardPage")
    Revision = apps.get_model("wagtailcore", "Revision")
    for page in StandardPage.objects.filter(slug="privacy", depth=3):
        if OLD_MARK not in json.dumps(list(page.body.raw_data)):
            continue  # editors rewrote it: leave their text alone
        if Revision.objects.filter(object_id=str(page.pk), base_content_type__model="page").exists():
            continue
        page.body = json.dumps(PRIVACY)
        page.save(update_fields=["body"])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_experts_group"), ("cms", "0006_case_body_blocks")]
    operations = [migrations.RunPython(update, migrations.RunPython.noop)]
