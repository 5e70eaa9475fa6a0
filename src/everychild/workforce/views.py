"""Allocation pages for team managers: the cases waiting for a worker, allocating and
reallocating them, and the team's caseloads."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from everychild import access
from everychild.access.selectors import child_for
from everychild.core.ui import run_service
from everychild.organisations.models import Staff, Team, TeamKind
from everychild.organisations.roles import SOCIAL_CARE_ROLES, Role
from everychild.workforce import forms, selectors, services
from everychild.workforce.models import Allocation

# Teams that hold children's cases, to which a manager may transfer a case they hold.
CASE_TEAMS = {
    TeamKind.ASSESSMENT,
    TeamKind.CHILD_IN_NEED,
    TeamKind.CHILDREN_IN_CARE,
    TeamKind.LEAVING_CARE,
    TeamKind.DISABLED_CHILDREN,
}


def _require_manager(user) -> None:
    if user.role != Role.TEAM_MANAGER:
        raise PermissionDenied("Team managers allocate cases.")


@require_GET
def awaiting(request):
    _require_manager(request.user)
    referrals = selectors.awaiting_allocation(user=request.user)
    return render(request, "workforce/awaiting.html", {"referrals": referrals})


def _teams_for(user, current) -> list[Team]:
    """The teams this manager may allocate into: their own, and any case-holding team of the
    same council when they manage the team that holds the case now."""
    teams = selectors.managed_teams(user)
    if current and current.team in teams:
        others = Team.objects.filter(
            organisation_id=current.team.organisation_id, kind__in=CASE_TEAMS
        ).exclude(pk__in=[t.pk for t in teams])
        teams = [*teams, *others.order_by("name")]
    return teams


def _choices(teams: list[Team]) -> list:
    """(team, [(team:worker, name (caseload))]) groups for the allocation select."""
    groups = []
    for team in teams:
        options = [(f"{team.pk}:", f"{team.name}, awaiting a worker")]
        for load in selectors.team_caseloads(team):
            worker = load.worker
            if worker.role in SOCIAL_CARE_ROLES and worker.is_active:
                count = f"{load.children} child{'ren' if load.children != 1 else ''}"
                options.append((f"{team.pk}:{worker.pk}", f"{worker} ({count})"))
        groups.append((team.name, options))
    return groups


def _back_from(user, child) -> str:
    """The child's page, for a manager who may see it; otherwise the cases awaiting one."""
    if access.can(user, "view", child):
        return reverse("record:child", args=[child.pk])
    return reverse("workforce:awaiting")


@require_http_methods(["GET", "POST"])
def allocate(request, child_id: int):
    user = request.user
    _require_manager(user)
    child = child_for(user, child_id, "view_minimal")
    current = services.current_allocation(child)
    teams = _teams_for(user, current)
    form = forms.AllocateForm(
        request.POST or None, choices=_choices(teams), initial={"on": timezone.localdate()}
    )

    def assign(data) -> Allocation:
        team_id, worker_id = form.team_and_worker()
        return services.allocation_assign(
            child=child,
            team=next(t for t in teams if t.pk == team_id),
            worker=get_object_or_404(Staff, pk=worker_id) if worker_id else None,
            allocated_by=user,
            change_reason=data["change_reason"],
            on=data["on"],
        )

    done = run_service(
        request,
        form,
        assign,
        success=lambda allocation: (
            f"{child.full_name}'s case is allocated to "
            f"{allocation.worker or f'{allocation.team}, awaiting a worker'}."
        ),
        then=lambda _: _back_from(user, child),
    )
    if done:
        return done
    can_view = access.can(user, "view", child)
    holder = services.holding_team(child, current)
    context = {
        "child": child,
        "form": form,
        "current": current,
        "held_elsewhere": holder
        if holder and holder not in selectors.managed_teams(user)
        else None,
        "history": selectors.allocation_history(child) if can_view else [],
        "workers_last_year": selectors.workers_in_last_year(child) if can_view else None,
        "back_url": _back_from(user, child),
    }
    return render(request, "workforce/allocate.html", context)


@require_GET
def caseloads(request, team_id: int):
    user = request.user
    _require_manager(user)
    team = selectors.managed_team(user, team_id)
    loads = selectors.team_caseloads(team)
    context = {"team": team, "caseloads": loads, "total": sum(c.children for c in loads)}
    return render(request, "workforce/caseloads.html", context)
