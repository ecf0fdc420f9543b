"""Entries have a visibility (who the document is for); on SQLite each visibility gets its own FTS5 table.

bm25 reads its statistics from the whole table, so a public search must not share a table with
members-only text (search.backends.database.sqlite). Members-only rows move to their own table.
"""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE search_entry_fts_members USING fts5("
    "title_terms, summary_terms, body_terms, tokenize='unicode61 remove_diacritics 2')",
    "INSERT INTO search_entry_fts_members (rowid, title_terms, summary_terms, body_terms) "
    "SELECT rowid, title_terms, summary_terms, body_terms FROM search_entry_fts "
    "WHERE rowid IN (SELECT id FROM search_searchentry WHERE visibility = 'members')",
    "DELETE FROM search_entry_fts WHERE rowid IN (SELECT id FROM search_searchentry WHERE visibility = 'members')",
]
SQLITE_REVERSE = [
    "INSERT INTO search_entry_fts (rowid, title_terms, summary_terms, body_terms) "
    "SELECT rowid, title_terms, summary_terms, body_terms FROM search_entry_fts_members",
    "DROP TABLE IF EXISTS search_entry_fts_members",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for sql in statements:
                schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0008_more_synonyms")]
    operations = [
        migrations.RenameField("searchentry", "audience", "visibility"),
        migrations.RunPython(run(SQLITE), run(SQLITE_REVERSE)),
    ]
