"""Child protection: the strategy discussion and the section 47 enquiry it starts, booking an
independent chair, initial and review conferences, and the child protection plan they start,
keep and end (the plan's members and core group: services.core_groups)."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction

from everychild import access, audit
from everychild.access.models import Involvement, InvolvementKind
from everychild.access.services import involvement_start
from everychild.casework.models import (
    ChildProtectionConference,
    ChildProtectionPlan,
    ConferenceKind,
    ConferenceOutcome,
    DecisionKind,
    Section47Enquiry,
    Section47Outcome,
    StrategyDecision,
    StrategyDiscussion,
)
from everychild.casework.services import core_groups
from everychild.casework.services._common import (
    ask_sign_off,
    open_referral,
    plan_end,
    recorded,
    require_case_holder,
    require_open_case,
)
from everychild.core.codes import CategoryOfAbuse
from everychild.core.errors import DomainError, clean_or_refuse, not_future
from everychild.core.versioning import locked_for_edit, save_versioned
from everychild.frontdoor.models import Referral
from everychild.organisations.roles import Role
from everychild.people.models import Person

# ---- the strategy discussion and the section 47 enquiry -------------------------------------


@transaction.atomic
def strategy_discussion_record(
    *,
    referral: Referral,
    recorded_by,
    held_on: date,
    agencies,
    attendees: str,
    decision: str,
    rationale: str,
) -> StrategyDiscussion:
    """A strategy discussion; a decision to enquire starts the section 47 and its ICPC clock."""
    require_open_case(recorded_by, referral)
    not_future(held_on, "held_on")
    if held_on < referral.referral_date:
        raise DomainError("The discussion cannot come before the referral.", field="held_on")
    if decision not in StrategyDecision.values:
        raise DomainError("Record what the discussion decided.", field="decision")
    agencies = list(dict.fromkeys(agencies))
    if len(agencies) < 2:
        raise DomainError(
            "A strategy discussion involves at least the police and health as "
            "well as children's social care: record the agencies.",
            field="agencies",
        )
    if not rationale.strip():
        raise DomainError("Record why.", field="rationale")
    discussion = StrategyDiscussion.objects.create(
        child=referral.child,
        referral=referral,
        held_on=held_on,
        attendees=attendees.strip(),
        decision=decision,
        rationale=rationale.strip(),
        recorded_by=recorded_by,
    )
    discussion.agencies.set(agencies)
    recorded(
        discussion,
        "strategy_discussion_recorded",
        by=recorded_by,
        when=held_on,
        summary=f"Strategy discussion with {', '.join(str(a) for a in agencies)}: "
        f"{discussion.get_decision_display()}.",
        payload={"decision": decision},
    )
    if decision == StrategyDecision.SECTION_47:
        _section47_start(discussion, recorded_by)
    return discussion


def _section47_start(discussion: StrategyDiscussion, by) -> Section47Enquiry:
    enquiry = Section47Enquiry.objects.create(
        child=discussion.child,
        referral=discussion.referral,
        strategy_discussion=discussion,
        started_on=discussion.held_on,
        icpc_due_on=Section47Enquiry.icpc_due_from(discussion.held_on),
    )
    recorded(
        enquiry,
        "section47_started",
        by=by,
        when=discussion.held_on,
        summary="Section 47 enquiry started.",
    )
    return enquiry


@transaction.atomic
def section47_complete(
    *, enquiry: Section47Enquiry, completed_by, completed_on: date, outcome: str, icpc_needed: bool
) -> Section47Enquiry:
    require_case_holder(completed_by, enquiry.child)
    if enquiry.completed_on is not None:
        raise DomainError("This enquiry is already complete.")
    not_future(completed_on, "completed_on")
    if completed_on < enquiry.started_on:
        raise DomainError("An enquiry cannot end before it starts.", field="completed_on")
    if outcome not in Section47Outcome.values:
        raise DomainError("Record the outcome of the enquiry.", field="outcome")
    if icpc_needed and outcome != Section47Outcome.CONTINUING_RISK:
        raise DomainError(
            "An initial conference follows only when the child is at continuing risk.",
            field="icpc_needed",
        )
    enquiry.completed_on, enquiry.outcome, enquiry.icpc_needed = completed_on, outcome, icpc_needed
    enquiry.save(update_fields=["completed_on", "outcome", "icpc_needed"])
    next_step = " An initial child protection conference is needed." if icpc_needed else ""
    recorded(
        enquiry,
        "section47_completed",
        by=completed_by,
        when=completed_on,
        summary=f"Section 47 enquiry completed: {enquiry.get_outcome_display()}.{next_step}",
        payload={"outcome": outcome, "icpc": icpc_needed},
    )
    return enquiry


# ---- conferences ----------------------------------------------------------------------------


@transaction.atomic
def conference_chair_book(*, child: Person, chair, booked_by) -> Involvement:
    """Book an independent chair for the child's conference: from now they may see the
    record, to prepare and chair it."""
    require_case_holder(booked_by, child)
    if chair.role != Role.CONFERENCE_CHAIR or not chair.is_active:
        raise DomainError("Choose a child protection chair.", field="chair")
    booked = (
        Involvement.objects.current()
        .filter(child=child, staff=chair, kind=InvolvementKind.CONFERENCE_CHAIR)
        .first()
    )
    if booked:
        raise DomainError(f"{chair} is already booked for this child.", field="chair")
    involvement = involvement_start(
        child=child, kind=InvolvementKind.CONFERENCE_CHAIR, staff=chair, by=booked_by
    )
    audit.record(
        actor=booked_by,
        verb="conference_chair_booked",
        obj=involvement,
        child=child,
        payload={"chair": chair.pk},
    )
    return involvement


def _check_initial(section47: Section47Enquiry | None, outcome: str, held_on: date) -> None:
    if section47 is None or section47.icpc_needed is not True:
        raise DomainError(
            "An initial conference follows a section 47 enquiry that found "
            "the child at continuing risk.",
            field="section47",
        )
    if outcome not in {ConferenceOutcome.PLAN, ConferenceOutcome.NO_PLAN}:
        raise DomainError("An initial conference decides whether there is a plan.", field="outcome")
    if held_on < section47.strategy_discussion.held_on:
        raise DomainError(
            "The conference cannot come before the strategy discussion.", field="held_on"
        )
    if ChildProtectionConference.objects.filter(section47=section47).exists():
        raise DomainError("This enquiry's initial conference is already recorded.")


def _check_review(plan: ChildProtectionPlan | None, outcome: str, held_on: date) -> None:
    if plan is None or plan.ended_on is not None:
        raise DomainError("A review conference reviews an open plan.", field="plan")
    if outcome not in {ConferenceOutcome.CONTINUE, ConferenceOutcome.END}:
        raise DomainError("A review conference continues or ends the plan.", field="outcome")
    if held_on < plan.started_on:
        raise DomainError("A review cannot come before the plan.", field="held_on")


@transaction.atomic
def conference_hold(
    *,
    referral: Referral,
    chair,
    kind: str,
    held_on: date,
    outcome: str,
    summary: str,
    category: str = "",
    section47: Section47Enquiry | None = None,
    plan: ChildProtectionPlan | None = None,
    members=(),
) -> ChildProtectionConference:
    """An initial or review conference, chaired by a CP chair, and what it decided: an
    initial conference may start a plan (with its members), a review may change the
    category or end the plan."""
    if chair.role != Role.CONFERENCE_CHAIR:
        raise PermissionDenied("A child protection chair chairs conferences.")
    open_referral(referral)
    child = referral.child
    if not access.can(chair, "view", child):
        # Chairs are independent of the case: chairing gives them the record, on the record.
        involvement_start(child=child, kind=InvolvementKind.CONFERENCE_CHAIR, staff=chair, by=chair)
    not_future(held_on, "held_on")
    if (section47 and section47.child_id != child.pk) or (plan and plan.child_id != child.pk):
        raise DomainError("That enquiry or plan is about another child.", field="section47")
    if kind == ConferenceKind.INITIAL:
        _check_initial(section47, outcome, held_on)
    elif kind == ConferenceKind.REVIEW:
        _check_review(plan, outcome, held_on)
    else:
        raise DomainError("Choose initial or review.", field="kind")
    starts_plan = kind == ConferenceKind.INITIAL and outcome == ConferenceOutcome.PLAN
    if (starts_plan or category) and category not in CategoryOfAbuse.values:
        raise DomainError("Choose the category of abuse.", field="category")
    conference = _conference_record(
        referral=referral,
        chair=chair,
        kind=kind,
        section47=section47,
        plan=plan,
        held_on=held_on,
        outcome=outcome,
        category=category,
        summary=summary.strip(),
    )
    if starts_plan:
        _plan_from_conference(conference, members)
    elif kind == ConferenceKind.REVIEW:
        _plan_reviewed(conference, plan)
    return conference


def _conference_record(*, referral: Referral, chair, **fields) -> ChildProtectionConference:
    conference = ChildProtectionConference.objects.create(
        child=referral.child, referral=referral, chair=chair, **fields
    )
    recorded(
        conference,
        "conference_held",
        by=chair,
        when=conference.held_on,
        summary=f"{conference.get_kind_display()}: {conference.get_outcome_display()}.",
        payload={
            "kind": conference.kind,
            "outcome": conference.outcome,
            "category": conference.category,
        },
    )
    return conference


def _plan_from_conference(conference: ChildProtectionConference, members) -> None:
    """The initial conference's plan, with the members it named."""
    plan = _cp_plan_start(
        conference.referral, conference.chair, conference.held_on, conference.category
    )
    conference.plan = plan
    conference.save(update_fields=["plan"])
    for staff in members:
        core_groups.conference_member_add(
            plan=plan, staff=staff, added_by=conference.chair, from_on=conference.held_on
        )


def _plan_reviewed(conference: ChildProtectionConference, plan: ChildProtectionPlan) -> None:
    """What a review conference decided, on the plan as it is now, locked: an edit saved
    since the chair opened the page must not be overwritten, nor its version number reused."""
    plan = locked_for_edit(ChildProtectionPlan, plan, None)
    category, chair = conference.category, conference.chair
    if category and category != plan.latest_category:
        plan.latest_category = category
        save_versioned(plan, chair, ["latest_category"])
    if conference.outcome == ConferenceOutcome.END:
        reason = conference.summary or "Ended at review conference."
        _cp_plan_end(plan, chair, conference.held_on, reason)


# ---- the child protection plan --------------------------------------------------------------


def _previous_plan(child: Person) -> ChildProtectionPlan | None:
    return child.cp_plans.filter(ended_on__isnull=False).order_by("-ended_on").first()


def _cp_plan_start(referral, started_by, started_on, category) -> ChildProtectionPlan:
    child = referral.child
    if child.cp_plans.filter(ended_on__isnull=True).exists():
        raise DomainError("This child is already subject of a child protection plan.")
    previous = _previous_plan(child)
    plan = ChildProtectionPlan(
        child=child,
        referral=referral,
        started_on=started_on,
        initial_category=category,
        latest_category=category,
        is_repeat=previous is not None,
        previous_plan=previous,
        modified_by=started_by,
    )
    clean_or_refuse(plan)
    plan.save()
    again = ""
    if previous:
        again = (
            f" This is a second or subsequent plan: the previous one ran from "
            f"{previous.started_on:%d %b %Y} to {previous.ended_on:%d %b %Y}."
        )
    ask_sign_off(
        child=child,
        kind=DecisionKind.PLAN_START,
        subject=plan,
        by=started_by,
        summary=f"Start of a child protection plan ({plan.get_initial_category_display()})."
        + again,
        details={"repeat": plan.is_repeat},
    )
    recorded(
        plan,
        "cp_plan_started",
        by=started_by,
        when=started_on,
        summary=f"Child protection plan started: {plan.get_initial_category_display()}.{again}",
        payload={"category": category, "repeat": plan.is_repeat},
    )
    return plan


def _cp_plan_end(plan: ChildProtectionPlan, ended_by, ended_on: date, reason: str) -> None:
    core_groups.members_leave(plan=plan, leaving_on=ended_on, by=ended_by)
    plan_end(plan, "cp_plan_ended", by=ended_by, ended_on=ended_on, reason=reason)


@transaction.atomic
def cp_plan_update(
    *, plan: ChildProtectionPlan, updated_by, version: int, plan_text: str
) -> ChildProtectionPlan:
    """Edit the plan itself; a concurrent edit is refused and shown, never overwritten."""
    access.require(updated_by, "edit", plan.child)
    plan = locked_for_edit(ChildProtectionPlan, plan, version)
    if plan.ended_on is not None:
        raise DomainError("This plan has ended.")
    plan.plan = plan_text.strip()
    save_versioned(plan, updated_by, ["plan"])
    audit.record(actor=updated_by, verb="cp_plan_updated", obj=plan, child=plan.child)
    return plan
