"""Replace Wagtail's welcome page with our home page, the cms listings and the fixed pages.

Videos and documents are media's pages: its migrations add those listings under this home page.
"""

from django.db import migrations
from django.utils import timezone

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4

ACCESSIBILITY = [
    {"type": "text", "value": (
        "<p>Per Saldo wil dat iedereen het Informatieplatform pgb kan gebruiken, ook mensen die slecht zien, "
        "een schermlezer gebruiken of alleen met het toetsenbord werken. Daarom bouwen we het platform volgens "
        "de Web Content Accessibility Guidelines (WCAG) 2.1 op niveau AA, zoals het Besluit digitale "
        "toegankelijkheid overheid vraagt.</p>"
        "<h2>Wat we doen</h2><ul><li>Elke pagina heeft een logische kopstructuur, herkenbare landmarks en een "
        "link om direct naar de inhoud te springen.</li><li>Alles werkt met het toetsenbord en de focus is "
        "altijd zichtbaar.</li><li>Teksten hebben voldoende contrast en informatie hangt nooit alleen af van "
        "kleur.</li><li>Uitlegvideo's hebben ondertiteling en een volledige tekstversie.</li><li>We testen elke "
        "wijziging automatisch met axe-core en handmatig met een schermlezer.</li></ul>"
        "<h2>Loopt u ergens tegenaan?</h2><p>Meld het ons via <a href=\"mailto:toegankelijkheid@example.nl\">"
        "toegankelijkheid@example.nl</a>. We reageren binnen vijf werkdagen en lossen het probleem zo snel "
        "mogelijk op. Bent u niet tevreden over onze reactie, dan kunt u zich wenden tot de Nationale "
        "ombudsman.</p>"
    )},
]
PRIVACY = [
    {"type": "text", "value": (
        "<p>Per Saldo beheert het Informatieplatform pgb. We gaan zorgvuldig om met persoonsgegevens en "
        "verwerken alleen wat nodig is om het platform te laten werken.</p>"
        "<h2>Welke gegevens</h2><ul><li>Bezoekers: we gebruiken geen trackingcookies en laden niets van "
        "andere partijen. Zoekopdrachten bewaren we zonder gegevens die naar een persoon leiden.</li>"
        "<li>Accounts: naam, zakelijk e-mailadres, organisatie en gemeente, om te kunnen controleren dat u "
        "als ambtenaar toegang hebt tot besloten vragen.</li><li>Bijdragen aan het forum: uw naam en "
        "organisatie staan bij uw vragen en antwoorden.</li></ul>"
        "<h2>Uw rechten</h2><p>U kunt uw gegevens inzien, laten verbeteren of laten verwijderen. Mail naar "
        "<a href=\"mailto:privacy@example.nl\">privacy@example.nl</a>. U kunt ook een klacht indienen bij de "
        "Autoriteit Persoonsgegevens.</p>"
    )},
]


def next_child_path(Page, parent):
    last = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).order_by("-path").first()
    number = 0 if last is None else int(last.path[-STEPLEN:], 36)
    number += 1
    digits = ""
    while number:
        number, rest = divmod(number, 36)
        digits = ALPHABET[rest] + digits
    return parent.path + digits.rjust(STEPLEN, "0")


def add_child(apps, parent, model_label, **fields):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    app_label, model_name = model_label.split(".")
    model = apps.get_model(app_label, model_name)
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model_name.lower())
    now = timezone.now()
    page = model.objects.create(
        path=next_child_path(Page, parent), depth=parent.depth + 1, numchild=0,
        url_path=f"{parent.url_path}{fields['slug']}/", content_type=content_type, locale_id=parent.locale_id,
        live=True, has_unpublished_changes=False, draft_title=fields["title"],
        first_published_at=now, last_published_at=now, **fields,
    )
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + 1)
    parent.numchild += 1
    return page


def create_structure(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")

    root = Page.objects.get(depth=1)
    # Wagtail's own first migration leaves a "Welcome" page; it is replaced, not kept beside ours.
    Site.objects.filter(root_page__depth=2).delete()
    Page.objects.filter(depth=2, content_type__app_label="wagtailcore").delete()
    root.numchild = Page.objects.filter(depth=2).count()
    Page.objects.filter(pk=root.pk).update(numchild=root.numchild)
    if root.locale_id is None:
        root.locale_id = Locale.objects.first().pk

    home = add_child(
        apps, root, "cms.HomePage", title="Informatieplatform pgb", slug="home",
        intro=(
            "Gemeenten en Per Saldo delen hier hoe zij het persoonsgebonden budget goed regelen: goede "
            "voorbeelden, uitlegvideo's, beleidsdocumenten en vragen aan collega's. Wat één consulent leert, "
            "blijft zo bewaard voor wie na haar komt."
        ),
        body="[]",
    )
    Site.objects.create(hostname="localhost", port=80, root_page_id=home.pk, is_default_site=True,
                        site_name="Informatieplatform pgb")
    add_child(apps, home, "cms.CaseIndexPage", title="Goede voorbeelden", slug="goede-voorbeelden",
              intro="<p>Hoe gemeenten het pgb in de praktijk goed regelen: aanleiding, aanpak, resultaat en lessen.</p>")
    add_child(apps, home, "cms.ArticleIndexPage", title="Nieuws en achtergrond", slug="nieuws",
              intro="<p>Nieuws over het pgb en achtergrond bij wet- en regelgeving.</p>")
    add_child(apps, home, "cms.StandardPage", title="Toegankelijkheid", slug="toegankelijkheid",
              intro="Hoe we het platform voor iedereen bruikbaar maken, en waar u terechtkunt als iets niet werkt.",
              body=ACCESSIBILITY, show_in_menus=False)
    add_child(apps, home, "cms.StandardPage", title="Privacy", slug="privacy",
              intro="Welke gegevens het platform verwerkt en waarom.", body=PRIVACY, show_in_menus=False)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0002_taxonomy"),
        ("wagtailcore", "0096_referenceindex_referenceindex_source_object_and_more"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_structure, migrations.RunPython.noop)]
