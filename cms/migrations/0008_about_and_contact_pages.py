"""Add the fixed pages /over/ (what the platform is, who runs it, how to share a case) and /contact/.

Like /toegankelijkheid/ and /privacy/ (0003) they are StandardPages that editors change in the
admin; a page whose slug is already taken under the home page is left alone.
"""

from django.db import migrations
from django.utils import timezone

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4

ABOUT = [
    {"type": "text", "value": (
        "<h2>Wat is het Informatieplatform pgb?</h2>"
        "<p>Op dit platform delen gemeenten en Per Saldo wat werkt bij het persoonsgebonden budget (pgb): "
        "goede voorbeelden uit de praktijk, uitlegvideo's, beleidsdocumenten en artikelen over het pgb in de "
        "Wmo 2015, de Jeugdwet, de Wlz en de Zvw. Alles is te vinden per thema, per wet en per gemeente. In "
        "het forum stellen medewerkers van gemeenten elkaar vragen en antwoorden ervaringsdeskundigen van "
        "Per Saldo mee.</p>"
        "<h2>Wie beheert het platform?</h2>"
        "<p>Per Saldo, de landelijke vereniging van mensen met een pgb, beheert het platform samen met "
        "gemeenten. Gemeenten leveren de voorbeelden en documenten; de redactie van Per Saldo bekijkt elke "
        "bijdrage voordat die verschijnt en houdt de informatie actueel.</p>"
        "<h2>Zelf een goed voorbeeld delen</h2>"
        "<p>Heeft uw gemeente iets geregeld waar andere gemeenten van kunnen leren? Zo deelt u het:</p>"
        "<ol><li><a href=\"/accounts/signup/\">Maak een account aan</a> met uw e-mailadres bij de gemeente. "
        "Dan herkent het platform u als ambtenaar.</li>"
        "<li>Mail uw voorbeeld naar de redactie: <a href=\"mailto:redactie@example.nl\">redactie@example.nl</a>. "
        "Beschrijf de aanleiding, de aanpak, het resultaat en de lessen die u anderen meegeeft. Een "
        "beleidsregel of werkinstructie mag u meesturen.</li>"
        "<li>De redactie werkt het voorbeeld met u uit, legt het aan u voor en publiceert het.</li></ol>"
        "<p>Wilt u eerst weten hoe collega's iets aanpakken? Stel uw vraag in het "
        "<a href=\"/forum/\">forum</a>. Andere vragen over het platform beantwoordt de redactie; zie "
        "<a href=\"/contact/\">Contact</a>.</p>"
    )},
]
CONTACT = [
    {"type": "text", "value": (
        "<h2>De redactie</h2>"
        "<p>Voor vragen over het platform, een voorbeeld dat u wilt delen of een fout op een pagina mailt u "
        "naar <a href=\"mailto:redactie@example.nl\">redactie@example.nl</a>. We reageren binnen vijf "
        "werkdagen.</p>"
        "<p>Per post: Per Saldo, redactie Informatieplatform pgb, Postbus 12345, 1234 AB Voorbeeldstad.</p>"
        "<h2>Vragen aan andere gemeenten</h2>"
        "<p>Wilt u weten hoe andere gemeenten iets regelen? Stel uw vraag in het <a href=\"/forum/\">forum</a>. "
        "Daar antwoorden collega's van andere gemeenten en ervaringsdeskundigen van Per Saldo.</p>"
        "<h2>Toegankelijkheid en privacy</h2>"
        "<p>Werkt iets op het platform niet voor u? Meld het via "
        "<a href=\"mailto:toegankelijkheid@example.nl\">toegankelijkheid@example.nl</a>. Vragen over uw "
        "gegevens stelt u via <a href=\"mailto:privacy@example.nl\">privacy@example.nl</a>.</p>"
        "<h2>Heeft u zelf een pgb?</h2>"
        "<p>Dit platform is bedoeld voor gemeenten. Met vragen over uw eigen budget kunt u terecht bij uw "
        "gemeente, uw zorgkantoor of uw zorgverzekeraar, of bij Per Saldo.</p>"
    )},
]
PAGES = [
    {
        "title": "Over het platform",
        "slug": "over",
        "intro": "Wat het Informatieplatform pgb is, wie het beheert en hoe u zelf een goed voorbeeld deelt.",
        "body": ABOUT,
    },
    {
        "title": "Contact",
        "slug": "contact",
        "intro": "Zo bereikt u de redactie, en zo vindt u collega's bij andere gemeenten.",
        "body": CONTACT,
    },
]


def next_child_path(Page, parent):
    last = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).order_by("-path").first()
    number = (0 if last is None else int(last.path[-STEPLEN:], 36)) + 1
    digits = ""
    while number:
        number, rest = divmod(number, 36)
        digits = ALPHABET[rest] + digits
    return parent.path + digits.rjust(STEPLEN, "0")


def create_pages(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    StandardPage = apps.get_model("cms", "StandardPage")
    home = Page.objects.filter(depth=2, content_type__app_label="cms", content_type__model="homepage").first()
    if home is None:
        return
    content_type, _ = ContentType.objects.get_or_create(app_label="cms", model="standardpage")
    now = timezone.now()
    for fields in PAGES:
        children = Page.objects.filter(path__startswith=home.path, depth=home.depth + 1)
        if children.filter(slug=fields["slug"]).exists():
            continue
        StandardPage.objects.create(
            path=next_child_path(Page, home), depth=home.depth + 1, numchild=0,
            url_path=f"{home.url_path}{fields['slug']}/", content_type=content_type, locale_id=home.locale_id,
            live=True, has_unpublished_changes=False, draft_title=fields["title"], show_in_menus=False,
            first_published_at=now, last_published_at=now, **fields,
        )
        home.numchild += 1
        Page.objects.filter(pk=home.pk).update(numchild=home.numchild)


class Migration(migrations.Migration):
    dependencies = [("cms", "0007_home_intro_formal")]
    operations = [migrations.RunPython(create_pages, migrations.RunPython.noop)]
