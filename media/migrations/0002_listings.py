"""Add the video and document listings under the home page that cms created."""

from django.db import migrations
from django.utils import timezone

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4


def next_child_path(Page, parent):
    last = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).order_by("-path").first()
    number = (0 if last is None else int(last.path[-STEPLEN:], 36)) + 1
    digits = ""
    while number:
        number, rest = divmod(number, 36)
        digits = ALPHABET[rest] + digits
    return parent.path + digits.rjust(STEPLEN, "0")


def create_listings(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    home = Page.objects.filter(depth=2, content_type__app_label="cms", content_type__model="homepage").first()
    if home is None:
        return
    listings = [
        ("VideoIndexPage", "Uitlegvideo's", "video", "<p>Korte video's die het pgb uitleggen, met ondertiteling en uitgeschreven tekst.</p>"),
        ("DocumentIndexPage", "Beleidsdocumenten", "documenten", "<p>Beleidsregels, werkinstructies en formats van gemeenten.</p>"),
    ]
    now = timezone.now()
    for model_name, title, slug, intro in listings:
        model = apps.get_model("media", model_name)
        content_type, _ = ContentType.objects.get_or_create(app_label="media", model=model_name.lower())
        model.objects.create(
            title=title, draft_title=title, slug=slug, intro=intro, path=next_child_path(Page, home),
            depth=home.depth + 1, numchild=0, url_path=f"{home.url_path}{slug}/", content_type=content_type,
            locale_id=home.locale_id, live=True, first_published_at=now, last_published_at=now,
        )
        home.numchild += 1
        Page.objects.filter(pk=home.pk).update(numchild=home.numchild)


class Migration(migrations.Migration):
    dependencies = [("media", "0001_initial"), ("cms", "0003_site_structure")]
    operations = [migrations.RunPython(create_listings, migrations.RunPython.noop)]
