"""The synthetic borough writes rows with explicit ids (bulk inserts, no round trip per row).
On PostgreSQL explicit ids bypass the tables' sequences, so before anything inserts through
the ORM again (a step's own services, the alert rules) the sequences must be moved past the
rows written."""

from django.core.management.color import no_style
from django.db import connection


def reset_sequences() -> None:
    """Move every everychild table's id sequence past its rows (PostgreSQL; nothing on
    SQLite, whose ids follow the largest)."""
    if connection.vendor != "postgresql":
        return
    from django.apps import apps

    # Every everychild app's tables, so that a step added later needs no change here.
    models = [m for m in apps.get_models() if m.__module__.startswith("everychild.")]
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)
