"""Child protection: the strategy discussion and its section 47 enquiry, the initial
conference and the plan it starts, review conferences, repeat plans, core groups and the
review and visit clocks."""

from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from everychild import access
from everychild.access.models import Involvement, InvolvementKind
from everychild.audit.models import AuditEvent
from everychild.casework.models import (
    ChildProtectionConference,
    ChildProtectionPlan,
    DecisionKind,
    KeyDecision,
    Section47Enquiry,
    StrategyDiscussion,
)
from everychild.casework.services import core_groups, oversight, protection
from everychild.chronology.models import ChronologyEntry, EntryKind, Visibility
from everychild.core import calendar
from everychild.core.clock import Clock
from everychild.organisations.roles import Role
from tests.casework.fixtures import *  # noqa: F403
from tests.casework.helpers import (
    RATIONALE,
    allocate,
    cp_plan_for,
    days_ago,
    enquiry_needing_icpc,
    fresh,
    icpc,
    make_staff,
    refer,
    refused,
    review,
    strategy,
    today,
    verbs,
)
from tests.factories import PersonFactory

# ---- strategy discussions ---------------------------------------------------------------------


def test_a_strategy_discussion_without_a_section_47(case, worker, police, health):
    discussion = strategy(case, worker, [police, health], held_on=days_ago(2), decision="cin")
    assert discussion.held_on == days_ago(2) and discussion.recorded_by == worker
    assert set(discussion.agencies.all()) == {police, health}
    assert discussion.rationale == RATIONALE
    assert not Section47Enquiry.objects.exists()
    event = AuditEvent.objects.get(verb="strategy_discussion_recorded")
    assert event.payload == {"decision": "cin"} and event.actor == worker
    entry = ChronologyEntry.objects.get(child=case.child, kind=EntryKind.STRATEGY_DISCUSSION)
    assert entry.summary == (
        "Strategy discussion with Metropolitan Police, Barts Health: "
        "No section 47: continue as child in need."
    )
    assert entry.visibility == Visibility.SOCIAL_CARE
    assert "section47_started" not in verbs()


@pytest.mark.parametrize("agencies", [[], ["police"]])
def test_a_strategy_discussion_needs_at_least_two_agencies(case, worker, police, agencies):
    named = [police for _ in agencies]
    with refused(match="at least the police and health") as info:
        strategy(case, worker, named)
    assert info.value.field == "agencies"
    assert not StrategyDiscussion.objects.exists()


def test_naming_the_same_agency_twice_is_still_one_agency(case, worker, police):
    with refused(match="at least the police and health"):
        strategy(case, worker, [police, police])
    assert not StrategyDiscussion.objects.exists()


def test_strategy_discussion_refusals(case, worker, police, health, dsl):
    agencies = [police, health]
    with refused(match="cannot come before the referral") as info:
        strategy(case, worker, agencies, held_on=case.referral_date - timedelta(days=1))
    assert info.value.field == "held_on"
    with refused(match="cannot be in the future"):
        strategy(case, worker, agencies, held_on=today() + timedelta(days=1))
    with refused(match="Record what the discussion decided"):
        strategy(case, worker, agencies, decision="maybe")
    with refused(match="Record why"):
        protection.strategy_discussion_record(
            referral=case,
            recorded_by=worker,
            held_on=today(),
            agencies=agencies,
            attendees="",
            decision="s47",
            rationale="  ",
        )
    with refused(PermissionDenied):
        strategy(case, dsl, agencies)
    case.closed_on, case.closure_reason = today(), "RC8"
    case.save()
    with refused(match="This case is closed"):
        strategy(case, worker, agencies)


def test_a_decision_to_enquire_starts_a_section_47_with_its_icpc_clock(
    case, worker, police, health
):
    held = days_ago(3)
    discussion = strategy(case, worker, [police, health], held_on=held)
    enquiry = Section47Enquiry.objects.get(strategy_discussion=discussion)
    assert (enquiry.child, enquiry.referral, enquiry.started_on) == (case.child, case, held)
    assert enquiry.icpc_due_on == calendar.add_working_days(held, 15)
    assert enquiry.completed_on is None and enquiry.icpc_needed is None
    assert verbs()[-2:] == ["strategy_discussion_recorded", "section47_started"]
    assert AuditEvent.objects.get(verb="section47_started").object_id == str(enquiry.pk)
    entry = ChronologyEntry.objects.get(child=case.child, kind=EntryKind.SECTION_47)
    assert entry.summary == "Section 47 enquiry started." and entry.source == enquiry


@pytest.mark.parametrize(
    ("held", "due"),
    [
        # Christmas 2025: 25 and 26 December and 1 January are not working days.
        (date(2025, 12, 15), date(2026, 1, 8)),
        # Easter 2026: Good Friday 3 April and Easter Monday 6 April.
        (date(2026, 3, 23), date(2026, 4, 15)),
    ],
)
def test_the_icpc_is_due_15_working_days_after_the_strategy_discussion(
    child, cin_team, worker, manager, police, health, held, due
):
    referral = refer(child, held - timedelta(days=3))
    allocate(child, cin_team, worker, manager, on=referral.referral_date)
    discussion = strategy(referral, worker, [police, health], held_on=held)
    assert discussion.section47.icpc_due_on == due


@pytest.mark.parametrize(
    ("held", "due"),
    [
        # Christmas 2026: 25 December (Friday), the Boxing Day substitute on Monday 28 and
        # 1 January 2027 (Friday).
        (date(2026, 12, 18), date(2027, 1, 13)),
        # Easter 2027: Good Friday 26 March and Easter Monday 29 March.
        (date(2027, 3, 22), date(2027, 4, 14)),
        # Over the late summer bank holiday, 31 August 2026.
        (date(2026, 8, 24), date(2026, 9, 15)),
    ],
)
def test_icpc_due_dates_over_bank_holidays(held, due):
    assert Section47Enquiry.icpc_due_from(held) == due
    assert calendar.working_days_between(held, due) == 15


# ---- completing the section 47 -------------------------------------------------------------------


def _enquiry(case, worker, police, health):
    discussion = strategy(case, worker, [police, health])
    return Section47Enquiry.objects.get(strategy_discussion=discussion)


def test_completing_a_section_47_that_found_continuing_risk(case, worker, police, health):
    enquiry = _enquiry(case, worker, police, health)
    done = protection.section47_complete(
        enquiry=enquiry,
        completed_by=worker,
        completed_on=days_ago(1),
        outcome="risk",
        icpc_needed=True,
    )
    assert (done.completed_on, done.outcome, done.icpc_needed) == (days_ago(1), "risk", True)
    event = AuditEvent.objects.get(verb="section47_completed")
    assert event.payload == {"outcome": "risk", "icpc": True}
    entry = ChronologyEntry.objects.filter(kind=EntryKind.SECTION_47).order_by("-id").first()
    assert entry.summary == (
        "Section 47 enquiry completed: Concerns substantiated: the child is at continuing risk."
        " An initial child protection conference is needed."
    )


@pytest.mark.parametrize("outcome", ["no_risk", "unfounded"])
def test_an_icpc_follows_only_continuing_risk(case, worker, police, health, outcome):
    enquiry = _enquiry(case, worker, police, health)
    with refused(match="only when the child is at continuing risk") as info:
        protection.section47_complete(
            enquiry=enquiry,
            completed_by=worker,
            completed_on=today(),
            outcome=outcome,
            icpc_needed=True,
        )
    assert info.value.field == "icpc_needed"
    # Without a conference it is recorded.
    done = protection.section47_complete(
        enquiry=enquiry,
        completed_by=worker,
        completed_on=today(),
        outcome=outcome,
        icpc_needed=False,
    )
    assert done.icpc_needed is False
    assert "conference" not in ChronologyEntry.objects.order_by("-id").first().summary


def test_section_47_completion_refusals(case, worker, police, health, dsl):
    enquiry = _enquiry(case, worker, police, health)

    def complete(**changes):
        arguments = {
            "enquiry": enquiry,
            "completed_by": worker,
            "completed_on": today(),
            "outcome": "risk",
            "icpc_needed": True,
        }
        arguments.update(changes)
        return protection.section47_complete(**arguments)

    with refused(match="cannot end before it starts"):
        complete(completed_on=enquiry.started_on - timedelta(days=1))
    with refused(match="cannot be in the future"):
        complete(completed_on=today() + timedelta(days=1))
    with refused(match="Record the outcome"):
        complete(outcome="")
    with refused(PermissionDenied):
        complete(completed_by=dsl)
    complete()
    enquiry.refresh_from_db()
    with refused(match="already complete"):
        complete(outcome="unfounded", icpc_needed=False)


# ---- the initial conference ----------------------------------------------------------------


def test_an_initial_conference_starts_a_plan_in_its_category(case, worker, chair, police, health):
    enquiry = enquiry_needing_icpc(case, worker, [police, health], held_on=days_ago(20))
    conference = icpc(case, chair, enquiry, held_on=days_ago(10), category="EMO")

    plan = conference.plan
    assert (conference.kind, conference.outcome, conference.category) == ("initial", "plan", "EMO")
    assert conference.section47 == enquiry and conference.chair == chair
    assert plan.child == case.child and plan.referral == case
    assert plan.started_on == days_ago(10)
    assert plan.initial_category == plan.latest_category == "EMO"
    assert plan.is_repeat is False and plan.previous_plan is None
    assert plan.ended_on is None and plan.version == 1
    decision = KeyDecision.objects.get(kind=DecisionKind.PLAN_START)
    assert decision.subject == plan and decision.requested_by == chair
    assert decision.summary == "Start of a child protection plan (Emotional abuse)."
    assert decision.details == {"repeat": False}
    held = AuditEvent.objects.get(verb="conference_held")
    assert held.payload == {"kind": "initial", "outcome": "plan", "category": "EMO"}
    started = AuditEvent.objects.get(verb="cp_plan_started")
    assert started.payload == {"category": "EMO", "repeat": False}
    assert started.object_id == str(plan.pk) and started.actor == chair
    kinds = dict(
        ChronologyEntry.objects.filter(
            kind__in=[EntryKind.CONFERENCE, EntryKind.CP_PLAN]
        ).values_list("kind", "summary")
    )
    assert kinds == {
        EntryKind.CONFERENCE: "Initial child protection conference: Child protection plan.",
        EntryKind.CP_PLAN: "Child protection plan started: Emotional abuse.",
    }
    assert set(
        ChronologyEntry.objects.filter(
            kind__in=[EntryKind.CONFERENCE, EntryKind.CP_PLAN]
        ).values_list("visibility", flat=True)
    ) == {Visibility.PARTNERS}


def test_chairing_gives_the_chair_the_record_on_the_record(case, worker, chair, police, health):
    enquiry = enquiry_needing_icpc(case, worker, [police, health])
    assert not access.can(chair, "view", case.child)

    icpc(case, chair, enquiry)

    involvement = Involvement.objects.get(child=case.child, staff=chair)
    assert involvement.kind == InvolvementKind.CONFERENCE_CHAIR
    assert involvement.started_on == today() and involvement.ended_on is None
    event = AuditEvent.objects.get(verb="involvement_started", object_id=str(involvement.pk))
    assert event.actor == chair and event.child_id == case.child_id
    assert event.payload == {
        "kind": "conference_chair",
        "staff": chair.pk,
        "team": None,
        "organisation": None,
        "started_on": today().isoformat(),
    }
    assert access.can(fresh(chair), "view", case.child)
    # The audit row comes before the conference's own.
    assert event.pk < AuditEvent.objects.get(verb="conference_held").pk


def test_a_chair_who_already_sees_the_record_gets_no_second_involvement(
    case, worker, chair, police, health
):
    Involvement.objects.create(
        child=case.child,
        kind=InvolvementKind.CONFERENCE_CHAIR,
        staff=chair,
        started_on=days_ago(60),
    )
    started = verbs().count("involvement_started")  # the case's, when it was allocated
    icpc(case, chair, enquiry_needing_icpc(case, worker, [police, health]))
    assert Involvement.objects.filter(child=case.child, staff=chair).count() == 1
    assert verbs().count("involvement_started") == started


@pytest.mark.parametrize("role", [Role.TEAM_MANAGER, Role.SOCIAL_WORKER, Role.PARTNER])
def test_only_a_conference_chair_chairs(case, worker, cin_team, police, health, role):
    enquiry = enquiry_needing_icpc(case, worker, [police, health])
    someone = make_staff(role, cin_team)
    with refused(PermissionDenied):
        icpc(case, someone, enquiry)
    assert not ChildProtectionConference.objects.exists()


def test_an_initial_conference_needs_a_section_47_that_found_continuing_risk(
    case, worker, chair, police, health
):
    def hold(section47, **changes):
        arguments = {
            "referral": case,
            "chair": chair,
            "kind": "initial",
            "held_on": today(),
            "outcome": "plan",
            "summary": "",
            "category": "NEG",
            "section47": section47,
        }
        arguments.update(changes)
        return protection.conference_hold(**arguments)

    with refused(match="follows a section 47 enquiry") as info:
        hold(None)
    assert info.value.field == "section47"
    assert not access.can(chair, "view", case.child)  # the chair's access was not kept either
    in_progress = _enquiry(case, worker, police, health)
    with refused(match="follows a section 47 enquiry"):
        hold(in_progress)
    no_conference = protection.section47_complete(
        enquiry=in_progress,
        completed_by=worker,
        completed_on=today(),
        outcome="risk",
        icpc_needed=False,
    )
    with refused(match="follows a section 47 enquiry"):
        hold(no_conference)
    assert not ChildProtectionConference.objects.exists()
    assert not ChildProtectionPlan.objects.exists()


def test_initial_conference_refusals(case, worker, chair, police, health):
    enquiry = enquiry_needing_icpc(case, worker, [police, health], held_on=days_ago(5))
    with refused(match="decides whether there is a plan"):
        icpc(case, chair, enquiry, outcome="continue")
    with refused(match="cannot come before the strategy discussion"):
        icpc(case, chair, enquiry, held_on=days_ago(6))
    with refused(match="cannot be in the future"):
        icpc(case, chair, enquiry, held_on=today() + timedelta(days=1))
    with refused(match="Choose the category of abuse") as info:
        icpc(case, chair, enquiry, category="")
    assert info.value.field == "category"
    with refused(match="Choose the category of abuse"):
        icpc(case, chair, enquiry, category="FGM")
    with refused(match="Choose initial or review"):
        protection.conference_hold(
            referral=case,
            chair=chair,
            kind="strategy",
            held_on=today(),
            outcome="plan",
            summary="",
            section47=enquiry,
        )
    assert not ChildProtectionConference.objects.exists()
    icpc(case, chair, enquiry)
    with refused(match="already recorded"):
        icpc(case, chair, enquiry)


def test_an_initial_conference_cannot_cite_another_childs_enquiry(
    case, worker, chair, police, health, cin_team, manager
):
    brother = PersonFactory(given_name="Imran", family_name="Begum")
    brothers = refer(brother, case.referral_date)
    allocate(brother, cin_team, worker, manager, on=brothers.referral_date)
    his_enquiry = enquiry_needing_icpc(brothers, worker, [police, health])
    with refused():
        icpc(case, chair, his_enquiry)
    assert not ChildProtectionPlan.objects.filter(child=case.child).exists()


def test_an_initial_conference_may_decide_on_no_plan(case, worker, chair, police, health):
    enquiry = enquiry_needing_icpc(case, worker, [police, health])
    conference = icpc(case, chair, enquiry, outcome="no_plan", category="")
    assert conference.plan is None and conference.outcome == "no_plan"
    assert not ChildProtectionPlan.objects.exists()
    assert not KeyDecision.objects.exists()
    assert "cp_plan_started" not in verbs()


def test_a_child_cannot_have_two_open_plans(case, worker, chair, police, health):
    first = cp_plan_for(case, worker, chair, [police, health])
    second_enquiry = enquiry_needing_icpc(case, worker, [police, health], held_on=days_ago(2))
    with refused(match="already subject of a child protection plan"):
        icpc(case, chair, second_enquiry)
    assert list(ChildProtectionPlan.objects.filter(child=case.child)) == [first]
    assert ChildProtectionConference.objects.filter(section47=second_enquiry).count() == 0


def test_the_database_also_refuses_a_second_open_plan(case, worker, chair, police, health):
    first = cp_plan_for(case, worker, chair, [police, health])
    with pytest.raises(IntegrityError), transaction.atomic():
        ChildProtectionPlan.objects.create(
            child=case.child,
            referral=case,
            started_on=today(),
            initial_category="NEG",
            latest_category="NEG",
        )
    assert first.ended_on is None


# ---- review conferences ----------------------------------------------------------------------


def test_a_review_conference_continues_the_plan_and_may_change_the_category(
    case, worker, chair, police, health
):
    plan = cp_plan_for(case, worker, chair, [police, health], on=days_ago(25))
    conference = review(case, chair, plan, held_on=days_ago(1), category="MUL")
    assert (conference.kind, conference.outcome, conference.plan) == ("review", "continue", plan)
    plan.refresh_from_db()
    assert plan.ended_on is None
    assert (plan.initial_category, plan.latest_category) == ("NEG", "MUL")
    assert plan.version == 2 and plan.modified_by == chair
    assert verbs()[-1] == "conference_held"
    assert "cp_plan_ended" not in verbs()


def test_a_review_conference_on_a_plan_read_before_an_edit_keeps_the_edit(
    case, worker, chair, police, health
):
    """The chair opened the conference page, then a worker saved the plan: the conference's
    change of category goes on top of the worker's edit, with a new version number."""
    plan = cp_plan_for(case, worker, chair, [police, health], on=days_ago(25))
    stale = ChildProtectionPlan.objects.get(pk=plan.pk)
    plan.version += 1
    plan.save(update_fields=["version"])  # someone else's save since the page was read
    review(case, chair, stale, held_on=days_ago(1), category="MUL")
    plan.refresh_from_db()
    assert plan.latest_category == "MUL" and plan.version == 3


def test_a_review_conference_that_keeps_the_category_leaves_the_plan_as_it_was(
    case, worker, chair, police, health
):
    plan = cp_plan_for(case, worker, chair, [police, health])
    review(case, chair, plan, held_on=today(), category="NEG")
    plan.refresh_from_db()
    assert plan.version == 1


def test_a_review_conference_ends_the_plan(case, worker, chair, police, health, officer):
    plan = cp_plan_for(case, worker, chair, [police, health], on=days_ago(25), members=[officer])
    conference = review(
        case, chair, plan, held_on=days_ago(1), outcome="end", summary="Home is safe now."
    )
    plan.refresh_from_db()
    assert plan.ended_on == days_ago(1) and plan.end_reason == "Home is safe now."
    assert conference.outcome == "end"
    membership = plan.members.get()
    # Members lose the record the day the plan ends: their last day was the day before.
    assert membership.to_on == days_ago(2)
    assert Involvement.objects.get(pk=membership.involvement_id).ended_on == days_ago(2)
    decision = KeyDecision.objects.get(kind=DecisionKind.PLAN_END)
    assert decision.subject == plan
    assert decision.summary == "End of the child protection plan: Home is safe now."
    # The member's involvement ends (audited by access.services) before the plan's own row.
    assert verbs()[-3:] == ["conference_held", "involvement_ended", "cp_plan_ended"]
    entry = ChronologyEntry.objects.filter(kind=EntryKind.CP_PLAN).order_by("-id").first()
    assert entry.summary == "Child protection plan ended: Home is safe now."


def test_a_review_conference_without_a_summary_gives_a_reason_anyway(
    case, worker, chair, police, health
):
    plan = cp_plan_for(case, worker, chair, [police, health])
    protection.conference_hold(
        referral=case,
        chair=chair,
        kind="review",
        held_on=today(),
        outcome="end",
        summary="",
        plan=plan,
    )
    plan.refresh_from_db()
    assert plan.end_reason == "Ended at review conference."


def test_review_conference_refusals(case, worker, chair, police, health):
    plan = cp_plan_for(case, worker, chair, [police, health], on=days_ago(10))
    with refused(match="reviews an open plan") as info:
        protection.conference_hold(
            referral=case,
            chair=chair,
            kind="review",
            held_on=today(),
            outcome="continue",
            summary="",
        )
    assert info.value.field == "plan"
    with refused(match="continues or ends the plan"):
        review(case, chair, plan, held_on=today(), outcome="plan")
    with refused(match="cannot come before the plan"):
        review(case, chair, plan, held_on=days_ago(11))
    with refused(match="Choose the category"):
        review(case, chair, plan, held_on=today(), category="XYZ")
    review(case, chair, plan, held_on=today(), outcome="end")
    plan.refresh_from_db()
    with refused(match="reviews an open plan"):
        review(case, chair, plan, held_on=today())


# ---- a second plan ------------------------------------------------------------------------------


def test_a_second_plan_is_flagged_as_a_repeat_naming_the_previous_plan(
    case, worker, chair, police, health, manager
):
    first = cp_plan_for(case, worker, chair, [police, health], on=days_ago(28))
    review(case, chair, first, held_on=days_ago(20), outcome="end")
    first.refresh_from_db()

    second = cp_plan_for(case, worker, chair, [police, health], on=days_ago(5), category="PHY")

    assert second.is_repeat is True and second.previous_plan == first
    decision = KeyDecision.objects.get(kind=DecisionKind.PLAN_START, subject_id=str(second.pk))
    dates = f"{first.started_on:%d %b %Y} to {first.ended_on:%d %b %Y}"
    assert decision.summary == (
        "Start of a child protection plan (Physical abuse). This is a second or subsequent "
        f"plan: the previous one ran from {dates}."
    )
    assert decision.details == {"repeat": True}
    event = AuditEvent.objects.filter(verb="cp_plan_started").order_by("-id").first()
    assert event.payload == {"category": "PHY", "repeat": True}
    entry = ChronologyEntry.objects.filter(kind=EntryKind.CP_PLAN).order_by("-id").first()
    assert dates in entry.summary
    # The manager sees the repeat in the decision waiting for sign-off.
    oversight.key_decision_sign_off(decision=decision, manager=manager, agree=True)


def test_a_repeat_plan_after_an_earlier_referral_names_the_latest_previous_plan(
    child, cin_team, worker, manager, chair, police, health
):
    old = refer(child, days_ago(300))
    allocate(child, cin_team, worker, manager, on=old.referral_date)
    first = cp_plan_for(old, worker, chair, [police, health], on=days_ago(290))
    review(old, chair, first, held_on=days_ago(250), outcome="end")
    second = cp_plan_for(old, worker, chair, [police, health], on=days_ago(200))
    review(old, chair, second, held_on=days_ago(150), outcome="end")
    old.closed_on, old.closure_reason = days_ago(140), "RC7"
    old.save()

    new = refer(child, days_ago(10))
    third = cp_plan_for(new, worker, chair, [police, health], on=days_ago(5))
    assert third.is_repeat is True and third.previous_plan == second


def test_a_first_plan_is_not_a_repeat_because_of_another_childs_plan(
    case, worker, chair, police, health, cin_team, manager
):
    sister = PersonFactory(given_name="Amina", family_name="Begum")
    sisters = refer(sister, days_ago(40))
    allocate(sister, cin_team, worker, manager, on=sisters.referral_date)
    hers = cp_plan_for(sisters, worker, chair, [police, health], on=days_ago(35))
    review(sisters, chair, hers, held_on=days_ago(31), outcome="end")
    plan = cp_plan_for(case, worker, chair, [police, health])
    assert plan.is_repeat is False and plan.previous_plan is None


# ---- core groups ---------------------------------------------------------------------------------


def test_recording_a_core_group(case, worker, chair, police, health, dsl):
    plan = cp_plan_for(case, worker, chair, [police, health], on=days_ago(20))
    meeting = core_groups.core_group_record(
        plan=plan, recorded_by=worker, held_on=days_ago(3), summary=" Mum attended; school: OK. "
    )
    assert meeting.summary == "Mum attended; school: OK." and meeting.recorded_by == worker
    assert AuditEvent.objects.get(verb="core_group_recorded").object_id == str(meeting.pk)
    entry = ChronologyEntry.objects.get(kind=EntryKind.CORE_GROUP)
    assert entry.summary == "Core group: Mum attended; school: OK."
    assert entry.visibility == Visibility.PARTNERS
    with refused(match="cannot meet before the plan starts"):
        core_groups.core_group_record(
            plan=plan, recorded_by=worker, held_on=days_ago(21), summary="Early."
        )
    with refused(match="Record what the core group agreed"):
        core_groups.core_group_record(plan=plan, recorded_by=worker, held_on=today(), summary="")
    with refused(PermissionDenied):
        core_groups.core_group_record(plan=plan, recorded_by=dsl, held_on=today(), summary="Hi.")


# ---- the review and visit clocks ----------------------------------------------------------------


def test_the_first_review_is_due_within_three_months_of_the_icpc(
    case, worker, chair, police, health
):
    plan = cp_plan_for(case, worker, chair, [police, health], on=days_ago(20))
    clock = plan.review_clock(None)
    assert clock.started == days_ago(20)
    assert clock.due == days_ago(20) + relativedelta(months=3)


def test_later_reviews_are_due_six_months_after_the_last():
    plan = ChildProtectionPlan(started_on=date(2026, 5, 31))
    assert plan.review_clock(None) == Clock(date(2026, 5, 31), date(2026, 8, 31))
    assert plan.review_clock(date(2026, 8, 20)) == Clock(date(2026, 8, 20), date(2027, 2, 20))
    # A month end: 31 August + 6 months is the end of February.
    assert plan.review_clock(date(2026, 8, 31)).due == date(2027, 2, 28)
    # 30 November + 3 months, in a leap year.
    assert ChildProtectionPlan(started_on=date(2027, 11, 30)).review_clock(None).due == date(
        2028, 2, 29
    )


def test_the_cp_visit_clock_is_ten_working_days_from_the_last_visit():
    plan = ChildProtectionPlan(started_on=date(2026, 12, 14))
    # From the start of the plan, over Christmas: 15 Dec ... 24 Dec (8), 29-31 Dec (11)...
    assert plan.visit_clock(None) == Clock(date(2026, 12, 14), date(2026, 12, 30))
    assert plan.visit_clock(date(2026, 11, 2)).due == date(2026, 11, 16)


def test_the_cp_visit_standard_is_configurable(settings):
    settings.EVERYCHILD = {**settings.EVERYCHILD, "CP_VISIT_WORKING_DAYS": 5}
    plan = ChildProtectionPlan(started_on=date(2026, 11, 2))
    assert plan.visit_clock(None).due == date(2026, 11, 9)
    assert plan.visit_clock(date(2026, 11, 16)).due == date(2026, 11, 23)
    settings.EVERYCHILD = {**settings.EVERYCHILD, "CP_VISIT_WORKING_DAYS": 20}
    assert plan.visit_clock(date(2026, 11, 2)).due == date(2026, 11, 30)
