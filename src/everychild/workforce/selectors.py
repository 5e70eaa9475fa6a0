"""Reads for allocation and caseloads: who holds a child's case (and has held it), the teams
a manager manages and each worker's number of children."""

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.utils import timezone

from everychild import access
from everychild.frontdoor.models import Referral
from everychild.organisations.models import Staff, Team
from everychild.people.models import Person
from everychild.workforce.models import Allocation


def allocations_in_last_year(child: Person, today: date | None = None) -> list[Allocation]:
    """The child's allocations running at any time in the last 12 months, current one included."""
    today = today or timezone.localdate()
    since = today - relativedelta(months=12)
    return list(
        Allocation.objects.filter(child=child)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=since))
        .select_related("team", "worker")
    )


def workers_counted(allocations: list[Allocation]) -> int:
    return len({a.worker_id for a in allocations if a.worker_id is not None})


def workers_in_last_year(child: Person, today: date | None = None) -> int:
    """How many social workers the child has had in the last 12 months (an indicator)."""
    return workers_counted(allocations_in_last_year(child, today))


def allocation_history(child: Person) -> list[Allocation]:
    return list(Allocation.objects.filter(child=child).select_related("team", "worker"))


def managed_teams(user) -> list[Team]:
    """The teams `user` manages now, by name."""
    return list(
        Team.objects.filter(
            memberships__staff=user,
            memberships__is_manager=True,
            memberships__ended_on__isnull=True,
        ).order_by("name")
    )


def managed_team(user, team_id: int) -> Team:
    """The team with this id, if `user` manages it (PermissionDenied otherwise)."""
    team = next((t for t in managed_teams(user) if t.pk == team_id), None)
    if team is None:
        raise PermissionDenied("Only the team's managers see its caseloads.")
    return team


@dataclass
class Caseload:
    worker: Staff
    children: int


def team_caseloads(team: Team) -> list[Caseload]:
    counts = dict(
        Allocation.objects.filter(team=team, ended_on=None, worker__isnull=False)
        .values_list("worker")
        .annotate(n=Count("pk"))
    )
    members = Staff.objects.filter(
        memberships__team=team, memberships__ended_on__isnull=True
    ).order_by("last_name", "first_name")
    return [Caseload(worker=m, children=counts.get(m.pk, 0)) for m in members]


def awaiting_allocation(*, user) -> list[Referral]:
    """Open referrals whose child has no allocation yet, for managers to allocate."""
    allocated = Allocation.objects.filter(ended_on=None).values("child_id")
    return list(
        Referral.objects.filter(closed_on__isnull=True, withdrawn_at__isnull=True)
        .exclude(child_id__in=allocated)
        .filter(child__in=access.children_visible_to(user, "view_minimal"))
        .select_related("child", "contact")
        .order_by("referral_date")[:200]
    )
