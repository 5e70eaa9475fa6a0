"""Child in need rows: the plan, its reviews, its start and end for a manager's sign-off, and
the partners who are members of it."""

from typing import TYPE_CHECKING

from everychild.casework.models import ChildInNeedPlan, ChildInNeedReview, DecisionKind
from everychild.demo.casework_history.cases import Case, NeedPlan, age_band
from everychild.demo.casework_history.text import CIN_OUTCOMES, CIN_REVIEW
from everychild.demo.writer import EntryKind, InvolvementKind, Visibility, pk_of

if TYPE_CHECKING:
    from everychild.demo.casework_history.rows import CaseRows


def cin_plan_rows(w: "CaseRows", case: Case, plan: NeedPlan) -> None:
    plan.id = w.b.next_id(ChildInNeedPlan)
    worker = w.worker_at(case, plan.start)
    w.put(
        ChildInNeedPlan,
        id=plan.id,
        child_id=case.child_id,
        referral_id=case.referral_id,
        started_on=plan.start,
        ended_on=plan.end,
        end_reason=plan.end_reason if plan.end else "",
        outcomes=w.rng.choice(CIN_OUTCOMES),
        version=2 if plan.end else 1,
        modified_by_id=pk_of(worker),
        modified_at=w.at(plan.end or plan.start, 16),
    )
    asked = w.plan_decision(
        case,
        DecisionKind.PLAN_START,
        ChildInNeedPlan,
        plan.id,
        "Start of a child in need plan.",
        worker,
        plan.start,
        15,
        60,
    )
    w.entry(
        case,
        asked,
        EntryKind.CIN_PLAN,
        "Child in need plan started.",
        ChildInNeedPlan,
        plan.id,
        worker,
        Visibility.PARTNERS,
    )
    _reviews(w, case, plan, worker)
    if plan.end:
        by = w.worker_at(case, plan.end) or worker
        asked = w.plan_decision(
            case,
            DecisionKind.PLAN_END,
            ChildInNeedPlan,
            plan.id,
            f"End of the child in need plan: {plan.end_reason}",
            by,
            plan.end,
            16,
            60,
        )
        w.entry(
            case,
            asked,
            EntryKind.CIN_PLAN,
            f"Child in need plan ended: {plan.end_reason[:200]}",
            ChildInNeedPlan,
            plan.id,
            by,
            Visibility.PARTNERS,
        )
    _members(w, case, plan)


def _reviews(w: "CaseRows", case: Case, plan: NeedPlan, worker) -> None:
    for held in plan.reviews:
        pk = w.b.next_id(ChildInNeedReview)
        summary = w.rng.choice(CIN_REVIEW)
        by = w.worker_at(case, held) or worker
        w.put(
            ChildInNeedReview,
            id=pk,
            plan_id=plan.id,
            held_on=held,
            summary=summary,
            recorded_by_id=by.pk,
        )
        w.entry(
            case,
            w.at(held, 14),
            EntryKind.CIN_PLAN,
            f"Child in need review: {summary[:240]}",
            ChildInNeedReview,
            pk,
            by,
        )


def _members(w: "CaseRows", case: Case, plan: NeedPlan) -> None:
    """The school's safeguarding lead and, for small children, the health visitor."""
    b, rng = w.b, w.rng
    _, months = age_band(w.people[case.child_id], plan.start)
    school = b.school_of.get(case.child_id)
    members = []
    if school and months >= 48 and (school == w.demo_school or rng.random() < 0.5):
        members.append(b.school_leads[school.pk])
    if months < 60 and rng.random() < 0.4:
        members.append(rng.choice(w.staffing.health_visitors))
    for staff in members:
        w.involve(case, InvolvementKind.PLAN_MEMBER, staff, plan.start, plan.end)
