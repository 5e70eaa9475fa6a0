"""Reads about the workforce: how many social workers a child has had, caseloads, and the
referrals waiting for a worker."""

from datetime import date

from django.utils import timezone

from everychild.access.models import RecordRestriction
from everychild.organisations.models import TeamMembership
from everychild.organisations.roles import Role
from everychild.workforce import selectors
from everychild.workforce.models import Allocation
from tests.casework.helpers import allocate, days_ago, make_staff, refer
from tests.factories import PersonFactory

TODAY = date(2026, 11, 23)


def held(child, team, worker, started_on, ended_on=None):
    return Allocation.objects.create(
        child=child, team=team, worker=worker, started_on=started_on, ended_on=ended_on
    )


# ---- workers in the last 12 months -----------------------------------------------------------


def test_workers_in_the_last_year_counts_distinct_workers_over_twelve_months(
    child, cin_team, worker, colleague, other_worker
):
    assert selectors.workers_in_last_year(child, today=TODAY) == 0
    held(child, cin_team, worker, date(2025, 6, 1), date(2025, 12, 1))
    held(child, cin_team, colleague, date(2025, 12, 1), date(2026, 4, 1))
    held(child, cin_team, worker, date(2026, 4, 1), date(2026, 9, 1))  # Sam again
    held(child, cin_team, None, date(2026, 9, 1), date(2026, 9, 10))  # waiting in the team
    held(child, cin_team, other_worker, date(2026, 9, 10))  # today's worker
    assert selectors.workers_in_last_year(child, today=TODAY) == 3


def test_an_allocation_that_ended_exactly_twelve_months_ago_counts(child, cin_team, worker):
    held(child, cin_team, worker, date(2025, 1, 1), date(2025, 11, 23))
    assert selectors.workers_in_last_year(child, today=TODAY) == 1


def test_an_allocation_that_ended_twelve_months_and_a_day_ago_does_not(child, cin_team, worker):
    held(child, cin_team, worker, date(2025, 1, 1), date(2025, 11, 22))
    assert selectors.workers_in_last_year(child, today=TODAY) == 0


def test_a_current_allocation_that_started_long_ago_counts(child, cin_team, worker):
    held(child, cin_team, worker, date(2019, 1, 1))
    assert selectors.workers_in_last_year(child, today=TODAY) == 1


def test_workers_in_the_last_year_counts_only_this_childs_allocations(child, cin_team, worker):
    other = PersonFactory()
    held(other, cin_team, worker, date(2026, 1, 1))
    assert selectors.workers_in_last_year(child, today=TODAY) == 0


def test_workers_in_the_last_year_defaults_to_today(child, cin_team, worker, colleague):
    held(child, cin_team, worker, days_ago(400), days_ago(366))
    held(child, cin_team, colleague, days_ago(366), days_ago(10))
    assert selectors.workers_in_last_year(child) == 1


def test_workers_in_the_last_year_on_a_leap_day(child, cin_team, worker, colleague):
    # 12 months before 29 February 2028 is 28 February 2027.
    held(child, cin_team, worker, date(2026, 1, 1), date(2027, 2, 28))
    held(child, cin_team, colleague, date(2026, 1, 1), date(2027, 2, 27))
    assert selectors.workers_in_last_year(child, today=date(2028, 2, 29)) == 1


def test_allocation_history_lists_every_allocation_newest_first(case, cin_team, colleague, manager):
    allocate(case.child, cin_team, colleague, manager, reason="ABSENC")
    history = selectors.allocation_history(case.child)
    assert [a.worker.username for a in history] == ["social.worker2", "social.worker"]


# ---- caseloads -----------------------------------------------------------------------------------


def test_team_caseloads_count_each_members_open_allocations(
    cin_team, other_team, manager, worker, colleague, other_worker
):
    for _ in range(3):
        held(PersonFactory(), cin_team, worker, date(2026, 1, 1))
    held(PersonFactory(), cin_team, worker, date(2025, 1, 1), date(2025, 6, 1))  # ended
    held(PersonFactory(), cin_team, colleague, date(2026, 2, 1))
    held(PersonFactory(), cin_team, None, date(2026, 2, 1))  # waiting for a worker
    held(PersonFactory(), other_team, other_worker, date(2026, 2, 1))
    # Sam also holds a child in team 2: that is team 2's caseload, not team 1's.
    TeamMembership.objects.create(team=other_team, staff=worker)
    held(PersonFactory(), other_team, worker, date(2026, 2, 1))
    leaver = make_staff(Role.SOCIAL_WORKER, cin_team, name="Zed Adams")
    TeamMembership.objects.filter(staff=leaver).update(ended_on=date(2026, 10, 1))

    loads = {c.worker.username: c.children for c in selectors.team_caseloads(cin_team)}
    assert loads == {"team.manager": 0, "social.worker": 3, "social.worker2": 1}
    names = [str(c.worker) for c in selectors.team_caseloads(cin_team)]
    assert names == ["Nia Jones", "Grace Okafor", "Sam Patel"]  # by family name


# ---- waiting for allocation -------------------------------------------------------------------


def test_awaiting_allocation_lists_open_referrals_without_an_allocation(
    referral, cin_team, worker, manager
):
    older = refer(PersonFactory(given_name="Bilal"), days_ago(40))
    allocated = refer(PersonFactory(given_name="Chen"), days_ago(20))
    allocate(allocated.child, cin_team, worker, manager)
    closed = refer(PersonFactory(given_name="Dara"), days_ago(50))
    closed.closed_on, closed.closure_reason = days_ago(45), "RC8"
    closed.save()
    withdrawn = refer(PersonFactory(given_name="Esi"), days_ago(10))
    withdrawn.withdrawn_at = timezone.now()
    withdrawn.save()

    waiting = selectors.awaiting_allocation(user=manager)
    assert waiting == [older, referral]  # oldest first


def test_awaiting_allocation_leaves_out_restricted_records(referral, manager, dsl):
    RecordRestriction.objects.create(child=referral.child, reason="Sealed", restricted_by=dsl)
    assert selectors.awaiting_allocation(user=manager) == []


def test_a_child_whose_allocation_ended_waits_again(case, manager):
    Allocation.objects.filter(child=case.child).update(ended_on=days_ago(1))
    assert selectors.awaiting_allocation(user=manager) == [case]
