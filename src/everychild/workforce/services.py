"""Allocation: a child's case to a team and a worker. Every change is kept.

Who may see the child's record follows the allocation through involvements, which only
access.services writes (each start and end audited there)."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from everychild import access, audit
from everychild.access.models import Involvement, InvolvementKind
from everychild.access.services import involvements_end, involvements_start
from everychild.chronology.models import EntryKind
from everychild.chronology.services import entry_add
from everychild.core.codes import SocialWorkerChangeReason
from everychild.core.errors import DomainError, clean_or_refuse
from everychild.organisations.models import Staff, Team
from everychild.organisations.roles import SOCIAL_CARE_ROLES, Role
from everychild.people.models import Person
from everychild.workforce.models import Allocation

CASE_KINDS = (InvolvementKind.ALLOCATED_WORKER, InvolvementKind.CASE_TEAM)


def _is_manager_of(user, team: Team) -> bool:
    return user.memberships.filter(team=team, is_manager=True, ended_on__isnull=True).exists()


def current_allocation(child: Person) -> Allocation | None:
    return Allocation.objects.filter(child=child, ended_on__isnull=True).first()


def holding_team(child: Person, current: Allocation | None) -> Team | None:
    """The team holding the child's case: its current allocation's, else the team of a
    current case involvement (a case held before allocations were recorded)."""
    if current is not None:
        return current.team
    held = _case_involvements(child).current().filter(team__isnull=False).select_related("team")
    return next((i.team for i in held), None)


def _case_involvements(child: Person):
    return Involvement.objects.filter(child=child, kind__in=CASE_KINDS)


def _worker_changes(current: Allocation | None, worker: Staff | None) -> bool:
    """Whether the child's social worker changes (a DfE return counts the changes)."""
    return (
        current is not None
        and current.worker_id is not None
        and worker is not None
        and current.worker_id != worker.pk
    )


def _check_allocation(
    *,
    child: Person,
    current,
    team: Team,
    worker: Staff | None,
    allocated_by,
    change_reason: str,
    on: date,
) -> None:
    """Refuse an allocation that the manager may not make or that does not change anything."""
    if allocated_by.role != Role.TEAM_MANAGER or not (
        _is_manager_of(allocated_by, team)
        or (current and _is_manager_of(allocated_by, current.team))
    ):
        raise PermissionDenied("A manager of the team allocates its cases.")
    holder = holding_team(child, current)
    if holder is not None and holder != team and not _is_manager_of(allocated_by, holder):
        # Taking a case into one's own team would open the whole record to it.
        raise PermissionDenied(f"{holder} holds this case: a manager of {holder} transfers it.")
    if worker is not None:
        if worker.role not in SOCIAL_CARE_ROLES or not worker.is_active:
            raise DomainError("Allocate the case to a social-care worker.", field="worker")
        if not worker.memberships.filter(team=team, ended_on__isnull=True).exists():
            raise DomainError(f"{worker} is not in {team}.", field="worker")
    if current and current.team_id == team.pk and current.worker_id == getattr(worker, "pk", None):
        raise DomainError("The case is already allocated there.")
    if _worker_changes(current, worker) and change_reason not in SocialWorkerChangeReason.values:
        raise DomainError("Say why the child's social worker is changing.", field="change_reason")
    if current and on < current.started_on:
        raise DomainError("A new allocation cannot start before the current one.", field="on")


def _hand_over(*, child: Person, current: Allocation | None, team: Team, worker, by, on: date):
    """End the current allocation; whoever held the case (with or without an Allocation row)
    keeps it through the day of the handover, and loses it the next (an involvement's end
    date is its last day); the new team, and worker if named, hold it from `on`."""
    if current:
        current.ended_on = on
        current.save(update_fields=["ended_on"])
    involvements_end(involvements=_case_involvements(child), by=by, ended_on=on)
    holders = [Involvement(child=child, kind=InvolvementKind.CASE_TEAM, team=team, started_on=on)]
    if worker is not None:
        holders.append(
            Involvement(
                child=child,
                kind=InvolvementKind.ALLOCATED_WORKER,
                staff=worker,
                team=team,
                started_on=on,
            )
        )
    involvements_start(involvements=holders, by=by)


@transaction.atomic
def allocation_assign(
    *,
    child: Person,
    team: Team,
    worker: Staff | None,
    allocated_by,
    change_reason: str = "",
    on: date | None = None,
) -> Allocation:
    """Allocate (or reallocate) a child's case. The previous allocation ends the same day.

    Only a manager of the receiving team, or of the team that holds the case, allocates.
    """
    on = on or timezone.localdate()
    current = Allocation.objects.select_for_update().filter(child=child, ended_on=None).first()
    _check_allocation(
        child=child,
        current=current,
        team=team,
        worker=worker,
        allocated_by=allocated_by,
        change_reason=change_reason,
        on=on,
    )
    worker_changes = _worker_changes(current, worker)
    _hand_over(child=child, current=current, team=team, worker=worker, by=allocated_by, on=on)
    allocation = Allocation(
        child=child,
        team=team,
        worker=worker,
        started_on=on,
        change_reason=change_reason if worker_changes else "",
        allocated_by=allocated_by,
    )
    clean_or_refuse(allocation)
    allocation.save()
    audit.record(
        actor=allocated_by,
        verb="allocated",
        obj=allocation,
        child=child,
        payload={
            "team": team.pk,
            "worker": getattr(worker, "pk", None),
            "previous": getattr(current, "pk", None),
            "reason": change_reason,
        },
    )
    who = f"{worker} ({team})" if worker else f"{team}, awaiting a worker"
    entry_add(
        child=child,
        when=timezone.now(),
        kind=EntryKind.ALLOCATION,
        summary=f"Case allocated to {who}.",
        source=allocation,
        recorded_by=allocated_by,
    )
    return allocation


@transaction.atomic
def allocation_end(*, child: Person, ended_by, on: date | None = None) -> None:
    """End the current allocation and the case's involvements (the case has closed)."""
    on = on or timezone.localdate()
    access.require(ended_by, "edit", child)
    Allocation.objects.filter(child=child, ended_on=None).update(ended_on=on)
    involvements_end(involvements=_case_involvements(child), by=ended_by, ended_on=on)
    audit.record(actor=ended_by, verb="allocation_ended", obj=child, child=child)
