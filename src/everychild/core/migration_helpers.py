"""Helpers for the few migrations that are PostgreSQL-only (extensions, indexes, triggers)."""

from django.db import migrations


def postgresql_only(forward: list[str], backward: list[str]) -> migrations.RunPython:
    """Run raw SQL on PostgreSQL; do nothing on SQLite (which has its own fallbacks)."""

    def run(statements):
        def apply(apps, schema_editor):
            if schema_editor.connection.vendor == "postgresql":
                for sql in statements:
                    schema_editor.execute(sql, params=None)

        return apply

    return migrations.RunPython(run(forward), run(backward))
