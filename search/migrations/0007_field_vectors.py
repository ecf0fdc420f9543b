"""PostgreSQL: title and summary terms get their own small tsvector columns with GIN indexes.

The ranking (search.backends.database.postgres) asks the GIN indexes which entries match a query
group in the title, in the summary and anywhere, so it never reads the large toasted document vector.
"""

from django.db import migrations

POSTGRES = [
    "ALTER TABLE search_searchentry ADD COLUMN title_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', title_terms)) STORED",
    "ALTER TABLE search_searchentry ADD COLUMN summary_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple', summary_terms)) STORED",
    "CREATE INDEX search_entry_title_gin ON search_searchentry USING GIN (title_vector)",
    "CREATE INDEX search_entry_summary_gin ON search_searchentry USING GIN (summary_vector)",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS search_entry_title_gin",
    "DROP INDEX IF EXISTS search_entry_summary_gin",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS title_vector",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS summary_vector",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0006_index_state")]
    operations = [migrations.RunPython(run(POSTGRES), run(POSTGRES_REVERSE))]
