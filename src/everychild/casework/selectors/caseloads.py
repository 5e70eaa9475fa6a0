"""Caseloads: My work, Team and a worker's caseload. The children a worker or a team holds
and every clock on them, overdue first, each page in a fixed number of queries."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from everychild import access, audit
from everychild.access.models import Involvement, InvolvementKind
from everychild.casework.models import KeyDecision
from everychild.casework.selectors.work_items import (
    STAFF_FIELDS,
    WithOverdue,
    WorkItem,
    actions_for,
    sorted_items,
    work_for_children,
)
from everychild.organisations.models import Staff, Team
from everychild.organisations.roles import Role
from everychild.people.models import Person
from everychild.workforce.models import Allocation
from everychild.workforce.selectors import managed_teams, team_caseloads

# ---- My work ----------------------------------------------------------------------------------


@dataclass
class MyWork(WithOverdue):
    children: list[Person]
    items: list[WorkItem]


def my_work(*, user) -> MyWork:
    """A worker's children (allocated, or chaired or advised) and everything due on them,
    overdue first."""
    own = set(
        Allocation.objects.filter(worker=user, ended_on__isnull=True).values_list(
            "child_id", flat=True
        )
    ) | set(
        Involvement.objects.current()
        .filter(
            staff=user,
            kind__in=[InvolvementKind.CONFERENCE_CHAIR, InvolvementKind.PERSONAL_ADVISER],
        )
        .values_list("child_id", flat=True)
    )
    visible = access.children_visible_to(user, "view", Person.objects.filter(pk__in=own))
    children = sorted(visible, key=lambda c: c.full_name)
    items = work_for_children(children) + actions_for(Q(owner=user), user)
    return MyWork(children=children, items=sorted_items(items))


# ---- Team -------------------------------------------------------------------------------------


def _require_managed(user, team: Team, message: str) -> None:
    if user.role != Role.TEAM_MANAGER or team not in managed_teams(user):
        raise PermissionDenied(message)


@dataclass
class TeamWork(WithOverdue):
    team: Team
    caseloads: list
    items: list[WorkItem]
    awaiting_sign_off: list[KeyDecision]
    unallocated: list[Allocation]


def team_work(*, user, team: Team) -> TeamWork:
    """A manager's view of one team: overdue work, caseloads, decisions to sign off."""
    _require_managed(user, team, "Only the team's managers see its work.")
    allocations = list(
        Allocation.objects.filter(team=team, ended_on__isnull=True)
        .select_related("child")
        .only(
            "id",
            "team_id",
            "worker_id",
            "started_on",
            "ended_on",
            "child__id",
            "child__kind",
            "child__given_name",
            "child__family_name",
        )
    )
    children = [a.child for a in allocations]
    workers = Staff.objects.only(*STAFF_FIELDS).in_bulk({a.worker_id for a in allocations})
    owner_of = {a.child_id: str(workers.get(a.worker_id, "unallocated")) for a in allocations}
    members = list(
        team.memberships.filter(ended_on__isnull=True).values_list("staff_id", flat=True)
    )
    held = Allocation.objects.filter(team=team, ended_on__isnull=True).values("child_id")
    items = work_for_children(children, owner_of=owner_of, ids=held) + actions_for(
        Q(owner_id__in=members), user, known={c.pk: c for c in children}
    )
    awaiting = list(
        KeyDecision.objects.filter(decided_at__isnull=True, child_id__in=held)
        .select_related("child", "requested_by")
        .order_by("requested_at")
    )
    return TeamWork(
        team=team,
        caseloads=team_caseloads(team),
        items=sorted_items(items),
        awaiting_sign_off=awaiting,
        unallocated=[a for a in allocations if a.worker_id is None],
    )


# ---- a worker's caseload ----------------------------------------------------------------------


@dataclass
class WorkerCaseload(WithOverdue):
    team: Team
    worker: Staff
    allocations: list[Allocation]  # with their child, by the child's name
    items: list[WorkItem]  # every clock on those children, overdue first


def worker_caseload(*, user, team: Team, worker: Staff) -> WorkerCaseload:
    """One worker's children in a team the user manages, with every clock on them. The
    listing is audited (it names the children)."""
    _require_managed(user, team, "Only the team's managers see its caseloads.")
    allocations = sorted(
        Allocation.objects.filter(team=team, worker=worker, ended_on__isnull=True).select_related(
            "child"
        ),
        key=lambda a: (a.child.family_name, a.child.given_name, a.child_id),
    )
    children = [a.child for a in allocations]
    items = work_for_children(children) + actions_for(
        Q(owner=worker), user, known={c.pk: c for c in children}
    )
    audit.record(
        actor=user,
        verb="viewed_caseload",
        payload={"team": team.pk, "worker": worker.pk, "children": len(children)},
    )
    return WorkerCaseload(team, worker, allocations, sorted_items(items))
