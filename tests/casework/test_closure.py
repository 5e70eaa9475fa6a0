"""Closing a case and stepping down to early help: proposed by the worker, taking effect
only when a manager agrees; the referral's CIN closure date and reason; the allocation and
the case's involvements end; a lead professional partners can find."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied

from everychild import access
from everychild.access.models import Involvement, InvolvementKind
from everychild.audit.models import AuditEvent
from everychild.casework.models import DecisionKind, KeyDecision
from everychild.casework.services import child_in_need, closure, oversight
from everychild.chronology.models import ChronologyEntry, EntryKind, Visibility
from everychild.core.codes import ReasonForClosure
from everychild.frontdoor.models import Referral
from everychild.record.selectors import minimal_view
from everychild.workforce.models import Allocation
from tests.casework.fixtures import *  # noqa: F403
from tests.casework.helpers import (
    cp_plan_for,
    days_ago,
    refused,
    review,
    submitted,
    today,
    verbs,
)


def case_involvements(child, **filters):
    return Involvement.objects.filter(
        child=child,
        kind__in=[InvolvementKind.ALLOCATED_WORKER, InvolvementKind.CASE_TEAM],
        **filters,
    )


def propose_closure(referral, by, *, reason="RC8", on=None):
    return closure.closure_propose(
        referral=referral, proposed_by=by, closed_on=on or today(), reason=reason
    )


def propose_step_down(referral, by, lead, *, on=None):
    return closure.step_down_propose(
        referral=referral, proposed_by=by, lead_professional=lead, stepped_on=on or today()
    )


def cin_plan(referral, by, on=None):
    return child_in_need.cin_plan_start(
        referral=referral,
        started_by=by,
        started_on=on or referral.referral_date,
        outcomes="Ayesha safe at home with support for her mother.",
    )


# ---- closure -------------------------------------------------------------------------------------


def test_proposing_closure_waits_for_a_managers_sign_off(case, worker):
    decision = propose_closure(case, worker, on=days_ago(1))
    assert decision.kind == DecisionKind.CLOSURE and decision.subject == case
    assert decision.details == {"reason": "RC8", "closed_on": days_ago(1).isoformat()}
    assert decision.summary == "Close the case: Case closed after assessment, no further action."
    assert decision.requested_by == worker and decision.decided_at is None
    case.refresh_from_db()
    assert case.closed_on is None  # nothing closes until a manager agrees


def test_proposing_closure_is_audited(case, worker):
    before = AuditEvent.objects.count()
    decision = propose_closure(case, worker)
    events = list(AuditEvent.objects.order_by("id"))[before:]
    assert len(events) == 1, [e.verb for e in events]
    (event,) = events
    assert event.actor == worker and event.child_id == case.child_id
    assert event.object_id in {str(case.pk), str(decision.pk)}


def test_proposing_a_step_down_is_audited(case, worker, dsl):
    before = AuditEvent.objects.count()
    propose_step_down(case, worker, dsl)
    events = list(AuditEvent.objects.order_by("id"))[before:]
    assert len(events) == 1, [e.verb for e in events]
    assert events[0].actor == worker and events[0].child_id == case.child_id


def test_a_case_with_an_open_cin_plan_cannot_close(case, worker):
    cin_plan(case, worker)
    with refused(match="End the child's open plans before closing"):
        propose_closure(case, worker, reason="RC7")


def test_a_case_with_an_open_cp_plan_cannot_close(case, worker, chair, police, health):
    cp_plan_for(case, worker, chair, [police, health])
    with refused(match="End the child's open plans before closing"):
        propose_closure(case, worker, reason="RC7")


@pytest.mark.parametrize("reason", ["", "RC0", "RC10", "N1", "rc8"])
def test_closure_needs_a_cin_census_reason(case, worker, reason):
    with refused(match="Choose the reason for closure") as info:
        propose_closure(case, worker, reason=reason)
    assert info.value.field == "reason"


def test_closure_refusals(case, worker, other_worker, dsl):
    with refused(match="cannot be in the future"):
        propose_closure(case, worker, on=today() + timedelta(days=1))
    for outsider in (other_worker, dsl):
        with refused(PermissionDenied):
            propose_closure(case, outsider)
    propose_closure(case, worker)
    with refused(match="already waiting"):
        propose_closure(case, worker, reason="RC7")


def test_agreed_closure_closes_the_referral_and_ends_the_allocation(case, worker, manager):
    child = case.child
    decision = propose_closure(case, worker, reason="RC8", on=days_ago(2))

    oversight.key_decision_sign_off(decision=decision, manager=manager, agree=True)

    case.refresh_from_db()
    assert case.closed_on == days_ago(2) and case.closure_reason == "RC8"
    allocation = Allocation.objects.get(child=child)
    assert allocation.ended_on == days_ago(2)
    assert not case_involvements(child, ended_on=None).exists()
    assert not access.can(worker, "view", child)
    assert verbs(child_id=child.pk)[-5:] == [
        "case_closed",
        "involvement_ended",  # the case's team and worker, by access.services
        "involvement_ended",
        "allocation_ended",
        "key_decision_signed_off",
    ]
    closed = ChronologyEntry.objects.get(child=child, kind=EntryKind.CASE_CLOSED)
    assert closed.summary == "Case closed: Case closed after assessment, no further action."
    assert closed.visibility == Visibility.PARTNERS
    # The case's team no longer holds it: nothing more is done on it.
    with refused(PermissionDenied):
        propose_closure(Referral.objects.get(pk=case.pk), manager)


def test_a_returned_closure_changes_nothing(case, worker, manager):
    child = case.child
    decision = propose_closure(case, worker)
    involvements = list(case_involvements(child).values_list("pk", "ended_on"))

    oversight.key_decision_sign_off(
        decision=decision, manager=manager, agree=False, note="Not yet: see Ayesha alone first."
    )

    case.refresh_from_db()
    assert case.closed_on is None and case.closure_reason == ""
    assert Allocation.objects.get(child=child).ended_on is None
    assert list(case_involvements(child).values_list("pk", "ended_on")) == involvements
    assert access.can(worker, "edit", child)
    assert "case_closed" not in verbs() and "allocation_ended" not in verbs()
    assert not ChronologyEntry.objects.filter(kind=EntryKind.CASE_CLOSED).exists()
    # The worker may propose again.
    assert propose_closure(case, worker).pk != decision.pk


def test_a_closure_agreed_after_a_plan_has_started_is_refused(case, worker, manager):
    decision = propose_closure(case, worker, reason="RC8")
    cin_plan(case, worker)  # the situation changed while the proposal waited
    with refused():
        oversight.key_decision_sign_off(decision=decision, manager=manager, agree=True)
    case.refresh_from_db()
    assert case.closed_on is None


# ---- step-down to early help -------------------------------------------------------------------


def test_stepping_down_straight_after_assessment_closes_with_rc9(
    case, worker, manager, dsl, officer
):
    child = case.child
    _, assessed = submitted(case, worker)
    oversight.key_decision_sign_off(decision=assessed, manager=manager, agree=True)
    # Not before the assessment's authorisation today (CIN census validation 8565).
    decision = propose_step_down(case, worker, dsl, on=today())
    assert decision.kind == DecisionKind.STEP_DOWN
    assert decision.details == {"lead_professional": dsl.pk, "on": today().isoformat()}
    assert decision.summary == "Step down to early help, with Ann Lee as lead professional."
    assert not access.can(dsl, "view", child)

    oversight.key_decision_sign_off(decision=decision, manager=manager, agree=True)

    case.refresh_from_db()
    assert case.closed_on == today()
    assert case.closure_reason == ReasonForClosure.CLOSED_AFTER_ASSESSMENT_EARLY_HELP == "RC9"
    lead = Involvement.objects.get(child=child, kind=InvolvementKind.LEAD_PROFESSIONAL)
    assert (lead.staff, lead.started_on, lead.ended_on) == (dsl, today(), None)
    started = AuditEvent.objects.get(verb="involvement_started", object_id=str(lead.pk))
    assert started.actor == manager and started.child_id == child.pk
    assert Allocation.objects.get(child=child).ended_on == today()
    assert not case_involvements(child, ended_on=None).exists()
    # The lead professional now sees the record; other partners are told who to call.
    assert access.can(dsl, "view", child)
    assert not access.can(officer, "view", child)
    view = minimal_view(user=officer, child_id=child.pk)
    assert view.lead_professional is not None
    assert view.lead_professional.involvement == lead
    assert view.lead_professional.name == "Ann Lee"
    assert view.lead_professional.organisation == "Bow School"
    entry = ChronologyEntry.objects.get(child=child, kind=EntryKind.STEP_DOWN)
    assert entry.summary == "Stepped down to early help; lead professional Ann Lee, Bow School."
    assert entry.visibility == Visibility.PARTNERS


def test_stepping_down_after_a_cin_plan_closes_with_rc7(case, worker, manager, dsl):
    plan = cin_plan(case, worker, on=days_ago(20))
    child_in_need.cin_plan_end(
        plan=plan, ended_by=worker, ended_on=days_ago(2), reason="Goals met."
    )
    decision = propose_step_down(case, worker, dsl)
    oversight.key_decision_sign_off(decision=decision, manager=manager, agree=True)
    case.refresh_from_db()
    assert case.closure_reason == ReasonForClosure.SERVICES_CEASED == "RC7"
    assert case.closed_on == today()


def test_stepping_down_after_a_cp_plan_closes_with_rc7(
    case, worker, manager, chair, police, health, health_visitor
):
    plan = cp_plan_for(case, worker, chair, [police, health], on=days_ago(20))
    review(case, chair, plan, held_on=days_ago(1), outcome="end")
    decision = propose_step_down(case, worker, health_visitor)
    oversight.key_decision_sign_off(decision=decision, manager=manager, agree=True)
    case.refresh_from_db()
    assert case.closure_reason == "RC7"
    assert Involvement.objects.get(
        child=case.child, kind=InvolvementKind.LEAD_PROFESSIONAL
    ).staff == (health_visitor)


def test_a_returned_step_down_changes_nothing(case, worker, manager, dsl, officer):
    child = case.child
    decision = propose_step_down(case, worker, dsl)
    oversight.key_decision_sign_off(
        decision=decision, manager=manager, agree=False, note="Early help has no capacity."
    )
    case.refresh_from_db()
    assert case.closed_on is None and case.closure_reason == ""
    assert not Involvement.objects.filter(kind=InvolvementKind.LEAD_PROFESSIONAL).exists()
    assert Allocation.objects.get(child=child).ended_on is None
    assert not access.can(dsl, "view", child)
    assert minimal_view(user=officer, child_id=child.pk).lead_professional.name == "Sam Patel"
    assert not ChronologyEntry.objects.filter(kind=EntryKind.STEP_DOWN).exists()


def test_step_down_refusals(case, worker, dsl, chair, police, health):
    with refused(match="Name the lead professional") as info:
        propose_step_down(case, worker, None)
    assert info.value.field == "lead_professional"
    dsl.is_active = False
    dsl.save(update_fields=["is_active"])
    with refused(match="Name the lead professional"):
        propose_step_down(case, worker, dsl)
    dsl.is_active = True
    dsl.save(update_fields=["is_active"])
    with refused(match="cannot be in the future"):
        propose_step_down(case, worker, dsl, on=today() + timedelta(days=1))
    with refused(PermissionDenied):
        propose_step_down(case, dsl, dsl)
    cp_plan_for(case, worker, chair, [police, health])
    with refused(match="End the child's open plans before stepping down"):
        propose_step_down(case, worker, dsl)


def test_a_step_down_agreed_after_a_plan_has_started_is_refused(case, worker, manager, dsl):
    decision = propose_step_down(case, worker, dsl)
    cin_plan(case, worker)
    with refused():
        oversight.key_decision_sign_off(decision=decision, manager=manager, agree=True)
    assert not Involvement.objects.filter(kind=InvolvementKind.LEAD_PROFESSIONAL).exists()


def test_the_manager_who_proposed_cannot_agree_their_own_closure(case, manager, second_manager):
    decision = propose_closure(case, manager)
    with refused(match="Another manager must sign off"):
        oversight.key_decision_sign_off(decision=decision, manager=manager, agree=True)
    oversight.key_decision_sign_off(decision=decision, manager=second_manager, agree=True)
    assert Referral.objects.get(pk=case.pk).closed_on == today()
    assert KeyDecision.objects.get(pk=decision.pk).decided_by == second_manager


# ---- closure dates the CIN census accepts ---------------------------------------------------


def test_a_closure_dated_before_the_referral_is_refused_when_proposed(case, worker):
    # Otherwise the proposal waits for a manager whose sign-off can only fail.
    with refused() as info:
        propose_closure(case, worker, on=case.referral_date - timedelta(days=1))
    assert info.value.field == "closed_on"


def test_a_step_down_dated_before_the_referral_is_refused_when_proposed(case, worker, dsl):
    with refused():
        propose_step_down(case, worker, dsl, on=case.referral_date - timedelta(days=1))


def test_a_case_cannot_close_before_its_plan_ended(case, worker):
    # CIN census rule 8565: the closure date is on or after every activity on the case
    # (assessment start and authorisation, S47 start, ICPC, CP and CIN plan dates).
    plan = cin_plan(case, worker, on=days_ago(20))
    child_in_need.cin_plan_end(
        plan=plan, ended_by=worker, ended_on=days_ago(2), reason="Goals met."
    )
    with refused():
        propose_closure(case, worker, reason="RC7", on=days_ago(5))
