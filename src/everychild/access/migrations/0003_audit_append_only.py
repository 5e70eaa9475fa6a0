"""PostgreSQL only: the database itself refuses UPDATE and DELETE on the audit log, whoever
connects. (The model refuses too, on every database.)"""

from django.db import migrations

from everychild.core.migration_helpers import postgresql_only

FORWARD = [
    """
    CREATE OR REPLACE FUNCTION access_auditevent_refuse_change() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'the audit log is append-only: % refused', TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END;
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER access_auditevent_append_only
    BEFORE UPDATE OR DELETE ON access_auditevent
    FOR EACH ROW EXECUTE FUNCTION access_auditevent_refuse_change()
    """,
]
BACKWARD = [
    "DROP TRIGGER IF EXISTS access_auditevent_append_only ON access_auditevent",
    "DROP FUNCTION IF EXISTS access_auditevent_refuse_change()",
]


class Migration(migrations.Migration):
    dependencies = [("access", "0002_initial")]
    operations = [postgresql_only(FORWARD, BACKWARD)]
