"""The child protection plan's conference members and core group: a member sees the child's
record while a member (through an involvement access.services writes), and the core group
records its meetings."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from everychild import access, audit
from everychild.access.models import Involvement, InvolvementKind
from everychild.access.services import involvement_start, involvements_end
from everychild.casework.models import ChildProtectionPlan, ConferenceMember, CoreGroupMeeting
from everychild.casework.services._common import meeting_record
from everychild.core.errors import DomainError, not_future


@transaction.atomic
def conference_member_add(
    *, plan: ChildProtectionPlan, staff, added_by, from_on: date | None = None
) -> ConferenceMember:
    """A professional joins the conference and core group: they may see the child's record
    while a member. Only those who may edit the record (not partners, not break-glass)
    add members."""
    access.require(added_by, "edit", plan.child)
    if plan.ended_on is not None:
        raise DomainError("This plan has ended.")
    if plan.members.filter(staff=staff, to_on__isnull=True).exists():
        raise DomainError(f"{staff} is already a member.", field="staff")
    from_on = from_on or timezone.localdate()
    involvement = involvement_start(
        child=plan.child,
        kind=InvolvementKind.CONFERENCE_MEMBER,
        staff=staff,
        started_on=from_on,
        by=added_by,
    )
    member = ConferenceMember.objects.create(
        plan=plan, staff=staff, from_on=from_on, involvement=involvement
    )
    audit.record(
        actor=added_by,
        verb="conference_member_added",
        obj=member,
        child=plan.child,
        payload={"staff": staff.pk},
    )
    return member


def _leave(members, leaving_on: date, by) -> None:
    """Members leave on `leaving_on` and lose the record that day: their last day is the
    day before (to_on and the involvement's end date are last days, inclusive; ending
    allows the empty interval of someone added and removed the same day)."""
    last_day = leaving_on - timedelta(days=1)
    for member in members:
        member.to_on = last_day
        member.save(update_fields=["to_on"])
    involvement_ids = [m.involvement_id for m in members if m.involvement_id]
    if involvement_ids:
        involvements_end(
            involvements=Involvement.objects.filter(pk__in=involvement_ids),
            by=by,
            ended_on=last_day,
        )


def members_leave(*, plan: ChildProtectionPlan, leaving_on: date, by) -> None:
    """Every current member leaves (the plan has ended); inside the caller's transaction."""
    _leave(list(plan.members.filter(to_on__isnull=True)), leaving_on, by)


@transaction.atomic
def conference_member_remove(
    *, member: ConferenceMember, removed_by, on: date | None = None
) -> ConferenceMember:
    access.require(removed_by, "edit", member.plan.child)
    if member.to_on is not None:
        raise DomainError("They are no longer a member.")
    _leave([member], on or timezone.localdate(), removed_by)
    audit.record(
        actor=removed_by,
        verb="conference_member_removed",
        obj=member,
        child=member.plan.child,
        payload={"staff": member.staff_id},
    )
    return member


@transaction.atomic
def core_group_record(
    *, plan: ChildProtectionPlan, recorded_by, held_on: date, summary: str
) -> CoreGroupMeeting:
    access.require(recorded_by, "edit", plan.child)
    not_future(held_on, "held_on")
    if held_on < plan.started_on:
        raise DomainError("A core group cannot meet before the plan starts.", field="held_on")
    if not summary.strip():
        raise DomainError("Record what the core group agreed.", field="summary")
    return meeting_record(
        CoreGroupMeeting,
        plan=plan,
        recorded_by=recorded_by,
        held_on=held_on,
        summary=summary,
        verb="core_group_recorded",
        what="Core group",
    )
