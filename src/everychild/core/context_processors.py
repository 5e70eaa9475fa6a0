from django.conf import settings
from django.urls import reverse

from everychild.care.selectors.corporate import CORPORATE_PARENTING_ROLES
from everychild.organisations.roles import SOCIAL_CARE_ROLES, Role


def _navigation(user) -> list[tuple[str, str]]:
    if not user.is_authenticated:
        return []
    items = [("Home", reverse("home"))]
    if user.role in {Role.MASH, Role.TEAM_MANAGER}:
        items += [
            ("Front door", reverse("frontdoor:queue")),
            ("Alerts", reverse("frontdoor:alerts")),
        ]
    if user.role in {Role.SOCIAL_WORKER, Role.CONFERENCE_CHAIR, Role.PERSONAL_ADVISER}:
        items.append(("My work", reverse("casework:my_work")))
    if user.role == Role.TEAM_MANAGER:
        items.append(("Team", reverse("casework:team")))
    if user.role == Role.CONFERENCE_CHAIR:
        items.append(("My challenges", reverse("care:iro_challenges")))
    if user.role == Role.PERSONAL_ADVISER:
        items.append(("Care leavers", reverse("care:care_leavers")))
    if user.role in CORPORATE_PARENTING_ROLES:
        items.append(("Corporate parenting", reverse("care:corporate_parenting")))
    if user.role == Role.LADO:
        items += [
            ("Allegations", reverse("lado:allegations")),
            ("Dashboard", reverse("lado:dashboard")),
            ("Engagement", reverse("lado:engagement")),
            ("Annual report", reverse("lado:annual_report")),
        ]
    items.append(("Find a child", reverse("people:search")))
    if user.organisation_id and user.role not in {Role.DPO, Role.ANALYST, Role.DIRECTOR}:
        items.append(("Raise a concern", reverse("frontdoor:raise_concern")))
    if user.role == Role.PARTNER:
        items += [
            ("My concerns", reverse("frontdoor:my_concerns")),
            ("Requests", reverse("frontdoor:agency_requests")),
        ]
    if user.role == Role.DPO:
        items.append(("What staff looked at", reverse("access:staff_list")))
        items.append(("Break-glass reviews", reverse("access:break_glass_log")))
    if user.role == Role.ADMINISTRATOR or user.is_superuser:
        items = [("Home", reverse("home")), ("Administration", reverse("admin:index"))]
    return items


def service(request):
    user = request.user
    path = request.path
    nav = [
        {
            "text": text,
            "href": href,
            "active": href == path or (href != "/" and path.startswith(href)),
        }
        for text, href in _navigation(user)
    ]
    return {
        "authority_name": settings.AUTHORITY_NAME,
        "service_phase": settings.SERVICE_PHASE,
        "navigation": nav,
        "is_social_care": getattr(user, "role", None) in SOCIAL_CARE_ROLES,
    }
