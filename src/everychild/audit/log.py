"""The audit log: append-only, hash-chained, written by one function.

Each row's hash is SHA-256 over its canonical content and the previous row's hash. Writers
take one lock (a PostgreSQL advisory lock; SQLite's write lock, taken at BEGIN IMMEDIATE) so
that rows join the chain in the order they commit. See docs/decisions/0003-audit-chain.md.
"""

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.utils import timezone

from everychild.audit.models import AuditEvent

GENESIS = "0" * 64
_ADVISORY_LOCK_KEY = 0x45564348  # "EVCH": one application-wide lock for the chain


def _canonical(event: AuditEvent) -> str:
    return json.dumps(
        [
            event.at.astimezone(UTC).isoformat(),
            event.actor_id,
            event.actor_name,
            event.verb,
            event.object_type,
            event.object_id,
            event.object_repr,
            event.child_id,
            event.reason,
            event.payload,
            event.prev_hash,
        ],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )


def compute_hash(event: AuditEvent) -> str:
    return hashlib.sha256(_canonical(event).encode()).hexdigest()


def record(
    *,
    actor,
    verb: str,
    obj: models.Model | None = None,
    child=None,
    reason: str = "",
    payload: dict | None = None,
) -> AuditEvent:
    """Append one event to the audit log, in the caller's transaction if there is one.

    No savepoint: if the event cannot be written, the caller's whole transaction fails.
    """
    with transaction.atomic(savepoint=False):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADVISORY_LOCK_KEY])
        prev = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
        event = _event(
            at=timezone.now(),
            prev_hash=prev or GENESIS,
            actor=actor,
            verb=verb,
            obj=obj,
            child=child,
            reason=reason,
            payload=payload,
        )
        event.hash = compute_hash(event)
        event.save(force_insert=True)
    return event


def record_many(events: list[dict]) -> list[AuditEvent]:
    """Append many events at once (a bulk import): one lock, one insert, one chain.

    Each dict takes record()'s keyword arguments.
    """
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADVISORY_LOCK_KEY])
        prev = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
        prev = prev or GENESIS
        now = timezone.now()
        rows = []
        for spec in events:
            event = _event(at=now, prev_hash=prev, **spec)
            event.hash = compute_hash(event)
            prev = event.hash
            rows.append(event)
        AuditEvent.objects.bulk_create(rows, batch_size=2000)
    return rows


def _event(*, at, prev_hash, actor, verb, obj=None, child=None, reason="", payload=None):
    return AuditEvent(
        at=at,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=_name_of(actor),
        verb=verb,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:300] if obj is not None else "",
        child_id=getattr(child, "pk", child),
        reason=reason,
        # Round-trip through JSON so that what is hashed is exactly what is stored.
        payload=json.loads(json.dumps(payload or {}, cls=DjangoJSONEncoder)),
        prev_hash=prev_hash,
    )


def _name_of(actor) -> str:
    if actor is None or not getattr(actor, "pk", None):
        return "system"
    return f"{actor.get_full_name() or actor.get_username()} ({actor.get_username()})"


@dataclass
class ChainReport:
    rows: int
    ok: bool
    first_bad_id: int | None = None
    problem: str = ""
    head_hash: str = GENESIS

    def as_dict(self) -> dict:
        return {
            "rows": self.rows,
            "ok": self.ok,
            "first_bad_id": self.first_bad_id,
            "problem": self.problem,
            "head_hash": self.head_hash,
        }


def _rows() -> Iterator[AuditEvent]:
    return AuditEvent.objects.order_by("id").iterator(chunk_size=5000)


def verify() -> ChainReport:
    """Walk the whole chain; report the first row whose content or link does not hold."""
    expected_prev = GENESIS
    rows = 0
    for event in _rows():
        rows += 1
        if event.prev_hash != expected_prev:
            return ChainReport(
                rows,
                False,
                event.id,
                "does not follow the row before it (a row was removed, inserted or reordered)",
                expected_prev,
            )
        if compute_hash(event) != event.hash:
            return ChainReport(rows, False, event.id, "its content was changed", expected_prev)
        expected_prev = event.hash
    return ChainReport(rows, True, head_hash=expected_prev)
