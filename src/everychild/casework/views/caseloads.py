"""Pages: My work, Team, and a worker's caseload as their team's managers see it."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from everychild.casework.selectors import caseloads
from everychild.organisations.models import Staff
from everychild.organisations.roles import Role
from everychild.workforce.selectors import managed_team, managed_teams


@require_GET
def my_work(request):
    work = caseloads.my_work(user=request.user)
    return render(request, "casework/my_work.html", {"work": work})


TEAM_LIST_LIMIT = 25


def _due_soon(items, days: int = 5):
    today = timezone.localdate()
    return [
        i
        for i in items
        if not i.clock.is_overdue(today) and i.clock.working_days_left(today) <= days
    ]


@require_GET
def team(request):
    user = request.user
    if user.role != Role.TEAM_MANAGER:
        raise PermissionDenied("The Team page is for team managers.")
    teams = [caseloads.team_work(user=user, team=t) for t in managed_teams(user)]
    # A big team's lists run to hundreds: the most overdue first, the rest on request.
    show_all = request.GET.get("all") == "1"
    limit = None if show_all else TEAM_LIST_LIMIT
    for work in teams:
        work.due_soon = _due_soon(work.items)
        work.overdue_shown = work.overdue[:limit]
        work.due_soon_shown = work.due_soon[:limit]
    return render(request, "casework/team.html", {"teams": teams, "show_all": show_all})


@require_GET
def worker_caseload(request, team_id: int, worker_id: int):
    """One worker's children and every clock on them, for the team's managers."""
    user = request.user
    if user.role != Role.TEAM_MANAGER:
        raise PermissionDenied("Team managers allocate cases.")
    team = managed_team(user, team_id)
    worker = get_object_or_404(
        Staff, pk=worker_id, memberships__team=team, memberships__ended_on__isnull=True
    )
    caseload = caseloads.worker_caseload(user=user, team=team, worker=worker)
    return render(request, "casework/worker_caseload.html", {"caseload": caseload})
