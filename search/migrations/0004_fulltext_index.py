"""The engine's own full-text index over search entries: FTS5 on SQLite, tsvector + GIN on PostgreSQL."""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE search_entry_fts USING fts5("
    "title_terms, summary_terms, body_terms, tokenize='unicode61 remove_diacritics 2')",
]
SQLITE_REVERSE = ["DROP TABLE IF EXISTS search_entry_fts"]
POSTGRES = [
    # Terms are already folded and stemmed by search.analysis, so the 'simple' configuration is right.
    "ALTER TABLE search_searchentry ADD COLUMN document tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple', title_terms), 'A') || "
    "setweight(to_tsvector('simple', summary_terms), 'B') || "
    "setweight(to_tsvector('simple', body_terms), 'C')) STORED",
    "CREATE INDEX search_entry_document_gin ON search_searchentry USING GIN (document)",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS search_entry_document_gin",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS document",
]


def run(statements):
    def apply(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, []):
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0003_search_entry")]
    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        )
    ]
