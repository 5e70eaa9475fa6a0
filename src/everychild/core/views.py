from django.shortcuts import render
from django.views.decorators.http import require_GET

from everychild.casework.selectors.caseloads import my_work, team_work
from everychild.core import selectors
from everychild.frontdoor.selectors import front_door_summary, partner_summary
from everychild.lado.selectors import home_summary as lado_home_summary
from everychild.lado.selectors import named_allegations
from everychild.organisations.roles import Role
from everychild.people.selectors import caseload_for
from everychild.workforce.selectors import awaiting_allocation, managed_teams

_CASE_HOLDERS = {Role.SOCIAL_WORKER, Role.CONFERENCE_CHAIR, Role.PERSONAL_ADVISER, Role.PARTNER}
_TEAM_VIEW = {Role.TEAM_MANAGER, Role.MASH}
_MY_WORK = {Role.SOCIAL_WORKER, Role.CONFERENCE_CHAIR, Role.PERSONAL_ADVISER}


@require_GET
def home(request):
    user = request.user
    context = {"role": user.role}
    if user.role in _CASE_HOLDERS:
        context["caseload"] = caseload_for(user=user)
    if user.role in _TEAM_VIEW:
        context["caseload"] = caseload_for(user=user, team_wide=True)
        context["front_door"] = front_door_summary(user=user)
    if user.role in _MY_WORK:
        context["my_work"] = my_work(user=user)
    if user.role == Role.TEAM_MANAGER:
        context["teams"] = [team_work(user=user, team=team) for team in managed_teams(user)]
        context["awaiting_allocation"] = len(awaiting_allocation(user=user))
    if user.role == Role.PARTNER:
        context["partner"] = partner_summary(user=user)
    if user.role in {Role.ANALYST, Role.DIRECTOR}:
        context["figures"] = selectors.borough_at_a_glance()
    if user.role == Role.DPO:
        context["break_glass_awaiting"] = selectors.break_glass_awaiting_review()
    if user.role == Role.LADO:
        context["lado"] = lado_home_summary(user=user)
    elif user.role != Role.ADMINISTRATOR:
        # Anyone the LADO has named on an allegation (an employer's designated officer, a
        # police officer) finds it here; nobody else sees anything.
        context["named_allegations"] = named_allegations(user=user)
    return render(request, "core/home.html", context)


def forbidden(request, exception=None):
    return render(request, "errors/403.html", {"message": str(exception or "")}, status=403)


def not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def server_error(request):
    return render(request, "errors/500.html", status=500)
