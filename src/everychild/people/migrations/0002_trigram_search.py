"""PostgreSQL only: trigram index for tolerant name search (pg_trgm). SQLite relies on the
consonant-skeleton indexes (see people.search)."""

from django.db import migrations

from everychild.core.migration_helpers import postgresql_only

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS name_full_norm_trgm ON people_personname "
    "USING gin (full_norm gin_trgm_ops)",
]
BACKWARD = ["DROP INDEX IF EXISTS name_full_norm_trgm"]


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]
    operations = [postgresql_only(FORWARD, BACKWARD)]
