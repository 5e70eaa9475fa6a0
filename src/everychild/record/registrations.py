"""The host pages this app owns, and what it shows on them itself (from the layers below the
domains: the person index and the access policy)."""

from everychild.core import registry
from everychild.organisations.roles import Role
from everychild.record.selectors import borough_at_a_glance, caseload_for

CASE_HOLDING = {Role.SOCIAL_WORKER, Role.CONFERENCE_CHAIR, Role.PERSONAL_ADVISER, Role.PARTNER}
TEAM_VIEW = {Role.TEAM_MANAGER, Role.MASH}


def caseload(*, user) -> dict:
    return {"caseload": caseload_for(user=user, team_wide=user.role in TEAM_VIEW)}


def figures(*, user) -> dict:
    return {"figures": borough_at_a_glance()}


def register() -> None:
    registry.host(
        "record.child",
        "The child's record, between who the child is and their household: "
        "fill(user, child, can_edit) -> dict | None; prepare(people queryset) -> queryset.",
    )
    registry.host(
        "record.child_actions",
        "Buttons under the child's name on their record: fill(user, child, can_edit).",
    )
    registry.host("record.home", "Each role's home page: fill(user) -> dict | None.")
    registry.nav_item("Home", "home", order=0)
    registry.nav_item("Find a child", "record:search", order=100)
    registry.panel(
        "record.home",
        "caseload",
        template="record/home/_caseload.html",
        fill=caseload,
        order=80,
        roles=CASE_HOLDING | TEAM_VIEW,
    )
    registry.panel(
        "record.home",
        "figures",
        template="record/home/_figures.html",
        fill=figures,
        order=90,
        roles={Role.ANALYST, Role.DIRECTOR},
    )
