"""Writes for statutory casework. Each is one transaction, checked against the access policy,
audited and put on the child's chronology. Key decisions (authorising an assessment, a
plan's start and end, closure, step-down) wait for a manager's sign-off."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from everychild import access, audit
from everychild.access.models import Involvement, InvolvementKind
from everychild.access.services import involvement_start, involvements_end
from everychild.casework.models import (
    Assessment,
    CaseNote,
    ChildInNeedPlan,
    ChildInNeedReview,
    ChildProtectionConference,
    ChildProtectionPlan,
    ConferenceKind,
    ConferenceMember,
    ConferenceOutcome,
    CoreGroupMeeting,
    DecisionKind,
    KeyDecision,
    NoteKind,
    Section47Enquiry,
    Section47Outcome,
    StrategyDecision,
    StrategyDiscussion,
    Supervision,
    SupervisionAction,
    TransitionPlan,
)
from everychild.chronology.models import EntryKind, Visibility
from everychild.chronology.services import entry_add
from everychild.core.codes import AssessmentFactor, CategoryOfAbuse, ReasonForClosure
from everychild.core.errors import DomainError, clean_or_refuse
from everychild.core.versioning import locked_for_edit, save_versioned
from everychild.frontdoor.models import Referral
from everychild.frontdoor.services import referral_close, referral_outcome_record
from everychild.organisations.roles import CASE_HOLDERS, SOCIAL_CARE_ROLES, Role
from everychild.people.models import Person
from everychild.workforce.services import allocation_end


def _at(day: date, hour: int = 12) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _not_future(day: date | None, field: str) -> None:
    if day and day > timezone.localdate():
        raise DomainError("The date cannot be in the future.", field=field)


def _open_referral(referral: Referral) -> None:
    if referral.closed_on is not None or referral.withdrawn_at is not None:
        raise DomainError("This case is closed.")


def _event(child, by, when, kind, summary, source, visibility=Visibility.SOCIAL_CARE) -> None:
    entry_add(
        child=child,
        when=when,
        kind=kind,
        summary=summary,
        source=source,
        recorded_by=by,
        visibility=visibility,
    )


def _require_case_holder(user, child: Person) -> None:
    """Case decisions are the allocated team's: a chair or personal adviser who can edit the
    record (to write notes) does not start assessments, plans or closures."""
    if user.role not in CASE_HOLDERS:
        raise PermissionDenied("Only the social workers and managers holding the case do this.")
    access.require(user, "edit", child)


def _require_manager(user, child: Person) -> None:
    if user.role != Role.TEAM_MANAGER:
        raise PermissionDenied("A team manager signs off key decisions.")
    access.require(user, "edit", child)


def _ask_sign_off(*, child, kind, subject, summary, by, details=None) -> KeyDecision:
    pending = KeyDecision.objects.filter(
        child=child,
        kind=kind,
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=str(subject.pk),
        decided_at__isnull=True,
    )
    if pending.exists():
        raise DomainError("This is already waiting for a manager's sign-off.")
    return KeyDecision.objects.create(
        child=child,
        kind=kind,
        subject=subject,
        summary=summary,
        details=details or {},
        requested_by=by,
        requested_at=timezone.now(),
    )


# ---- the single assessment ------------------------------------------------------------------


@transaction.atomic
def assessment_start(
    *, referral: Referral, worker, started_by, started_on: date | None = None
) -> Assessment:
    _require_case_holder(started_by, referral.child)
    _open_referral(referral)
    started_on = started_on or timezone.localdate()
    _not_future(started_on, "started_on")
    if started_on < referral.referral_date:
        raise DomainError("An assessment cannot start before its referral.", field="started_on")
    if referral.assessments.filter(authorised_on__isnull=True).exists():
        raise DomainError("This referral already has an assessment under way.")
    if worker.role not in SOCIAL_CARE_ROLES or not access.can(worker, "edit", referral.child):
        raise DomainError(f"{worker} is not a social worker on this child's case.", field="worker")
    assessment = Assessment(
        child=referral.child,
        referral=referral,
        worker=worker,
        started_on=started_on,
        due_on=Assessment.due_from(referral.referral_date),
        modified_by=started_by,
    )
    clean_or_refuse(assessment)
    assessment.save()
    audit.record(actor=started_by, verb="assessment_started", obj=assessment, child=referral.child)
    _event(
        referral.child,
        started_by,
        _at(started_on),
        EntryKind.ASSESSMENT,
        f"Single assessment started; due {assessment.due_on:%d %B %Y}.",
        assessment,
    )
    return assessment


ASSESSMENT_FIELDS = [
    "child_seen_on",
    "child_seen_alone",
    "child_views",
    "family_views",
    "analysis",
    "factors",
    "recommendation",
]


@transaction.atomic
def assessment_update(*, assessment: Assessment, updated_by, version: int, **changes) -> Assessment:
    """Save the worker's draft. Refuses, showing the other's changes, if someone saved first."""
    access.require(updated_by, "edit", assessment.child)
    assessment = locked_for_edit(Assessment, assessment, version)
    if assessment.authorised_on is not None:
        raise DomainError("This assessment is authorised: it can no longer be changed.")
    if assessment.submitted_at is not None:
        raise DomainError(
            "This assessment is waiting for a manager: it cannot change until "
            "they authorise it or return it."
        )
    unknown = set(changes) - set(ASSESSMENT_FIELDS)
    if unknown:
        raise ValueError(f"not assessment fields: {sorted(unknown)}")
    factors = changes.get("factors", assessment.factors)
    bad = [f for f in factors if f not in AssessmentFactor.values]
    if bad:
        raise DomainError(f"Unknown factors: {', '.join(bad)}.", field="factors")
    seen_on = changes.get("child_seen_on", assessment.child_seen_on)
    _not_future(seen_on, "child_seen_on")
    if seen_on and seen_on < assessment.referral.referral_date:
        raise DomainError("The child was seen before the referral?", field="child_seen_on")
    for name, value in changes.items():
        setattr(assessment, name, value)
    save_versioned(assessment, updated_by, list(changes))
    audit.record(
        actor=updated_by,
        verb="assessment_updated",
        obj=assessment,
        child=assessment.child,
        payload={"fields": sorted(changes)},
    )
    return assessment


@transaction.atomic
def assessment_submit(
    *, assessment: Assessment, submitted_by, version: int, **changes
) -> KeyDecision:
    """The worker saves any last changes and asks a manager to authorise the assessment:
    both, or neither."""
    if changes:
        assessment = assessment_update(
            assessment=assessment, updated_by=submitted_by, version=version, **changes
        )
        version = assessment.version
    access.require(submitted_by, "edit", assessment.child)
    assessment = locked_for_edit(Assessment, assessment, version)
    if assessment.authorised_on is not None:
        raise DomainError("This assessment is already authorised.")
    missing = [
        label
        for field, label in (
            ("child_seen_on", "when the child was seen"),
            ("analysis", "the analysis"),
            ("recommendation", "the recommended outcome"),
        )
        if not getattr(assessment, field)
    ]
    if assessment.child_seen_on and assessment.child_seen_alone is None:
        missing.append("whether the child was seen alone")
    if missing:
        raise DomainError(
            f"Before it is authorised, record {', '.join(missing)}.", field="recommendation"
        )
    assessment.submitted_at = timezone.now()
    save_versioned(assessment, submitted_by, ["submitted_at"])
    decision = _ask_sign_off(
        child=assessment.child,
        kind=DecisionKind.ASSESSMENT,
        subject=assessment,
        by=submitted_by,
        summary=f"Assessment recommends: {assessment.get_recommendation_display()}.",
    )
    audit.record(
        actor=submitted_by, verb="assessment_submitted", obj=assessment, child=assessment.child
    )
    return decision


def _authorise_assessment(decision: KeyDecision, manager, agree: bool, note: str) -> None:
    assessment = locked_for_edit(Assessment, decision.subject, None)
    today = timezone.localdate()
    if agree:
        assessment.authorised_by, assessment.authorised_on = manager, today
        save_versioned(assessment, manager, ["authorised_by", "authorised_on"])
        late = assessment.clock.describe()
        _event(
            assessment.child,
            manager,
            timezone.now(),
            EntryKind.ASSESSMENT,
            f"Assessment authorised ({late}): {assessment.get_recommendation_display()}.",
            assessment,
            Visibility.PARTNERS,
        )
        referral_outcome_record(
            referral=assessment.referral, outcome=assessment.recommendation, recorded_by=manager
        )
    else:
        assessment.submitted_at, assessment.return_note = None, note
        save_versioned(assessment, manager, ["submitted_at", "return_note"])


# ---- child in need ---------------------------------------------------------------------------


@transaction.atomic
def cin_plan_start(
    *, referral: Referral, started_by, started_on: date, outcomes: str
) -> ChildInNeedPlan:
    _require_case_holder(started_by, referral.child)
    _open_referral(referral)
    _not_future(started_on, "started_on")
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
    _ask_sign_off(
        child=plan.child,
        kind=DecisionKind.PLAN_START,
        subject=plan,
        by=started_by,
        summary="Start of a child in need plan.",
    )
    audit.record(actor=started_by, verb="cin_plan_started", obj=plan, child=plan.child)
    _event(
        plan.child,
        started_by,
        _at(started_on),
        EntryKind.CIN_PLAN,
        "Child in need plan started.",
        plan,
        Visibility.PARTNERS,
    )
    return plan


@transaction.atomic
def cin_review_record(
    *, plan: ChildInNeedPlan, recorded_by, held_on: date, summary: str
) -> ChildInNeedReview:
    access.require(recorded_by, "edit", plan.child)
    _not_future(held_on, "held_on")
    if plan.ended_on is not None:
        raise DomainError("This plan has ended.")
    if held_on < plan.started_on:
        raise DomainError("A review cannot come before the plan.", field="held_on")
    if not summary.strip():
        raise DomainError("Record what the review found.", field="summary")
    review = ChildInNeedReview.objects.create(
        plan=plan, held_on=held_on, summary=summary.strip(), recorded_by=recorded_by
    )
    audit.record(actor=recorded_by, verb="cin_review_recorded", obj=review, child=plan.child)
    _event(
        plan.child,
        recorded_by,
        _at(held_on),
        EntryKind.CIN_PLAN,
        f"Child in need review: {summary.strip()[:240]}",
        review,
    )
    return review


@transaction.atomic
def cin_plan_end(
    *, plan: ChildInNeedPlan, ended_by, ended_on: date, reason: str, version: int | None = None
) -> ChildInNeedPlan:
    _require_case_holder(ended_by, plan.child)
    plan = locked_for_edit(ChildInNeedPlan, plan, version)
    if plan.ended_on is not None:
        raise DomainError("This plan has already ended.")
    _not_future(ended_on, "ended_on")
    if ended_on < plan.started_on:
        raise DomainError("A plan cannot end before it starts.", field="ended_on")
    if not reason.strip():
        raise DomainError("Say why the plan is ending.", field="reason")
    plan.ended_on, plan.end_reason = ended_on, reason.strip()
    save_versioned(plan, ended_by, ["ended_on", "end_reason"])
    _ask_sign_off(
        child=plan.child,
        kind=DecisionKind.PLAN_END,
        subject=plan,
        by=ended_by,
        summary=f"End of the child in need plan: {reason.strip()}",
    )
    audit.record(actor=ended_by, verb="cin_plan_ended", obj=plan, child=plan.child)
    _event(
        plan.child,
        ended_by,
        _at(ended_on),
        EntryKind.CIN_PLAN,
        f"Child in need plan ended: {reason.strip()[:200]}",
        plan,
        Visibility.PARTNERS,
    )
    return plan


# ---- child protection ------------------------------------------------------------------------


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
    _require_case_holder(recorded_by, referral.child)
    _open_referral(referral)
    _not_future(held_on, "held_on")
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
    audit.record(
        actor=recorded_by,
        verb="strategy_discussion_recorded",
        obj=discussion,
        child=referral.child,
        payload={"decision": decision},
    )
    _event(
        referral.child,
        recorded_by,
        _at(held_on),
        EntryKind.STRATEGY_DISCUSSION,
        f"Strategy discussion with {', '.join(str(a) for a in agencies)}: "
        f"{discussion.get_decision_display()}.",
        discussion,
    )
    if decision == StrategyDecision.SECTION_47:
        enquiry = Section47Enquiry.objects.create(
            child=referral.child,
            referral=referral,
            strategy_discussion=discussion,
            started_on=held_on,
            icpc_due_on=Section47Enquiry.icpc_due_from(held_on),
        )
        audit.record(actor=recorded_by, verb="section47_started", obj=enquiry, child=referral.child)
        _event(
            referral.child,
            recorded_by,
            _at(held_on),
            EntryKind.SECTION_47,
            "Section 47 enquiry started.",
            enquiry,
        )
    return discussion


@transaction.atomic
def section47_complete(
    *, enquiry: Section47Enquiry, completed_by, completed_on: date, outcome: str, icpc_needed: bool
) -> Section47Enquiry:
    _require_case_holder(completed_by, enquiry.child)
    if enquiry.completed_on is not None:
        raise DomainError("This enquiry is already complete.")
    _not_future(completed_on, "completed_on")
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
    audit.record(
        actor=completed_by,
        verb="section47_completed",
        obj=enquiry,
        child=enquiry.child,
        payload={"outcome": outcome, "icpc": icpc_needed},
    )
    next_step = " An initial child protection conference is needed." if icpc_needed else ""
    _event(
        enquiry.child,
        completed_by,
        _at(completed_on),
        EntryKind.SECTION_47,
        f"Section 47 enquiry completed: {enquiry.get_outcome_display()}.{next_step}",
        enquiry,
    )
    return enquiry


@transaction.atomic
def conference_chair_book(*, child: Person, chair, booked_by) -> Involvement:
    """Book an independent chair for the child's conference: from now they may see the
    record, to prepare and chair it."""
    _require_case_holder(booked_by, child)
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


def _previous_plan(child: Person) -> ChildProtectionPlan | None:
    return child.cp_plans.filter(ended_on__isnull=False).order_by("-ended_on").first()


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
    """An initial or review conference, chaired by a CP chair, and what it decided."""
    if chair.role != Role.CONFERENCE_CHAIR:
        raise PermissionDenied("A child protection chair chairs conferences.")
    _open_referral(referral)
    if not access.can(chair, "view", referral.child):
        # Chairs are independent of the case: chairing gives them the record, on the record.
        involvement_start(
            child=referral.child, kind=InvolvementKind.CONFERENCE_CHAIR, staff=chair, by=chair
        )
    _not_future(held_on, "held_on")
    child = referral.child
    if (section47 and section47.child_id != child.pk) or (plan and plan.child_id != child.pk):
        raise DomainError("That enquiry or plan is about another child.", field="section47")
    if kind == ConferenceKind.INITIAL:
        if section47 is None or section47.icpc_needed is not True:
            raise DomainError(
                "An initial conference follows a section 47 enquiry that found "
                "the child at continuing risk.",
                field="section47",
            )
        if outcome not in {ConferenceOutcome.PLAN, ConferenceOutcome.NO_PLAN}:
            raise DomainError(
                "An initial conference decides whether there is a plan.", field="outcome"
            )
        if held_on < section47.strategy_discussion.held_on:
            raise DomainError(
                "The conference cannot come before the strategy discussion.", field="held_on"
            )
        if ChildProtectionConference.objects.filter(section47=section47).exists():
            raise DomainError("This enquiry's initial conference is already recorded.")
    elif kind == ConferenceKind.REVIEW:
        if plan is None or plan.ended_on is not None:
            raise DomainError("A review conference reviews an open plan.", field="plan")
        if outcome not in {ConferenceOutcome.CONTINUE, ConferenceOutcome.END}:
            raise DomainError("A review conference continues or ends the plan.", field="outcome")
        if held_on < plan.started_on:
            raise DomainError("A review cannot come before the plan.", field="held_on")
    else:
        raise DomainError("Choose initial or review.", field="kind")
    starts_plan = kind == ConferenceKind.INITIAL and outcome == ConferenceOutcome.PLAN
    if (starts_plan or category) and category not in CategoryOfAbuse.values:
        raise DomainError("Choose the category of abuse.", field="category")
    conference = ChildProtectionConference.objects.create(
        child=child,
        referral=referral,
        kind=kind,
        section47=section47,
        plan=plan,
        held_on=held_on,
        chair=chair,
        outcome=outcome,
        category=category,
        summary=summary.strip(),
    )
    audit.record(
        actor=chair,
        verb="conference_held",
        obj=conference,
        child=child,
        payload={"kind": kind, "outcome": outcome, "category": category},
    )
    _event(
        child,
        chair,
        _at(held_on),
        EntryKind.CONFERENCE,
        f"{conference.get_kind_display()}: {conference.get_outcome_display()}.",
        conference,
        Visibility.PARTNERS,
    )
    if starts_plan:
        plan = _cp_plan_start(referral, chair, held_on, category)
        conference.plan = plan
        conference.save(update_fields=["plan"])
        for staff in members:
            conference_member_add(plan=plan, staff=staff, added_by=chair, from_on=held_on)
    elif kind == ConferenceKind.REVIEW:
        # The plan as it is now, locked: an edit saved since the chair opened the page must
        # not be overwritten, nor its version number reused.
        plan = locked_for_edit(ChildProtectionPlan, plan, None)
        if category and category != plan.latest_category:
            plan.latest_category = category
            save_versioned(plan, chair, ["latest_category"])
        if outcome == ConferenceOutcome.END:
            _cp_plan_end(plan, chair, held_on, summary.strip() or "Ended at review conference.")
    return conference


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
    _ask_sign_off(
        child=child,
        kind=DecisionKind.PLAN_START,
        subject=plan,
        by=started_by,
        summary=f"Start of a child protection plan ({plan.get_initial_category_display()})."
        + again,
        details={"repeat": plan.is_repeat},
    )
    audit.record(
        actor=started_by,
        verb="cp_plan_started",
        obj=plan,
        child=child,
        payload={"category": category, "repeat": plan.is_repeat},
    )
    _event(
        child,
        started_by,
        _at(started_on),
        EntryKind.CP_PLAN,
        f"Child protection plan started: {plan.get_initial_category_display()}.{again}",
        plan,
        Visibility.PARTNERS,
    )
    return plan


def _cp_plan_end(plan: ChildProtectionPlan, ended_by, ended_on: date, reason: str) -> None:
    plan.ended_on, plan.end_reason = ended_on, reason
    save_versioned(plan, ended_by, ["ended_on", "end_reason"])
    for member in plan.members.filter(to_on__isnull=True):
        _end_membership(member, ended_on, ended_by)
    _ask_sign_off(
        child=plan.child,
        kind=DecisionKind.PLAN_END,
        subject=plan,
        by=ended_by,
        summary=f"End of the child protection plan: {reason}",
    )
    audit.record(actor=ended_by, verb="cp_plan_ended", obj=plan, child=plan.child)
    _event(
        plan.child,
        ended_by,
        _at(ended_on),
        EntryKind.CP_PLAN,
        f"Child protection plan ended: {reason[:200]}",
        plan,
        Visibility.PARTNERS,
    )


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


@transaction.atomic
def conference_member_add(
    *, plan: ChildProtectionPlan, staff, added_by, from_on: date | None = None
) -> ConferenceMember:
    """A professional joins the conference and core group: they may see the child's record
    while a member. Only those who may edit the record (not partners, not break-glass)
    add members."""
    access.require(added_by, "edit", plan.child)
    if plan.ended_on is not None:
        raise DomainError("This plan has ended.")
    if plan.members.filter(staff=staff, to_on__isnull=True).exists():
        raise DomainError(f"{staff} is already a member.", field="staff")
    from_on = from_on or timezone.localdate()
    involvement = involvement_start(
        child=plan.child,
        kind=InvolvementKind.CONFERENCE_MEMBER,
        staff=staff,
        started_on=from_on,
        by=added_by,
    )
    member = ConferenceMember.objects.create(
        plan=plan, staff=staff, from_on=from_on, involvement=involvement
    )
    audit.record(
        actor=added_by,
        verb="conference_member_added",
        obj=member,
        child=plan.child,
        payload={"staff": staff.pk},
    )
    return member


def _end_membership(member: ConferenceMember, leaving_on: date, by) -> None:
    """A member leaves on `leaving_on` and loses the record that day: their last day is the
    day before (to_on and the involvement's end date are last days, inclusive; `update`
    allows the empty interval of someone added and removed the same day)."""
    last_day = leaving_on - timedelta(days=1)
    member.to_on = last_day
    member.save(update_fields=["to_on"])
    if member.involvement_id:
        involvements_end(
            involvements=Involvement.objects.filter(pk=member.involvement_id),
            by=by,
            ended_on=last_day,
        )


@transaction.atomic
def conference_member_remove(
    *, member: ConferenceMember, removed_by, on: date | None = None
) -> ConferenceMember:
    access.require(removed_by, "edit", member.plan.child)
    if member.to_on is not None:
        raise DomainError("They are no longer a member.")
    on = on or timezone.localdate()
    _end_membership(member, on, removed_by)
    audit.record(
        actor=removed_by,
        verb="conference_member_removed",
        obj=member,
        child=member.plan.child,
        payload={"staff": member.staff_id},
    )
    return member


@transaction.atomic
def core_group_record(
    *, plan: ChildProtectionPlan, recorded_by, held_on: date, summary: str
) -> CoreGroupMeeting:
    access.require(recorded_by, "edit", plan.child)
    _not_future(held_on, "held_on")
    if held_on < plan.started_on:
        raise DomainError("A core group cannot meet before the plan starts.", field="held_on")
    if not summary.strip():
        raise DomainError("Record what the core group agreed.", field="summary")
    meeting = CoreGroupMeeting.objects.create(
        plan=plan, held_on=held_on, summary=summary.strip(), recorded_by=recorded_by
    )
    audit.record(actor=recorded_by, verb="core_group_recorded", obj=meeting, child=plan.child)
    _event(
        plan.child,
        recorded_by,
        _at(held_on),
        EntryKind.CORE_GROUP,
        f"Core group: {summary.strip()[:240]}",
        meeting,
        Visibility.PARTNERS,
    )
    return meeting


# ---- case notes and visits -----------------------------------------------------------------


@transaction.atomic
def case_note_add(
    *,
    child: Person,
    written_by,
    kind: str,
    occurred_at: datetime,
    note: str,
    child_words: str = "",
    child_seen: bool | None = None,
    seen_alone: bool | None = None,
) -> CaseNote:
    """A case note by any worker involved with the child; the child's words kept as said."""
    access.require(written_by, "edit", child)
    if kind not in NoteKind.values:
        raise DomainError("Choose the kind of note.", field="kind")
    if occurred_at > timezone.now():
        raise DomainError("A note records what has happened.", field="occurred_at")
    if not note.strip():
        raise DomainError("Write the note.", field="note")
    if kind == NoteKind.VISIT and child_seen is None:
        raise DomainError("Say whether the child was seen.", field="child_seen")
    if seen_alone and not child_seen:
        raise DomainError("The child cannot be seen alone without being seen.", field="seen_alone")
    if kind == NoteKind.MANAGEMENT_DECISION and written_by.role != Role.TEAM_MANAGER:
        raise PermissionDenied("Only a manager records a management decision.")
    case_note = CaseNote.objects.create(
        child=child,
        kind=kind,
        occurred_at=occurred_at,
        note=note.strip(),
        child_words=child_words.strip(),
        child_seen=child_seen,
        seen_alone=seen_alone,
        written_by=written_by,
    )
    audit.record(
        actor=written_by, verb="case_note_added", obj=case_note, child=child, payload={"kind": kind}
    )
    words = f' The child said: "{child_words.strip()}"' if child_words.strip() else ""
    seen = ""
    if kind == NoteKind.VISIT:
        seen = (
            " Child seen alone."
            if seen_alone
            else (" Child seen." if child_seen else " Child not seen.")
        )
    entry_add(
        child=child,
        when=occurred_at,
        kind=EntryKind.VISIT if kind == NoteKind.VISIT else EntryKind.CASE_NOTE,
        summary=f"{case_note.get_kind_display()}.{seen} {note.strip()[:240]}{words}",
        source=case_note,
        recorded_by=written_by,
    )
    return case_note


# ---- management oversight ------------------------------------------------------------------


@dataclass
class ActionSpec:
    action: str
    owner: object
    due_on: date


@transaction.atomic
def supervision_record(
    *,
    child: Person,
    manager,
    held_on: date,
    reflection: str,
    worker=None,
    actions: list[ActionSpec] = (),
) -> Supervision:
    _require_manager(manager, child)
    _not_future(held_on, "held_on")
    if len(reflection.strip()) < 20:
        raise DomainError("Record the reflection: what was discussed and why.", field="reflection")
    for spec in actions:
        if not spec.action.strip():
            raise DomainError("Each action needs a description.", field="actions")
        if not access.can(spec.owner, "view", child):
            raise DomainError(
                f"{spec.owner} cannot see this child's record: give the action "
                "to someone who works with the child.",
                field="actions",
            )
        if spec.due_on < held_on:
            raise DomainError("An action cannot be due before the supervision.", field="actions")
    supervision = Supervision.objects.create(
        child=child, held_on=held_on, manager=manager, worker=worker, reflection=reflection.strip()
    )
    SupervisionAction.objects.bulk_create(
        [
            SupervisionAction(
                supervision=supervision, action=s.action.strip(), owner=s.owner, due_on=s.due_on
            )
            for s in actions
        ]
    )
    audit.record(
        actor=manager,
        verb="supervision_recorded",
        obj=supervision,
        child=child,
        payload={"actions": len(actions)},
    )
    _event(
        child,
        manager,
        _at(held_on),
        EntryKind.SUPERVISION,
        f"Supervision: {reflection.strip()[:240]}",
        supervision,
    )
    return supervision


@transaction.atomic
def supervision_action_done(
    *, action: SupervisionAction, done_by, done_on: date | None = None
) -> SupervisionAction:
    access.require(done_by, "edit", action.supervision.child)
    if action.done_on is not None:
        raise DomainError("This action is already done.")
    action.done_on = done_on or timezone.localdate()
    _not_future(action.done_on, "done_on")
    action.save(update_fields=["done_on"])
    audit.record(
        actor=done_by, verb="supervision_action_done", obj=action, child=action.supervision.child
    )
    return action


# ---- closure and step-down --------------------------------------------------------------------


def _last_activity(referral: Referral) -> date:
    """The latest date of the case's own work: a closure cannot come before it (CIN census
    validation 8565)."""
    from django.db.models import Max

    dates = [referral.referral_date]
    for queryset, fields in (
        (referral.assessments, ("started_on", "authorised_on")),
        (referral.section47s, ("started_on",)),
        (referral.conferences, ("held_on",)),
        (referral.cin_plans, ("started_on", "ended_on")),
        (referral.cp_plans, ("started_on", "ended_on")),
    ):
        found = queryset.aggregate(**{f: Max(f) for f in fields})
        dates += [d for d in found.values() if d]
    return max(dates)


def _closure_date_fits(referral: Referral, day: date, field: str) -> None:
    last = _last_activity(referral)
    if day < last:
        raise DomainError(
            f"The case cannot close before {last:%d %B %Y}, the date of its latest work.",
            field=field,
        )


def _open_plans(referral: Referral) -> bool:
    return (
        referral.cin_plans.filter(ended_on__isnull=True).exists()
        or referral.cp_plans.filter(ended_on__isnull=True).exists()
    )


@transaction.atomic
def closure_propose(
    *, referral: Referral, proposed_by, closed_on: date, reason: str
) -> KeyDecision:
    """Propose closing the case with its CIN census reason; a manager's sign-off closes it."""
    _require_case_holder(proposed_by, referral.child)
    _open_referral(referral)
    if reason not in ReasonForClosure.values:
        raise DomainError("Choose the reason for closure.", field="reason")
    _not_future(closed_on, "closed_on")
    if _open_plans(referral):
        raise DomainError("End the child's open plans before closing the case.")
    _closure_date_fits(referral, closed_on, "closed_on")
    decision = _ask_sign_off(
        child=referral.child,
        kind=DecisionKind.CLOSURE,
        subject=referral,
        by=proposed_by,
        summary=f"Close the case: {ReasonForClosure(reason).label}.",
        details={"reason": reason, "closed_on": closed_on.isoformat()},
    )
    audit.record(
        actor=proposed_by,
        verb="closure_proposed",
        obj=decision,
        child=referral.child,
        payload=decision.details,
    )
    return decision


@transaction.atomic
def step_down_propose(
    *, referral: Referral, proposed_by, lead_professional, stepped_on: date
) -> KeyDecision:
    """Propose stepping down to early help, with a lead professional partners can see."""
    _require_case_holder(proposed_by, referral.child)
    _open_referral(referral)
    _not_future(stepped_on, "stepped_on")
    if _open_plans(referral):
        raise DomainError("End the child's open plans before stepping down.")
    if lead_professional is None or not lead_professional.is_active:
        raise DomainError("Name the lead professional for early help.", field="lead_professional")
    _closure_date_fits(referral, stepped_on, "stepped_on")
    decision = _ask_sign_off(
        child=referral.child,
        kind=DecisionKind.STEP_DOWN,
        subject=referral,
        by=proposed_by,
        summary=f"Step down to early help, with {lead_professional} as lead professional.",
        details={"lead_professional": lead_professional.pk, "on": stepped_on.isoformat()},
    )
    audit.record(
        actor=proposed_by,
        verb="step_down_proposed",
        obj=decision,
        child=referral.child,
        payload=decision.details,
    )
    return decision


def _close(decision: KeyDecision, manager) -> None:
    referral = decision.subject
    if _open_plans(referral):
        raise DomainError("A plan has started since closure was proposed: end it first.")
    closed_on = date.fromisoformat(decision.details["closed_on"])
    referral_close(
        referral=referral, closed_by=manager, closed_on=closed_on, reason=decision.details["reason"]
    )
    allocation_end(child=referral.child, ended_by=manager, on=closed_on)


def _step_down(decision: KeyDecision, manager) -> None:
    from everychild.organisations.models import Staff

    referral = decision.subject
    if _open_plans(referral):
        raise DomainError("A plan has started since the step-down was proposed: end it first.")
    on = date.fromisoformat(decision.details["on"])
    lead = Staff.objects.get(pk=decision.details["lead_professional"])
    # Straight after assessment it is RC9; after a plan, services ceased (RC7).
    had_plans = referral.cin_plans.exists() or referral.cp_plans.exists()
    reason = (
        ReasonForClosure.SERVICES_CEASED
        if had_plans
        else ReasonForClosure.CLOSED_AFTER_ASSESSMENT_EARLY_HELP
    )
    referral_close(referral=referral, closed_by=manager, closed_on=on, reason=reason)
    allocation_end(child=referral.child, ended_by=manager, on=on)
    involvement_start(
        child=referral.child,
        kind=InvolvementKind.LEAD_PROFESSIONAL,
        staff=lead,
        started_on=on,
        by=manager,
    )
    _event(
        referral.child,
        manager,
        _at(on, 17),
        EntryKind.STEP_DOWN,
        f"Stepped down to early help; lead professional {lead}"
        f"{', ' + str(lead.organisation) if lead.organisation else ''}.",
        referral,
        Visibility.PARTNERS,
    )


_ON_AGREEMENT = {
    DecisionKind.CLOSURE: _close,
    DecisionKind.STEP_DOWN: _step_down,
}


@transaction.atomic
def key_decision_sign_off(
    *, decision: KeyDecision, manager, agree: bool, note: str = ""
) -> KeyDecision:
    """A manager agrees a key decision (and it takes effect) or returns it with a note."""
    decision = KeyDecision.objects.select_for_update().get(pk=decision.pk)
    _require_manager(manager, decision.child)
    if decision.decided_at is not None:
        raise DomainError("This decision has already been signed off.")
    if decision.requested_by_id == manager.pk:
        raise DomainError("Another manager must sign off a decision you asked for.")
    if not agree and not note.strip():
        raise DomainError("Say why the decision is returned.", field="note")
    decision.decided_by, decision.decided_at = manager, timezone.now()
    decision.agreed, decision.manager_note = agree, note.strip()
    decision.save(update_fields=["decided_by", "decided_at", "agreed", "manager_note"])
    if decision.kind == DecisionKind.ASSESSMENT:
        _authorise_assessment(decision, manager, agree, note.strip())
    elif agree and decision.kind in _ON_AGREEMENT:
        _ON_AGREEMENT[decision.kind](decision, manager)
    audit.record(
        actor=manager,
        verb="key_decision_signed_off" if agree else "key_decision_returned",
        obj=decision,
        child=decision.child,
        reason=note.strip(),
        payload={"kind": decision.kind},
    )
    verdict = "agreed" if agree else f"returned: {note.strip()}"
    _event(
        decision.child,
        manager,
        decision.decided_at,
        EntryKind.MANAGER_DECISION,
        f"Manager {verdict}. {decision.summary}",
        decision,
    )
    return decision


# ---- disabled children moving to adult services --------------------------------------------


TRANSITION_AGE = 14


@transaction.atomic
def transition_plan_record(
    *, child: Person, recorded_by, agreed_on: date, adult_services_contact: str, summary: str
) -> TransitionPlan:
    access.require(recorded_by, "edit", child)
    _not_future(agreed_on, "agreed_on")
    if TransitionPlan.objects.filter(child=child).exists():
        raise DomainError("This child already has a transition plan.")
    if not adult_services_contact.strip():
        raise DomainError("Name the contact in adult services.", field="adult_services_contact")
    if not summary.strip():
        raise DomainError("Summarise the plan.", field="summary")
    plan = TransitionPlan.objects.create(
        child=child,
        agreed_on=agreed_on,
        adult_services_contact=adult_services_contact.strip(),
        summary=summary.strip(),
        recorded_by=recorded_by,
    )
    audit.record(actor=recorded_by, verb="transition_plan_recorded", obj=plan, child=child)
    _event(
        child,
        recorded_by,
        _at(agreed_on),
        EntryKind.TRANSITION_PLAN,
        f"Transition plan to adult services agreed; contact {plan.adult_services_contact}.",
        plan,
        Visibility.PARTNERS,
    )
    return plan
