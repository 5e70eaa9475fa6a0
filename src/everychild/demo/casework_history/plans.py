"""Plans' rows: strategy discussions, section 47 enquiries, initial and review conferences,
child protection plans with their members and core groups; child in need plans with their
reviews and members. A plan's start and end wait for a manager's sign-off."""

from datetime import timedelta
from typing import TYPE_CHECKING

from everychild.casework.models import (
    ChildInNeedPlan,
    ChildInNeedReview,
    ChildProtectionConference,
    ChildProtectionPlan,
    ConferenceKind,
    ConferenceMember,
    ConferenceOutcome,
    CoreGroupMeeting,
    DecisionKind,
    Section47Enquiry,
    Section47Outcome,
    StrategyDecision,
    StrategyDiscussion,
)
from everychild.core.codes import CategoryOfAbuse
from everychild.demo.casework_history.cases import Case, Enquiry, NeedPlan, ProtectionPlan, age_band
from everychild.demo.casework_history.text import (
    CIN_OUTCOMES,
    CIN_REVIEW,
    CONFERENCE_SUMMARY,
    CORE_GROUP,
    CP_PLAN_TEXT,
    SECTION47_AGENCIES,
    STRATEGY_RATIONALE,
)
from everychild.demo.writer import EntryKind, InvolvementKind, Visibility, pk_of
from everychild.organisations.models import Staff

if TYPE_CHECKING:
    from everychild.demo.casework_history.rows import CaseRows


def enquiry_rows(w: "CaseRows", case: Case, enquiry: Enquiry) -> None:
    """The strategy discussion, and the section 47 enquiry and conference that followed."""
    worker = w.worker_at(case, enquiry.held_on) or w.staffing.managers[case.assessment_team]
    discussion = _strategy_discussion(w, case, enquiry, worker)
    if enquiry.decision != StrategyDecision.SECTION_47:
        return
    s47 = _section47(w, case, enquiry, discussion, worker)
    if enquiry.icpc_on is not None:
        _initial_conference(w, case, enquiry, s47)
    elif enquiry.icpc_needed and w.rng.random() < 0.7:  # a chair is booked already
        w.involve(
            case,
            InvolvementKind.CONFERENCE_CHAIR,
            w.chair(case),
            enquiry.completed_on,
            None if case.closed_on is None or case.closure_pending else case.closed_on,
        )


def _strategy_discussion(w: "CaseRows", case: Case, enquiry: Enquiry, worker: Staff) -> int:
    b, rng = w.b, w.rng
    agencies = [b.organisations["police"], b.organisations["community_health"]]
    if case.category in {"physical_abuse", "sexual_abuse"}:
        agencies.append(b.organisations["acute_trust"])
    school = b.school_of.get(case.child_id)
    if school and rng.random() < 0.6:
        agencies.append(school)
    names = ", ".join(str(a) for a in agencies)
    pk = enquiry.id = w.record(
        StrategyDiscussion,
        case,
        w.at(enquiry.held_on, 11),
        EntryKind.STRATEGY_DISCUSSION,
        f"Strategy discussion with {names}: {StrategyDecision(enquiry.decision).label}.",
        worker,
        referral_id=case.referral_id,
        held_on=enquiry.held_on,
        attendees=SECTION47_AGENCIES,
        decision=enquiry.decision,
        rationale=STRATEGY_RATIONALE[enquiry.decision],
        recorded_by_id=worker.pk,
    )
    through = StrategyDiscussion.agencies.through
    for org in agencies:
        w.put(through, strategydiscussion_id=pk, organisation_id=org.pk)
    return pk


def _section47(w: "CaseRows", case: Case, enquiry: Enquiry, discussion: int, worker) -> int:
    s47 = w.record(
        Section47Enquiry,
        case,
        w.at(enquiry.held_on, 12),
        EntryKind.SECTION_47,
        "Section 47 enquiry started.",
        worker,
        referral_id=case.referral_id,
        strategy_discussion_id=discussion,
        started_on=enquiry.held_on,
        completed_on=enquiry.completed_on,
        outcome=enquiry.outcome,
        icpc_needed=enquiry.icpc_needed,
        icpc_due_on=enquiry.icpc_due,
    )
    if enquiry.completed_on:
        next_step = (
            " An initial child protection conference is needed." if enquiry.icpc_needed else ""
        )
        w.entry(
            case,
            w.at(enquiry.completed_on, 15),
            EntryKind.SECTION_47,
            f"Section 47 enquiry completed: {Section47Outcome(enquiry.outcome).label}.{next_step}",
            Section47Enquiry,
            s47,
            w.worker_at(case, enquiry.completed_on) or worker,
        )
    return s47


def _initial_conference(w: "CaseRows", case: Case, enquiry: Enquiry, s47: int) -> None:
    b = w.b
    chair = w.chair(case)
    enquiry.chair = chair
    plan = enquiry.plan
    if plan:
        plan.chair = chair
        plan.id = b.next_id(ChildProtectionPlan)
    person = w.people[case.child_id]
    category = plan.category if plan else ""
    summary = CONFERENCE_SUMMARY[enquiry.icpc_outcome].format(
        name=person.given_name or "the baby",
        category=CategoryOfAbuse(category).label.lower() if category else "",
    )
    w.record(
        ChildProtectionConference,
        case,
        w.at(enquiry.icpc_on, 14),
        EntryKind.CONFERENCE,
        f"{ConferenceKind.INITIAL.label}: {ConferenceOutcome(enquiry.icpc_outcome).label}.",
        chair,
        referral_id=case.referral_id,
        kind=ConferenceKind.INITIAL,
        section47_id=s47,
        plan_id=plan.id if plan else None,
        held_on=enquiry.icpc_on,
        chair_id=chair.pk,
        outcome=enquiry.icpc_outcome,
        category=category,
        summary=summary,
        visibility=Visibility.PARTNERS,
    )
    # Booked when the enquiry found the need for a conference; involved until the plan ends.
    end = enquiry.icpc_on if plan is None else plan.end
    w.involve(case, InvolvementKind.CONFERENCE_CHAIR, chair, enquiry.completed_on, end)
    if plan:
        _cp_plan(w, case, plan, chair)
        _review_conferences(w, case, plan, chair)
        if plan.end:
            _cp_plan_end(w, case, plan, chair)
        _members(w, case, plan)
        _core_groups(w, case, plan, chair)


def _cp_plan(w: "CaseRows", case: Case, plan: ProtectionPlan, chair: Staff) -> None:
    previous = plan.previous
    again = ""
    if previous:
        again = (
            f" This is a second or subsequent plan: the previous one ran from "
            f"{previous.start:%d %b %Y} to {previous.end:%d %b %Y}."
        )
    latest = plan.reviews[-1][2] if plan.reviews else plan.category
    w.put(
        ChildProtectionPlan,
        id=plan.id,
        child_id=case.child_id,
        referral_id=case.referral_id,
        started_on=plan.start,
        initial_category=plan.category,
        latest_category=latest,
        ended_on=plan.end,
        end_reason=plan.end_reason if plan.end else "",
        is_repeat=previous is not None,
        previous_plan_id=previous.id if previous else None,
        plan=w.rng.choice(CP_PLAN_TEXT),
        version=2 + len(plan.reviews),
        modified_by_id=chair.pk,
        modified_at=w.at(plan.end or (plan.reviews[-1][0] if plan.reviews else plan.start), 16),
    )
    label = CategoryOfAbuse(plan.category).label
    w.plan_decision(
        case,
        DecisionKind.PLAN_START,
        ChildProtectionPlan,
        plan.id,
        f"Start of a child protection plan ({label}).{again}",
        chair,
        plan.start,
        15,
        40,
        {"repeat": previous is not None},
    )
    w.entry(
        case,
        w.at(plan.start, 15),
        EntryKind.CP_PLAN,
        f"Child protection plan started: {label}.{again}",
        ChildProtectionPlan,
        plan.id,
        chair,
        Visibility.PARTNERS,
    )


def _review_conferences(w: "CaseRows", case: Case, plan: ProtectionPlan, chair: Staff) -> None:
    for held, outcome, category in plan.reviews:
        w.record(
            ChildProtectionConference,
            case,
            w.at(held, 14),
            EntryKind.CONFERENCE,
            f"{ConferenceKind.REVIEW.label}: {ConferenceOutcome(outcome).label}.",
            chair,
            referral_id=case.referral_id,
            kind=ConferenceKind.REVIEW,
            plan_id=plan.id,
            held_on=held,
            chair_id=chair.pk,
            outcome=outcome,
            category=category,
            summary=CONFERENCE_SUMMARY[outcome],
            visibility=Visibility.PARTNERS,
        )


def _cp_plan_end(w: "CaseRows", case: Case, plan: ProtectionPlan, chair: Staff) -> None:
    w.plan_decision(
        case,
        DecisionKind.PLAN_END,
        ChildProtectionPlan,
        plan.id,
        f"End of the child protection plan: {plan.end_reason}",
        chair,
        plan.end,
        16,
        40,
    )
    w.entry(
        case,
        w.at(plan.end, 16),
        EntryKind.CP_PLAN,
        f"Child protection plan ended: {plan.end_reason[:200]}",
        ChildProtectionPlan,
        plan.id,
        chair,
        Visibility.PARTNERS,
    )


def _members(w: "CaseRows", case: Case, plan: ProtectionPlan) -> None:
    """The conference's members: police, health, school and sometimes GP."""
    b, rng = w.b, w.rng
    band, months = age_band(w.people[case.child_id], plan.start)
    members = []
    if rng.random() < 0.85 or case.demo:
        # The demo officer (one of the police's detectives) sits on the demo worker's.
        members.append(w.police_officer if case.demo else rng.choice(w.staffing.police))
    if band in {"unborn", "baby", "little"} and months < 60:
        members.append(rng.choice(w.staffing.health_visitors))
    elif rng.random() < 0.6:
        members.append(rng.choice(w.staffing.school_nurses))
    school = b.school_of.get(case.child_id)
    if school and months >= 48 and (school == w.demo_school or rng.random() < 0.9):
        members.append(b.school_leads[school.pk])
    gp = w.staffing.gp_of.get(case.child_id)
    if gp and rng.random() < 0.3:
        members.append(gp)
    to_on = plan.end - timedelta(days=1) if plan.end else None
    for staff in dict.fromkeys(members):
        involvement = w.involve(case, InvolvementKind.CONFERENCE_MEMBER, staff, plan.start, to_on)
        w.rows.add(
            ConferenceMember,
            plan_id=plan.id,
            staff_id=staff.pk,
            from_on=plan.start,
            to_on=to_on,
            involvement_id=involvement,
        )


def _core_groups(w: "CaseRows", case: Case, plan: ProtectionPlan, chair: Staff) -> None:
    for held in plan.core_groups:
        summary = w.rng.choice(CORE_GROUP)
        worker = w.worker_at(case, held) or chair
        w.record(
            CoreGroupMeeting,
            case,
            w.at(held, 13),
            EntryKind.CORE_GROUP,
            f"Core group: {summary[:240]}",
            worker,
            plan_id=plan.id,
            held_on=held,
            summary=summary,
            recorded_by_id=worker.pk,
            visibility=Visibility.PARTNERS,
        )


# ---- child in need ----------------------------------------------------------------------------


def cin_plan_rows(w: "CaseRows", case: Case, plan: NeedPlan) -> None:
    worker = w.worker_at(case, plan.start)
    plan.id = w.rows.add(
        ChildInNeedPlan,
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
    _cin_reviews(w, case, plan, worker)
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
    _cin_members(w, case, plan)


def _cin_reviews(w: "CaseRows", case: Case, plan: NeedPlan, worker) -> None:
    for held in plan.reviews:
        summary = w.rng.choice(CIN_REVIEW)
        by = w.worker_at(case, held) or worker
        w.record(
            ChildInNeedReview,
            case,
            w.at(held, 14),
            EntryKind.CIN_PLAN,
            f"Child in need review: {summary[:240]}",
            by,
            plan_id=plan.id,
            held_on=held,
            summary=summary,
            recorded_by_id=by.pk,
        )


def _cin_members(w: "CaseRows", case: Case, plan: NeedPlan) -> None:
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
