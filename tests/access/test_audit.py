import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from everychild import audit
from everychild.audit.models import AuditEvent
from tests.factories import PersonFactory, StaffFactory


@pytest.fixture
def events(db):
    user, child = StaffFactory(), PersonFactory()
    made = [
        audit.record(actor=user, verb="viewed", obj=child, child=child, reason="visit"),
        audit.record(actor=user, verb="searched", payload={"text": "Begum", "n": 3}),
        audit.record(actor=None, verb="demo_generated", payload={"when": child.date_of_birth}),
    ]
    return made


def test_each_event_links_to_the_one_before(events):
    assert events[0].prev_hash == audit.GENESIS
    assert events[1].prev_hash == events[0].hash
    assert events[2].prev_hash == events[1].hash
    report = audit.verify()
    assert report.ok and report.rows == 3 and report.head_hash == events[2].hash


def test_the_model_refuses_updates_and_deletes(events):
    event = events[0]
    event.reason = "changed"
    with pytest.raises(ValueError, match="append-only"):
        event.save()
    with pytest.raises(ValueError, match="append-only"):
        event.delete()


def _tamper(sql: str, params: list) -> None:
    """Change the table behind the application's back (as an attacker with SQL access)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")  # bypasses the trigger
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = DEFAULT")


def test_an_edited_row_is_detected(events):
    _tamper("UPDATE access_auditevent SET reason = %s WHERE id = %s", ["nothing", events[0].id])
    report = audit.verify()
    assert not report.ok and report.first_bad_id == events[0].id
    assert "content was changed" in report.problem


def test_a_removed_row_is_detected(events):
    _tamper("DELETE FROM access_auditevent WHERE id = %s", [events[1].id])
    report = audit.verify()
    assert not report.ok and report.first_bad_id == events[2].id
    assert "removed" in report.problem


def test_an_edited_payload_is_detected(events):
    _tamper(
        "UPDATE access_auditevent SET payload = %s WHERE id = %s",
        ['{"text": "X", "n": 3}', events[1].id],
    )
    assert audit.verify().first_bad_id == events[1].id


def test_verify_command(events, capsys):
    call_command("audit", "verify")
    assert "Audit chain intact: 3 events" in capsys.readouterr().out
    _tamper("UPDATE access_auditevent SET verb = %s WHERE id = %s", ["nothing", events[2].id])
    with pytest.raises(CommandError, match=f"broken at event {events[2].id}"):
        call_command("audit", "verify")


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_postgresql_refuses_update_and_delete(events):
    from django.db.utils import DatabaseError

    for sql in ("UPDATE access_auditevent SET reason = 'x'", "DELETE FROM access_auditevent"):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql)
    assert AuditEvent.objects.count() == 3


def test_a_rolled_back_write_leaves_no_audit_row(db):
    user = StaffFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        audit.record(actor=user, verb="viewed")
        raise RuntimeError("the write failed")
    assert not AuditEvent.objects.exists()
    assert audit.verify().ok
