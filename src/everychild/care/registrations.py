"""What children in care shows on other apps' pages: the navigation, the care panel on the
child's record, and the care links on social care's home pages."""

from collections import defaultdict

from everychild.care.models import PeriodOfCare
from everychild.care.selectors.child import care_status, with_care_status
from everychild.care.selectors.corporate import CORPORATE_PARENTING_ROLES
from everychild.care.work_items import care_work_items
from everychild.core import hooks, registry
from everychild.core.calendar import span_in_words
from everychild.organisations.roles import CASE_HOLDERS, SOCIAL_CARE_ROLES, Role


def _with_care(people):
    """The child's care status and care-leaver record come with the record's own query."""
    return with_care_status(people).select_related("care_leaver")


def child_panel(*, user, child, can_edit: bool) -> dict:
    return {"care_status": care_status(child), "is_case_holder": user.role in CASE_HOLDERS}


def household_care(*, user, child_ids: list[int]) -> dict[int, list[str]]:
    """Each household child's periods of care, for the contact page."""
    words: dict[int, list[str]] = defaultdict(list)
    periods = PeriodOfCare.objects.filter(child_id__in=child_ids).order_by("started_on")
    for period in periods:
        words[period.child_id].append(
            f"In care {span_in_words(period.started_on, period.ended_on)}"
        )
    return words


def register() -> None:
    hooks.declare(
        "care.missing_episode_recorded",
        "A child was reported missing (by social care or the police): child, episode, by.",
    )
    # The care plan's clocks on My work, Team and a worker's caseload (casework's host).
    registry.panel("casework.work_items", "care", fill=care_work_items, order=60)
    registry.nav_item(
        "My challenges", "care:iro_challenges", order=50, roles={Role.CONFERENCE_CHAIR}
    )
    registry.nav_item("Care leavers", "care:care_leavers", order=60, roles={Role.PERSONAL_ADVISER})
    registry.nav_item(
        "Corporate parenting",
        "care:corporate_parenting",
        order=70,
        roles=CORPORATE_PARENTING_ROLES,
    )
    registry.panel(
        "record.child",
        "care",
        template="care/_child_panel.html",
        fill=child_panel,
        order=60,
        roles=SOCIAL_CARE_ROLES,
        prepare=_with_care,
    )
    registry.panel("frontdoor.household", "care", fill=household_care, order=20)
    registry.panel(
        "record.home",
        "children_in_care",
        template="care/home/_children_in_care.html",
        fill=lambda *, user: {},
        order=60,
        roles=SOCIAL_CARE_ROLES,
    )
