"""Child in need plans: starting one (with what it is to achieve), reviewing it, ending it
with a reason, and the key decisions a manager signs off at its start and end."""

from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied

from everychild.audit.models import AuditEvent
from everychild.casework.models import ChildInNeedPlan, DecisionKind, KeyDecision
from everychild.casework.services import child_in_need, oversight
from everychild.chronology.models import ChronologyEntry, EntryKind, Visibility
from tests.casework.fixtures import *  # noqa: F403
from tests.casework.helpers import days_ago, refer, refused, today

OUTCOMES = "Ayesha is at school every day, and her mother has support for her drinking."


def start(referral, by, *, on=None, outcomes=OUTCOMES):
    return child_in_need.cin_plan_start(
        referral=referral, started_by=by, started_on=on or referral.referral_date, outcomes=outcomes
    )


# ---- starting --------------------------------------------------------------------------------


def test_starting_a_cin_plan_asks_for_a_managers_sign_off(case, worker):
    plan = start(case, worker, outcomes=f"  {OUTCOMES}  ")
    assert plan.child == case.child and plan.referral == case
    assert plan.started_on == case.referral_date and plan.ended_on is None
    assert plan.outcomes == OUTCOMES and plan.version == 1 and plan.modified_by == worker
    decision = KeyDecision.objects.get(child=case.child)
    assert decision.kind == DecisionKind.PLAN_START and decision.subject == plan
    assert decision.summary == "Start of a child in need plan."
    assert decision.requested_by == worker and decision.decided_at is None
    event = AuditEvent.objects.get(verb="cin_plan_started")
    assert event.actor == worker and event.object_id == str(plan.pk)
    entry = ChronologyEntry.objects.get(child=case.child, kind=EntryKind.CIN_PLAN)
    assert entry.summary == "Child in need plan started."
    assert entry.visibility == Visibility.PARTNERS and entry.source == plan


@pytest.mark.parametrize("outcomes", ["", "   ", "\n"])
def test_a_cin_plan_needs_its_outcomes(case, worker, outcomes):
    with refused(match="Say what the plan is to achieve") as info:
        start(case, worker, outcomes=outcomes)
    assert info.value.field == "outcomes"
    assert not ChildInNeedPlan.objects.exists()


def test_a_child_has_one_open_cin_plan(case, worker):
    start(case, worker)
    with refused(match="already has a child in need plan"):
        start(case, worker, on=today())


def test_a_child_has_one_open_cin_plan_even_across_two_open_referrals(case, worker):
    start(case, worker)
    # A second referral for Ayesha, opened while the first is still open.
    second = refer(case.child, days_ago(3))
    with refused(match="already has a child in need plan"):
        start(second, worker)
    assert ChildInNeedPlan.objects.filter(child=case.child, ended_on=None).count() == 1


def test_a_cin_plan_cannot_start_before_its_referral(case, worker):
    with refused(match="before") as info:
        start(case, worker, on=case.referral_date - timedelta(days=1))
    assert info.value.field == "started_on"


def test_a_cin_plan_cannot_start_in_the_future(case, worker):
    with refused(match="cannot be in the future"):
        start(case, worker, on=today() + timedelta(days=1))


def test_a_cin_plan_cannot_start_on_a_closed_case(case, worker):
    case.closed_on, case.closure_reason = today(), "RC8"
    case.save()
    with refused(match="This case is closed"):
        start(case, worker)


def test_only_someone_who_may_edit_the_record_starts_a_plan(case, other_worker, dsl):
    for outsider in (other_worker, dsl):
        with refused(PermissionDenied):
            start(case, outsider)


def test_the_manager_agrees_the_start_of_the_plan(case, worker, manager):
    plan = start(case, worker)
    decision = KeyDecision.objects.get(subject_id=str(plan.pk), kind=DecisionKind.PLAN_START)
    oversight.key_decision_sign_off(decision=decision, manager=manager, agree=True)
    decision.refresh_from_db()
    assert decision.agreed is True and decision.decided_by == manager
    plan.refresh_from_db()
    assert plan.ended_on is None  # agreeing changes nothing about the plan itself


# ---- reviews ---------------------------------------------------------------------------------


def test_reviewing_a_cin_plan(case, worker):
    plan = start(case, worker)
    assert plan.review_clock(None).due == plan.started_on + relativedelta(months=3)
    held = days_ago(1)
    review = child_in_need.cin_review_record(
        plan=plan, recorded_by=worker, held_on=held, summary="  Attendance up to 96%.  "
    )
    assert (review.plan, review.held_on, review.summary) == (plan, held, "Attendance up to 96%.")
    assert review.recorded_by == worker
    assert plan.review_clock(held).due == held + relativedelta(months=3)
    assert AuditEvent.objects.get(verb="cin_review_recorded").object_id == str(review.pk)
    entry = ChronologyEntry.objects.get(
        kind=EntryKind.CIN_PLAN, summary__startswith="Child in need review"
    )
    assert entry.summary == "Child in need review: Attendance up to 96%."
    assert entry.source == review


def test_cin_review_refusals(case, worker, dsl):
    plan = start(case, worker)
    with refused(match="cannot come before the plan"):
        child_in_need.cin_review_record(
            plan=plan,
            recorded_by=worker,
            held_on=plan.started_on - timedelta(days=1),
            summary="Early.",
        )
    with refused(match="Record what the review found"):
        child_in_need.cin_review_record(plan=plan, recorded_by=worker, held_on=today(), summary=" ")
    with refused(match="cannot be in the future"):
        child_in_need.cin_review_record(
            plan=plan, recorded_by=worker, held_on=today() + timedelta(1), summary="Soon."
        )
    with refused(PermissionDenied):
        child_in_need.cin_review_record(
            plan=plan, recorded_by=dsl, held_on=today(), summary="Fine."
        )
    child_in_need.cin_plan_end(plan=plan, ended_by=worker, ended_on=today(), reason="Goals met.")
    plan.refresh_from_db()
    with refused(match="This plan has ended"):
        child_in_need.cin_review_record(plan=plan, recorded_by=worker, held_on=today(), summary="x")


def test_the_cin_review_clock_on_a_month_end():
    plan = ChildInNeedPlan(started_on=date(2026, 8, 31))
    assert plan.review_clock(None).due == date(2026, 11, 30)
    assert plan.review_clock(date(2026, 11, 30)).due == date(2027, 2, 28)


# ---- ending ------------------------------------------------------------------------------------


def test_ending_a_cin_plan_asks_for_a_managers_sign_off(case, worker):
    plan = start(case, worker)
    ended = child_in_need.cin_plan_end(
        plan=plan, ended_by=worker, ended_on=days_ago(1), reason="  Goals met.  ", version=1
    )
    assert ended.ended_on == days_ago(1) and ended.end_reason == "Goals met."
    assert ended.version == 2 and ended.modified_by == worker
    decision = KeyDecision.objects.get(kind=DecisionKind.PLAN_END)
    assert decision.subject == ended and decision.requested_by == worker
    assert decision.summary == "End of the child in need plan: Goals met."
    assert AuditEvent.objects.get(verb="cin_plan_ended").object_id == str(plan.pk)
    entry = ChronologyEntry.objects.filter(kind=EntryKind.CIN_PLAN).order_by("-id").first()
    assert entry.summary == "Child in need plan ended: Goals met."
    assert entry.visibility == Visibility.PARTNERS
    # With the plan ended, a new one may start.
    again = start(case, worker, on=today())
    assert again.pk != plan.pk


@pytest.mark.parametrize("reason", ["", "  "])
def test_ending_a_cin_plan_needs_a_reason(case, worker, reason):
    plan = start(case, worker)
    with refused(match="Say why the plan is ending") as info:
        child_in_need.cin_plan_end(plan=plan, ended_by=worker, ended_on=today(), reason=reason)
    assert info.value.field == "reason"
    assert ChildInNeedPlan.objects.get(pk=plan.pk).ended_on is None


def test_a_cin_plan_cannot_end_before_it_starts(case, worker):
    plan = start(case, worker, on=days_ago(5))
    with refused(match="cannot end before it starts") as info:
        child_in_need.cin_plan_end(plan=plan, ended_by=worker, ended_on=days_ago(6), reason="Oops.")
    assert info.value.field == "ended_on"
    # Starting and ending on the same day is allowed.
    child_in_need.cin_plan_end(
        plan=plan, ended_by=worker, ended_on=days_ago(5), reason="Stepped up."
    )


def test_a_cin_plan_ends_once_and_not_in_the_future(case, worker):
    plan = start(case, worker)
    with refused(match="cannot be in the future"):
        child_in_need.cin_plan_end(
            plan=plan, ended_by=worker, ended_on=today() + timedelta(1), reason="Later."
        )
    child_in_need.cin_plan_end(plan=plan, ended_by=worker, ended_on=today(), reason="Goals met.")
    with refused(match="already ended"):
        child_in_need.cin_plan_end(plan=plan, ended_by=worker, ended_on=today(), reason="Again.")


def test_only_someone_who_may_edit_the_record_ends_a_plan(case, worker, other_worker, dsl):
    plan = start(case, worker)
    for outsider in (other_worker, dsl):
        with refused(PermissionDenied):
            child_in_need.cin_plan_end(plan=plan, ended_by=outsider, ended_on=today(), reason="x")
