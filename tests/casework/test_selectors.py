"""Reads for casework pages: My work, Team, and the casework on the child's page, each
with the statutory clocks of the work it lists."""

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from everychild.access.models import RecordRestriction
from everychild.access.services import break_glass_open
from everychild.casework.models import Assessment, KeyDecision
from everychild.casework.selectors import caseloads, panel
from everychild.casework.services import child_in_need, notes, oversight, protection, transition
from everychild.core import calendar
from everychild.core.clock import ClockStatus
from everychild.organisations.models import TeamMembership
from tests.casework.fixtures import *  # noqa: F403
from tests.casework.helpers import (
    allocate,
    assessment_for,
    at,
    cp_plan_for,
    days_ago,
    fresh,
    icpc,
    refer,
    review,
    strategy,
    submitted,
    today,
)
from tests.factories import PersonFactory

ORDER = {ClockStatus.OVERDUE: 0, ClockStatus.DUE_TODAY: 1, ClockStatus.RUNNING: 2}


def statuses(items):
    return [i.clock.status() for i in items]


def whats(items, child=None):
    return [i.what for i in items if child is None or i.child == child]


@pytest.fixture
def late_case(cin_team, worker, manager):
    """Bilal, referred 100 days ago, held by Sam, whose assessment is overdue."""
    referral = refer(PersonFactory(given_name="Bilal", family_name="Ahmed"), days_ago(100))
    allocate(referral.child, cin_team, worker, manager, on=referral.referral_date)
    assessment_for(referral, worker)
    return referral


# ---- My work -------------------------------------------------------------------------------------


def test_my_work_lists_only_the_workers_allocated_children(
    case, late_case, cin_team, worker, colleague, manager
):
    held_by_nia = refer(PersonFactory(given_name="Chen", family_name="Li"), days_ago(10))
    allocate(held_by_nia.child, cin_team, colleague, manager)
    handed_over = refer(PersonFactory(given_name="Dara", family_name="Obi"), days_ago(40))
    allocate(handed_over.child, cin_team, worker, manager, on=days_ago(40))
    allocate(handed_over.child, cin_team, colleague, manager, on=days_ago(5), reason="MANAGE")
    assessment_for(held_by_nia, colleague)

    work = caseloads.my_work(user=worker)

    assert [c.full_name for c in work.children] == ["Ayesha Begum", "Bilal Ahmed"]
    assert {i.child for i in work.items} <= {case.child, late_case.child}
    # Sam's team sees Chen, but Chen is not Sam's work.
    assert not any(i.child == held_by_nia.child for i in work.items)


def test_my_work_puts_overdue_work_first(case, late_case, worker):
    assessment_for(case, worker)  # due in about six weeks
    child_in_need.cin_plan_start(
        referral=case, started_by=worker, started_on=days_ago(1), outcomes="Safe at home."
    )
    work = caseloads.my_work(user=worker)
    assert whats(work.items, late_case.child) == ["Single assessment (in progress)"]
    assert statuses(work.items)[0] is ClockStatus.OVERDUE
    assert work.items[0].child == late_case.child
    ranks = [ORDER.get(s, 3) for s in statuses(work.items)]
    assert ranks == sorted(ranks)
    assert [i.what for i in work.overdue] == ["Single assessment (in progress)"]
    assert sorted(whats(work.items, case.child)) == [
        "Child in need review",
        "Single assessment (in progress)",
    ]
    assessment = Assessment.objects.get(referral=late_case)
    (item,) = [i for i in work.items if i.child == late_case.child]
    assert item.clock.due == assessment.due_on and item.url.endswith(f"/{assessment.pk}/")


def test_within_a_status_earlier_due_dates_come_first(case, late_case, worker, cin_team, manager):
    later = refer(PersonFactory(given_name="Esi"), days_ago(70))
    allocate(later.child, cin_team, worker, manager, on=later.referral_date)
    assessment_for(later, worker)
    overdue = caseloads.my_work(user=worker).overdue
    assert [i.child for i in overdue] == [late_case.child, later.child]


def test_an_authorised_assessment_leaves_my_work(case, worker, manager):
    _, decision = submitted(case, worker)
    assert whats(caseloads.my_work(user=worker).items) == [
        "Single assessment (awaiting authorisation)"
    ]
    oversight.key_decision_sign_off(decision=decision, manager=manager, agree=True)
    assert whats(caseloads.my_work(user=worker).items) == []


def test_my_work_is_empty_for_someone_with_no_allocations(case, colleague, officer):
    assert caseloads.my_work(user=colleague).children == []
    assert caseloads.my_work(user=officer).items == []


# ---- Team ----------------------------------------------------------------------------------------


def test_team_work_is_for_the_teams_managers_only(
    case, cin_team, worker, other_manager, manager, chair
):
    for someone in (worker, other_manager, chair):
        with pytest.raises(PermissionDenied):
            caseloads.team_work(user=someone, team=cin_team)
    TeamMembership.objects.filter(staff=manager).update(ended_on=days_ago(1))
    with pytest.raises(PermissionDenied):
        caseloads.team_work(user=fresh(manager), team=cin_team)


def test_team_work_lists_overdue_work_caseloads_and_decisions_to_sign_off(
    case, late_case, cin_team, other_team, worker, colleague, manager, other_manager, other_worker
):
    nias = refer(PersonFactory(given_name="Chen", family_name="Li"), days_ago(90))
    allocate(nias.child, cin_team, colleague, manager, on=nias.referral_date)
    _, assessed = submitted(nias, colleague)
    plan = child_in_need.cin_plan_start(
        referral=case, started_by=worker, started_on=days_ago(2), outcomes="Safe at home."
    )
    waiting = refer(PersonFactory(given_name="Dara"), days_ago(3))
    unallocated = allocate(waiting.child, cin_team, None, manager)
    elsewhere = refer(PersonFactory(given_name="Femi"), days_ago(120))
    allocate(elsewhere.child, other_team, other_worker, other_manager, on=elsewhere.referral_date)
    assessment_for(elsewhere, other_worker)
    child_in_need.cin_plan_start(
        referral=elsewhere, started_by=other_worker, started_on=today(), outcomes="Other team."
    )

    team = caseloads.team_work(user=manager, team=cin_team)

    assert team.team == cin_team
    overdue = {(i.child.given_name, i.what, i.owner) for i in team.overdue}
    assert overdue == {
        ("Bilal", "Single assessment (in progress)", "Sam Patel"),
        ("Chen", "Single assessment (awaiting authorisation)", "Nia Jones"),
    }
    assert statuses(team.items)[: len(team.overdue)] == [ClockStatus.OVERDUE] * len(team.overdue)
    assert not any(i.child == elsewhere.child for i in team.items)
    loads = {c.worker.username: c.children for c in team.caseloads}
    assert loads == {"team.manager": 0, "social.worker": 2, "social.worker2": 1}
    assert [d.pk for d in team.awaiting_sign_off] == [
        assessed.pk,
        KeyDecision.objects.get(subject_id=str(plan.pk), kind="plan_start").pk,
    ]
    assert team.unallocated == [unallocated]


def test_a_decision_signed_off_leaves_the_teams_list(case, worker, manager, cin_team):
    _, decision = submitted(case, worker)
    assert caseloads.team_work(user=manager, team=cin_team).awaiting_sign_off == [decision]
    oversight.key_decision_sign_off(decision=decision, manager=manager, agree=True)
    assert caseloads.team_work(user=manager, team=cin_team).awaiting_sign_off == []


# ---- the child's casework ------------------------------------------------------------------------


def test_the_childs_casework_needs_view_access(case, other_worker, dsl, chair):
    for outsider in (other_worker, dsl, chair):
        with pytest.raises(PermissionDenied):
            panel.child_casework(user=outsider, child=case.child)


def test_a_restricted_childs_casework_is_not_found(case, worker, other_worker, dsl):
    restriction = RecordRestriction.objects.create(
        child=case.child, reason="Sealed", restricted_by=dsl
    )
    with pytest.raises(Http404):
        panel.child_casework(user=other_worker, child=case.child)
    restriction.named_staff.set([worker])
    assert panel.child_casework(user=worker, child=case.child).referrals == [case]


def test_breaking_glass_shows_the_childs_casework(case, other_worker):
    break_glass_open(
        user=other_worker,
        child=case.child,
        reason="Ayesha is at the police station and her worker is off sick today.",
    )
    casework = panel.child_casework(user=fresh(other_worker), child=case.child)
    assert casework.referrals == [case]


def test_the_childs_casework_brings_it_all_together(
    case, worker, manager, chair, police, health, officer
):
    _, decision = submitted(case, worker)
    oversight.key_decision_sign_off(decision=decision, manager=manager, agree=True)
    plan = cp_plan_for(case, worker, chair, [police, health], on=days_ago(20), members=[officer])
    notes.case_note_add(
        child=case.child,
        written_by=worker,
        kind="visit",
        occurred_at=at(days_ago(3)),
        note="Seen at home.",
        child_seen=True,
        seen_alone=True,
    )

    casework = panel.child_casework(user=worker, child=case.child)

    assert casework.allocation.worker == worker and casework.allocation.team.name.endswith("1")
    assert casework.workers_last_year == 1
    assert casework.referrals == [case]
    assert [a.authorised_by for a in casework.assessments] == [manager]
    assert casework.cp_plans == [plan] and len(casework.conferences) == 1
    assert len(casework.section47s) == 1
    assert {d.kind for d in casework.decisions} == {"assessment", "plan_start"}
    assert [n.note for n in casework.notes] == ["Seen at home."]
    assert sorted(whats(casework.items)) == [
        "Child protection visit (child seen)",
        "Review child protection conference",
    ]
    # A partner in the plan sees the casework too.
    assert panel.child_casework(user=officer, child=case.child).cp_plans == [plan]


# ---- the clocks the casework carries -----------------------------------------------------------


def _item(user, child, what):
    (item,) = [i for i in panel.child_casework(user=user, child=child).items if i.what == what]
    return item


def test_the_icpc_clock_runs_from_the_strategy_discussion_until_the_conference(
    case, worker, chair, police, health
):
    discussion = strategy(case, worker, [police, health], held_on=days_ago(4))
    item = _item(worker, case.child, "Initial child protection conference")
    assert item.clock.started == days_ago(4)
    assert item.clock.due == calendar.add_working_days(days_ago(4), 15)
    enquiry = protection.section47_complete(
        enquiry=discussion.section47,
        completed_by=worker,
        completed_on=days_ago(1),
        outcome="risk",
        icpc_needed=True,
    )
    assert _item(worker, case.child, "Initial child protection conference")
    icpc(case, chair, enquiry, held_on=today())
    items = panel.child_casework(user=worker, child=case.child).items
    assert "Initial child protection conference" not in whats(items)


def test_no_icpc_clock_when_the_enquiry_found_no_need(case, worker, police, health):
    discussion = strategy(case, worker, [police, health], held_on=days_ago(4))
    protection.section47_complete(
        enquiry=discussion.section47,
        completed_by=worker,
        completed_on=days_ago(1),
        outcome="unfounded",
        icpc_needed=False,
    )
    assert panel.child_casework(user=worker, child=case.child).items == []


def test_the_review_clock_first_within_three_months_then_every_six(
    case, worker, chair, police, health
):
    plan = cp_plan_for(case, worker, chair, [police, health], on=days_ago(25))
    first = _item(worker, case.child, "Review child protection conference")
    assert first.clock.due == days_ago(25) + relativedelta(months=3)
    review(case, chair, plan, held_on=days_ago(5))
    review(case, chair, plan, held_on=days_ago(2))
    later = _item(worker, case.child, "Review child protection conference")
    assert later.clock.started == days_ago(2)
    assert later.clock.due == days_ago(2) + relativedelta(months=6)


def test_the_cp_visit_clock_runs_from_the_last_visit_where_the_child_was_seen(
    case, worker, chair, police, health, settings
):
    plan = cp_plan_for(case, worker, chair, [police, health], on=days_ago(20))
    visit = "Child protection visit (child seen)"

    def note(day, seen):
        notes.case_note_add(
            child=case.child,
            written_by=worker,
            kind="visit",
            occurred_at=at(day, 15),
            note="Home visit.",
            child_seen=seen,
        )

    # No visit yet: 10 working days from the start of the plan, so overdue by now.
    item = _item(worker, case.child, visit)
    assert item.clock.due == calendar.add_working_days(plan.started_on, 10)
    assert item.overdue
    note(days_ago(25), True)  # before the plan: does not count
    note(days_ago(4), False)  # the child was not seen: does not count
    assert _item(worker, case.child, visit).clock.due == calendar.add_working_days(
        plan.started_on, 10
    )
    note(days_ago(6), True)
    item = _item(worker, case.child, visit)
    assert item.clock.started == days_ago(6)
    assert item.clock.due == calendar.add_working_days(days_ago(6), 10)
    # The local standard is configurable.
    settings.EVERYCHILD = {**settings.EVERYCHILD, "CP_VISIT_WORKING_DAYS": 3}
    assert _item(worker, case.child, visit).clock.due == calendar.add_working_days(days_ago(6), 3)


def test_an_ended_plan_has_no_clocks(case, worker, chair, police, health):
    plan = cp_plan_for(case, worker, chair, [police, health], on=days_ago(20))
    review(case, chair, plan, held_on=days_ago(1), outcome="end")
    assert panel.child_casework(user=worker, child=case.child).items == []


def test_the_cin_review_clock(case, worker):
    plan = child_in_need.cin_plan_start(
        referral=case, started_by=worker, started_on=days_ago(10), outcomes="Safe at home."
    )
    item = _item(worker, case.child, "Child in need review")
    assert item.clock.due == days_ago(10) + relativedelta(months=3)
    child_in_need.cin_review_record(
        plan=plan, recorded_by=worker, held_on=days_ago(1), summary="OK."
    )
    item = _item(worker, case.child, "Child in need review")
    assert item.clock.due == days_ago(1) + relativedelta(months=3)


def test_my_work_takes_the_same_number_of_queries_however_many_children(
    case, worker, manager, cin_team, chair, police, health
):
    cp_plan_for(case, worker, chair, [police, health], on=days_ago(20))
    worker = fresh(worker)
    with CaptureQueriesContext(connection) as one_child:
        caseloads.my_work(user=worker)
    for n in range(4):
        referral = refer(PersonFactory(given_name=f"Child{n}"), days_ago(50 + n))
        allocate(referral.child, cin_team, worker, manager, on=referral.referral_date)
        assessment_for(referral, worker)
        cp_plan_for(referral, worker, chair, [police, health], on=days_ago(40))
    worker = fresh(worker)
    with CaptureQueriesContext(connection) as five_children:
        work = caseloads.my_work(user=worker)
    assert len(work.children) == 5 and len(work.items) == 2 + 4 * 3
    assert len(five_children) == len(one_child)


def test_transition_flag_on_the_childs_casework(case, worker):
    child = case.child
    assert panel.child_casework(user=worker, child=child).needs_transition_plan is False
    child.disabilities = ["AUT"]
    child.date_of_birth = today() - relativedelta(years=15)
    child.save()
    assert panel.child_casework(user=worker, child=child).needs_transition_plan is True
    transition.transition_plan_record(
        child=child,
        recorded_by=worker,
        agreed_on=today(),
        adult_services_contact="Adult social care, transitions team",
        summary="Supported living from 18; college place agreed.",
    )
    assert panel.child_casework(user=worker, child=child).needs_transition_plan is False
