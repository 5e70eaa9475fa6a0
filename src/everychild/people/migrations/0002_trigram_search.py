"""PostgreSQL only: trigram index for tolerant name search (pg_trgm). SQLite relies on the
consonant-skeleton indexes (see people.search)."""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS name_full_norm_trgm ON people_personname "
    "USING gin (full_norm gin_trgm_ops)",
]
BACKWARD = ["DROP INDEX IF EXISTS name_full_norm_trgm"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in statements:
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]
    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
