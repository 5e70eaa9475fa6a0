"""Child in need plans: started on a referral, reviewed at least every three months, ended
(a plan's start and end wait for a manager's sign-off)."""

from datetime import date

from django.db import transaction

from everychild import access
from everychild.casework.models import ChildInNeedPlan, ChildInNeedReview, DecisionKind
from everychild.casework.services._common import (
    ask_sign_off,
    meeting_record,
    plan_end,
    recorded,
    require_case_holder,
    require_open_case,
)
from everychild.core.errors import DomainError, clean_or_refuse, not_future
from everychild.core.versioning import locked_for_edit
from everychild.frontdoor.models import Referral


@transaction.atomic
def cin_plan_start(
    *, referral: Referral, started_by, started_on: date, outcomes: str
) -> ChildInNeedPlan:
    require_open_case(started_by, referral)
    not_future(started_on, "started_on")
    if started_on < referral.referral_date:
        raise DomainError("A plan cannot start before the referral.", field="started_on")
    if referral.child.cin_plans.filter(ended_on__isnull=True).exists():
        raise DomainError("This child already has a child in need plan.")
    if not outcomes.strip():
        raise DomainError("Say what the plan is to achieve.", field="outcomes")
    plan = ChildInNeedPlan(
        child=referral.child,
        referral=referral,
        started_on=started_on,
        outcomes=outcomes.strip(),
        modified_by=started_by,
    )
    clean_or_refuse(plan)
    plan.save()
    ask_sign_off(
        child=plan.child,
        kind=DecisionKind.PLAN_START,
        subject=plan,
        by=started_by,
        summary="Start of a child in need plan.",
    )
    recorded(
        plan,
        "cin_plan_started",
        by=started_by,
        when=started_on,
        summary="Child in need plan started.",
    )
    return plan


@transaction.atomic
def cin_review_record(
    *, plan: ChildInNeedPlan, recorded_by, held_on: date, summary: str
) -> ChildInNeedReview:
    access.require(recorded_by, "edit", plan.child)
    not_future(held_on, "held_on")
    if plan.ended_on is not None:
        raise DomainError("This plan has ended.")
    if held_on < plan.started_on:
        raise DomainError("A review cannot come before the plan.", field="held_on")
    if not summary.strip():
        raise DomainError("Record what the review found.", field="summary")
    return meeting_record(
        ChildInNeedReview,
        plan=plan,
        recorded_by=recorded_by,
        held_on=held_on,
        summary=summary,
        verb="cin_review_recorded",
        what="Child in need review",
    )


@transaction.atomic
def cin_plan_end(
    *, plan: ChildInNeedPlan, ended_by, ended_on: date, reason: str, version: int | None = None
) -> ChildInNeedPlan:
    require_case_holder(ended_by, plan.child)
    plan = locked_for_edit(ChildInNeedPlan, plan, version)
    if plan.ended_on is not None:
        raise DomainError("This plan has already ended.")
    not_future(ended_on, "ended_on")
    if ended_on < plan.started_on:
        raise DomainError("A plan cannot end before it starts.", field="ended_on")
    if not reason.strip():
        raise DomainError("Say why the plan is ending.", field="reason")
    plan_end(plan, "cin_plan_ended", by=ended_by, ended_on=ended_on, reason=reason.strip())
    return plan
