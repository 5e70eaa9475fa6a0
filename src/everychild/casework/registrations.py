"""What casework shows on other apps' pages: the navigation, the casework panel on the
child's record (each referral with what followed it), and the work on the home pages of
social workers, chairs, personal advisers and team managers."""

from collections import defaultdict

from everychild.casework.models import ChildProtectionPlan, Recommendation
from everychild.casework.selectors import work_items
from everychild.casework.selectors.caseloads import my_work, team_work
from everychild.casework.selectors.panel import ChildCasework, child_casework
from everychild.core import registry
from everychild.core.calendar import span_in_words
from everychild.core.codes import ReasonForClosure, label_for
from everychild.organisations.roles import CASE_HOLDERS, Role
from everychild.workforce.selectors import awaiting_allocation, managed_teams

MY_WORK_ROLES = {Role.SOCIAL_WORKER, Role.CONFERENCE_CHAIR, Role.PERSONAL_ADVISER}


def referral_groups(casework: ChildCasework) -> list[dict]:
    """Each referral with its assessments, enquiries, plans and conferences (presentation)."""
    groups = []
    for referral in casework.referrals:

        def mine(records, referral_id=referral.pk):
            return [r for r in records if r.referral_id == referral_id]

        assessments, cin_plans = mine(casework.assessments), mine(casework.cin_plans)
        cp_plans, section47s = mine(casework.cp_plans), mine(casework.section47s)
        held = {c.section47_id for c in casework.conferences if c.section47_id}
        groups.append(
            {
                "referral": referral,
                "open": referral.closed_on is None,
                "closure_reason": label_for(ReasonForClosure, referral.closure_reason),
                "outcome": label_for(Recommendation, referral.outcome),
                "assessments": assessments,
                "section47s": section47s,
                "awaiting_icpc": [s for s in section47s if s.icpc_needed and s.pk not in held],
                "cin_plans": cin_plans,
                "cp_plans": cp_plans,
                "conferences": mine(casework.conferences),
                "assessment_under_way": any(a.authorised_on is None for a in assessments),
                "cin_plan_open": any(p.ended_on is None for p in cin_plans),
                "plans_open": any(p.ended_on is None for p in [*cin_plans, *cp_plans]),
            }
        )
    return groups


def child_panel(*, user, child, can_edit: bool) -> dict:
    casework = child_casework(user=user, child=child)
    return {
        "casework": casework,
        "referral_groups": referral_groups(casework),
        "is_manager": user.role == Role.TEAM_MANAGER,
        "is_chair": user.role == Role.CONFERENCE_CHAIR,
        "is_case_holder": user.role in CASE_HOLDERS,
    }


def team_panel(*, user) -> dict:
    return {
        "teams": [team_work(user=user, team=team) for team in managed_teams(user)],
        "awaiting_allocation": len(awaiting_allocation(user=user)),
    }


def household_plans(*, user, child_ids: list[int]) -> dict[int, list[str]]:
    """Each household child's child protection plans, for the contact page (the front door
    has checked access to the contact's child and audits the household's history)."""
    words: dict[int, list[str]] = defaultdict(list)
    plans = ChildProtectionPlan.objects.filter(child_id__in=child_ids).order_by("started_on")
    for plan in plans:
        category = plan.get_latest_category_display().lower()
        span = span_in_words(plan.started_on, plan.ended_on)
        words[plan.child_id].append(f"Child protection plan ({category}) {span}")
    return words


def register() -> None:
    # My work, Team and a worker's caseload list every domain's clocks on their children.
    registry.host(work_items.HOST, work_items.HOST_DOC)
    registry.panel(work_items.HOST, "casework", fill=work_items.casework_items, order=10)
    registry.nav_item("My work", "casework:my_work", order=30, roles=MY_WORK_ROLES)
    registry.nav_item("Team", "casework:team", order=40, roles={Role.TEAM_MANAGER})
    registry.panel(
        "record.child",
        "casework",
        template="casework/_child_panel.html",
        fill=child_panel,
        order=50,
        prepare=lambda people: people.select_related("transition_plan"),
    )
    registry.panel("frontdoor.household", "cp_plans", fill=household_plans, order=10, template=None)
    registry.panel(
        "record.home",
        "my_work",
        template="casework/home/_my_work.html",
        fill=lambda *, user: {"my_work": my_work(user=user)},
        order=40,
        roles=MY_WORK_ROLES,
    )
    registry.panel(
        "record.home",
        "team",
        template="casework/home/_team.html",
        fill=team_panel,
        order=50,
        roles={Role.TEAM_MANAGER},
    )
