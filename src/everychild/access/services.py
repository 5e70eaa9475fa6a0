"""Writes for the access app: involvements, break-glass, restricted records."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from everychild import access, audit
from everychild.access.models import (
    AccessKind,
    BreakGlass,
    Involvement,
    InvolvementKind,
    RecordRestriction,
)
from everychild.access.policy import break_glass_expiry
from everychild.core import hooks
from everychild.core.errors import DomainError, clean_or_refuse
from everychild.organisations.roles import Role
from everychild.people.models import Person

MIN_REASON_LENGTH = 10


# ---- involvements: the only writer ----------------------------------------------------------
# Involvements drive the access policy, so they are written here and nowhere else. The calling
# service has already decided that `by` may do what creates or ends the relationship
# (allocating a case, booking a chair, adding a plan member): these record it, with its
# audit row. `by` None is the system (an import, a scheduled step).


def _involvement_payload(involvement: Involvement) -> dict:
    return {
        "kind": involvement.kind,
        "staff": involvement.staff_id,
        "team": involvement.team_id,
        "organisation": involvement.organisation_id,
        "started_on": involvement.started_on,
    }


@transaction.atomic
def involvement_start(
    *,
    child: Person,
    kind: InvolvementKind,
    by,
    staff=None,
    team=None,
    organisation=None,
    started_on: date | None = None,
) -> Involvement:
    """Record that a professional, team or agency is now involved with the child."""
    involvement = Involvement(
        child=child,
        kind=kind,
        staff=staff,
        team=team,
        organisation=organisation,
        started_on=started_on or timezone.localdate(),
    )
    clean_or_refuse(involvement)
    involvement.save()
    audit.record(
        actor=by,
        verb="involvement_started",
        obj=involvement,
        child=child,
        payload=_involvement_payload(involvement),
    )
    return involvement


@transaction.atomic
def involvements_start(*, involvements: list[Involvement], by) -> list[Involvement]:
    """Many at once (a file of concerns): one insert, one audit row each, in one chain."""
    for involvement in involvements:
        clean_or_refuse(involvement)
    created = Involvement.objects.bulk_create(involvements, batch_size=5000)
    audit.record_many(
        [
            {
                "actor": by,
                "verb": "involvement_started",
                "obj": involvement,
                "child": involvement.child_id,
                "payload": _involvement_payload(involvement),
            }
            for involvement in created
        ]
    )
    return created


@transaction.atomic
def involvement_end(*, involvement: Involvement, by, ended_on: date | None = None):
    """End one involvement: `ended_on` is its last day (inclusive)."""
    if involvement.ended_on is not None:
        raise DomainError("This involvement has already ended.")
    involvement.ended_on = ended_on or timezone.localdate()
    clean_or_refuse(involvement)
    involvement.save(update_fields=["ended_on"])
    audit.record(actor=by, verb="involvement_ended", obj=involvement, child=involvement.child)
    return involvement


@transaction.atomic
def involvements_end(*, involvements: QuerySet, by, ended_on: date) -> list[int]:
    """End every involvement in `involvements` that has not ended, with `ended_on` as its
    last day. Unlike involvement_end this allows the empty interval of someone involved and
    replaced on the same day (last day the day before they started). Returns their ids."""
    rows = list(involvements.filter(ended_on__isnull=True).values("pk", "child_id"))
    if not rows:
        return []
    Involvement.objects.filter(pk__in=[r["pk"] for r in rows]).update(ended_on=ended_on)
    ended = Involvement.objects.in_bulk([r["pk"] for r in rows])
    audit.record_many(
        [
            {
                "actor": by,
                "verb": "involvement_ended",
                "obj": ended[r["pk"]],
                "child": r["child_id"],
                "payload": {"ended_on": ended_on},
            }
            for r in rows
        ]
    )
    return [r["pk"] for r in rows]


@transaction.atomic
def break_glass_open(*, user, child: Person, reason: str) -> BreakGlass:
    """Emergency read access to a record the user is not involved with."""
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise DomainError(
            "Say why you need to see this record now (at least a sentence).", field="reason"
        )
    if access.can(user, "view", child):
        raise DomainError("You can already see this record.")
    if not access.can(user, "break_glass", child):
        raise PermissionDenied("You may not break glass on this record.")
    now = timezone.now()
    grant = BreakGlass.objects.create(
        staff=user, child=child, reason=reason, opened_at=now, expires_at=break_glass_expiry(now)
    )
    audit.record(actor=user, verb="broke_glass", obj=grant, child=child, reason=reason)
    return grant


def front_door_opened(*, user, child: Person, reason: str) -> BreakGlass:
    """The front door is about to open a record nobody referred to it (a contact of its own):
    the stated reason goes to the data protection officer's review, like breaking glass. It
    grants nothing itself (it expires as it opens): the front door's involvement does. Call
    inside the caller's transaction, before anything else is written."""
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON_LENGTH:
        raise DomainError(
            "Say why the front door is opening this child's record (at least a sentence).",
            field="reason",
        )
    now = timezone.now()
    opening = BreakGlass.objects.create(
        kind=AccessKind.FRONT_DOOR,
        staff=user,
        child=child,
        reason=reason,
        opened_at=now,
        expires_at=now,
    )
    audit.record(actor=user, verb="opened_by_front_door", obj=opening, child=child, reason=reason)
    return opening


@transaction.atomic
def break_glass_review(*, grant: BreakGlass, reviewed_by, note: str, justified: bool) -> BreakGlass:
    if reviewed_by.role != Role.DPO:
        raise PermissionDenied("Only the data protection officer reviews break-glass access.")
    if grant.reviewed_at is not None:
        raise DomainError("This access has already been reviewed.")
    if not justified and not note.strip():
        raise DomainError("Say what was wrong with this access.", field="note")
    grant.reviewed_by, grant.reviewed_at = reviewed_by, timezone.now()
    grant.review_note, grant.review_concern = note.strip(), not justified
    grant.save(update_fields=["reviewed_by", "reviewed_at", "review_note", "review_concern"])
    audit.record(
        actor=reviewed_by,
        verb="reviewed_break_glass",
        obj=grant,
        child=grant.child,
        payload={"justified": justified, "note": grant.review_note},
    )
    return grant


@transaction.atomic
def record_restrict(*, child: Person, restricted_by, reason: str, named_staff) -> RecordRestriction:
    """Make a record visible only to the named staff; the DPO reads its audit, not the record."""
    if restricted_by.role != Role.DPO:
        raise PermissionDenied("Only the data protection officer may restrict a record.")
    if not reason.strip():
        raise DomainError("Say why this record is restricted.", field="reason")
    if RecordRestriction.objects.filter(child=child).exists():
        raise DomainError("This record is already restricted.")
    named = list(named_staff)
    if not named:
        raise DomainError("Name at least one member of staff who may see it.", field="named_staff")
    restriction = RecordRestriction.objects.create(
        child=child, reason=reason.strip(), restricted_by=restricted_by
    )
    restriction.named_staff.set(named)
    audit.record(
        actor=restricted_by,
        verb="restricted",
        obj=child,
        child=child,
        reason=reason,
        payload={"named_staff": [s.pk for s in named]},
    )
    hooks.run("access.record_restricted", child=child, by=restricted_by)
    return restriction
