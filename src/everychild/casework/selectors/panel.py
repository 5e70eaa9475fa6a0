"""The child's casework, for the casework panel of the child's record page."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch
from django.utils import timezone

from everychild import access
from everychild.casework.models import (
    Assessment,
    CaseNote,
    ChildInNeedPlan,
    ChildProtectionConference,
    ChildProtectionPlan,
    ConferenceKind,
    KeyDecision,
    Section47Enquiry,
    Supervision,
    SupervisionAction,
    TransitionPlan,
)
from everychild.casework.selectors.work_items import OpenWork, WorkItem, items_from, sorted_items
from everychild.casework.services.transition import TRANSITION_AGE
from everychild.core.calendar import age_in_years
from everychild.frontdoor.models import Referral
from everychild.people.models import Person
from everychild.workforce.models import Allocation
from everychild.workforce.selectors import allocations_in_last_year, workers_counted


@dataclass
class ChildCasework:
    allocation: Allocation | None
    workers_last_year: int
    referrals: list[Referral]
    assessments: list[Assessment]
    cin_plans: list[ChildInNeedPlan]
    cp_plans: list[ChildProtectionPlan]
    conferences: list[ChildProtectionConference]
    section47s: list[Section47Enquiry]
    strategy_discussions: list
    decisions: list[KeyDecision]
    supervisions: list[Supervision]
    notes: list[CaseNote]
    items: list[WorkItem]
    transition_plan: TransitionPlan | None
    needs_transition_plan: bool


def _transition_plan(child: Person) -> TransitionPlan | None:
    try:
        return child.transition_plan  # fetched with the child where the page can
    except TransitionPlan.DoesNotExist:
        return None


def _needs_transition_plan(child: Person, transition: TransitionPlan | None) -> bool:
    """A disabled young person from 14 to 17 with no plan for moving to adult services."""
    disabled = bool(child.disabilities) and child.disabilities != ["NONE"]
    age = age_in_years(child.date_of_birth, timezone.localdate()) if child.date_of_birth else None
    return disabled and age is not None and TRANSITION_AGE <= age < 18 and transition is None


def _open_work(assessments, section47s, conferences, cp_plans, cin_plans) -> OpenWork:
    """The child's open work, from the records the panel shows anyway."""
    last_review: dict[int, date] = {}
    for c in conferences:
        if c.kind == ConferenceKind.REVIEW and c.plan_id:
            last_review[c.plan_id] = max(c.held_on, last_review.get(c.plan_id, c.held_on))
    return OpenWork(
        assessments=[a for a in assessments if a.authorised_on is None],
        section47s=section47s,
        icpc_held_for={c.section47_id for c in conferences if c.kind == ConferenceKind.INITIAL},
        cp_plans=[p for p in cp_plans if p.ended_on is None],
        last_review=last_review,
        cin_plans=[p for p in cin_plans if p.ended_on is None],
    )


def child_casework(*, user, child: Person) -> ChildCasework:
    """The casework panel of the child's page. The caller (the page) audits the read.

    The work items are made from the records the panel shows anyway (bench/casework.py
    holds the page to 30 queries).
    """
    access.require(user, "view", child)
    cp_plans = list(child.cp_plans.select_related("previous_plan"))
    transition = _transition_plan(child)
    recent = allocations_in_last_year(child)
    assessments = list(child.assessments.select_related("referral", "worker", "authorised_by"))
    cin_plans = list(child.cin_plans.all())
    conferences = list(child.conferences.select_related("chair"))
    section47s = list(child.section47s.select_related("strategy_discussion"))
    open_work = _open_work(assessments, section47s, conferences, cp_plans, cin_plans)
    return ChildCasework(
        allocation=next((a for a in recent if a.ended_on is None), None),
        workers_last_year=workers_counted(recent),
        referrals=list(child.referrals.filter(withdrawn_at__isnull=True)),
        assessments=assessments,
        cin_plans=cin_plans,
        cp_plans=cp_plans,
        conferences=conferences,
        section47s=section47s,
        strategy_discussions=list(
            child.strategy_discussions.prefetch_related("agencies").select_related("recorded_by")
        ),
        decisions=list(child.key_decisions.select_related("requested_by", "decided_by")[:20]),
        supervisions=list(
            child.supervisions.prefetch_related(
                Prefetch("actions", queryset=SupervisionAction.objects.select_related("owner"))
            ).select_related("manager", "worker")[:10]
        ),
        notes=list(child.case_notes.select_related("written_by")[:10]),
        items=sorted_items(items_from([child], open_work, {})),
        transition_plan=transition,
        needs_transition_plan=_needs_transition_plan(child, transition),
    )
