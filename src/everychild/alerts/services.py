"""Writes to alerts: closing one, and what the rules do when the front door or care
announces a concern or a missing episode (subscribers.py)."""

from django.db import transaction
from django.utils import timezone

from everychild import access, audit
from everychild.alerts.models import Alert
from everychild.core.errors import DomainError
from everychild.frontdoor.selectors import require_front_door


@transaction.atomic
def alert_close(*, alert: Alert, closed_by, note: str) -> Alert:
    require_front_door(closed_by)
    alert = Alert.objects.select_for_update().get(pk=alert.pk)
    # The alerts list shows only children the user may know of; closing asks the same (a
    # restricted child's alert is "not found", whatever its id).
    access.require(closed_by, "view_minimal", alert.child)
    if alert.closed_at is not None:
        raise DomainError("This alert is already closed.")
    if len(note.strip()) < 10:
        raise DomainError("Say what the front door did about it.", field="note")
    alert.closed_at, alert.closed_by, alert.close_note = timezone.now(), closed_by, note.strip()
    alert.save(update_fields=["closed_at", "closed_by", "close_note"])
    audit.record(
        actor=closed_by, verb="alert_closed", obj=alert, child=alert.child, reason=note.strip()
    )
    return alert
