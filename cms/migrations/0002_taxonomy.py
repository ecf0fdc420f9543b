"""Seed laws, themes and the 342 municipalities from the CSV files in cms/data/."""

import csv
from pathlib import Path

from django.db import migrations
from django.utils.text import slugify

DATA = Path(__file__).resolve().parent.parent / "data"
DISPLAY_NAMES = {"GM0518": "Den Haag"}


def rows(name):
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def seed(apps, schema_editor):
    Law = apps.get_model("cms", "Law")
    Theme = apps.get_model("cms", "Theme")
    Municipality = apps.get_model("cms", "Municipality")
    for row in rows("laws.csv"):
        Law.objects.update_or_create(
            slug=row["slug"],
            defaults={"abbreviation": row["abbreviation"], "name": row["name"],
                      "short_description": row["short_description"]},
        )
    for row in rows("themes.csv"):
        Theme.objects.update_or_create(
            slug=row["slug"], defaults={"name": row["name"], "description": row["description"]}
        )
    for row in rows("gemeenten.csv"):
        Municipality.objects.update_or_create(
            code=row["code"],
            defaults={"name": row["name"], "province": row["province"], "slug": slugify(row["name"]),
                      "display_name": DISPLAY_NAMES.get(row["code"], "")},
        )


class Migration(migrations.Migration):
    dependencies = [("cms", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
