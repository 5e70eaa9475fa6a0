"""Casework histories in the synthetic borough: what happened after each referral the front
door made (demo.frontdoor_history), up to `b.today`.

Every referral is allocated (an assessment team first), gets a single assessment, and then
closes (no further action, or early help), goes to a child in need plan, or to a strategy
discussion, a section 47 enquiry, an initial conference and a child protection plan with
its review conferences, members, core groups and visits; plans end, cases step down and
close with their CIN census reasons. Case notes (some in the child's own words),
supervision with its actions, key decisions for a manager's sign-off, transition plans for
disabled young people and the chronology entries the services would have written come with
them. Rows are written directly (bulk inserts with explicit ids, no services, no per-row
audit), obeying the rules casework.services enforces.

Volumes per 60,000 children follow Tower Hamlets: about 300 children on a child protection
plan and 700-900 child in need plans open at any time; about a fifth of new CP plans are a
second or subsequent plan.

Reconciling involvements_step. That step gave about 4% of children an allocated worker and
case team (Involvement rows with no Allocation, from before casework existed), and the front
door then treated those children as open cases: each was referred ("anchor" referral) up to
a week before that allocation, and later contacts about them were passed to the allocated
team (outcome "open case"). Here Allocation rows are the truth: every allocated-worker and
case-team involvement is rebuilt from them (the placeholders are deleted), exactly as
workforce.services.allocation_assign would have written them, so the current ones are
exactly the open allocations of open cases. Anchor cases keep the base step's allocation
date but otherwise run like any other case, and many have closed by today (keeping them all
open would have given about 2,400 open cases and twice the CIN plans the borough has).
Children the base step allocated before they were born (about a tenth) get the pre-birth
contact and referral, a midwife's call, that would have opened their case. The front
door's decisions then follow the cases in both directions: a contact decided below the
threshold while the child's case was open becomes "passed to the allocated team", and one
passed to a team while no case was open is decided below the threshold instead (its
chronology entry follows). The conference chairs, conference and plan members and lead
professionals the base step invented are likewise rebuilt from the conferences, plans and
step-downs made here, so each demo account keeps work that the casework explains.

Teams whose caseloads would run above 20 take on agency social workers. The social.worker
demo account holds about 17 open cases (an overdue and a submitted assessment, three CP
plans, one visit due in two working days and one overdue, CIN plans, a closure waiting for
team.manager's sign-off, a disabled teenager without a transition plan); cp.chair chairs
its conferences and police.officer sits on them.
"""

from typing import TYPE_CHECKING

from everychild.demo.casework_history.planning import CasePlanner
from everychild.demo.casework_history.rows import CaseRows
from everychild.demo.casework_history.teams import CaseTeams, Staffing
from everychild.demo.writer import BoroughClock, Involvement, InvolvementKind, reset_sequences

if TYPE_CHECKING:
    from everychild.demo.borough import Borough

# The involvements of involvements_step that the cases here explain, rebuilt from them.
REBUILT_KINDS = (
    InvolvementKind.ALLOCATED_WORKER,
    InvolvementKind.CASE_TEAM,
    InvolvementKind.CONFERENCE_CHAIR,
    InvolvementKind.CONFERENCE_MEMBER,
    InvolvementKind.PLAN_MEMBER,
    InvolvementKind.LEAD_PROFESSIONAL,
)


def casework_history_step(b: "Borough") -> str:
    """Allocations, assessments, plans, conferences, visits, notes, supervision and closures
    for every referral, up to `b.today`; reconciles involvements_step's placeholders."""
    clock = BoroughClock(b.today, b.rng)
    staffing = Staffing.load(b)
    planner = CasePlanner(b, clock, staffing)
    cases = planner.plan()
    teams = CaseTeams(b, staffing)
    for case in cases:
        teams.finish_segments(case)
    planner.pick_intensive(cases)
    teams.assign(cases)
    Involvement.objects.filter(kind__in=REBUILT_KINDS).delete()
    rows = CaseRows(b, clock, planner.wd, staffing, planner.disabled)
    rows.write(cases, planner.new_contacts, planner.new_referrals)
    changed = planner.contacts_follow(cases)
    reset_sequences()
    open_cases = [c for c in cases if c.closed_on is None or c.closure_pending]
    cp_open = sum(1 for c in open_cases for p in c.plans() if p.end is None)
    cin_open = sum(1 for c in open_cases for q in c.cins if q.end is None)
    return (
        f"{len(cases):,} cases, {len(open_cases):,} open: {cp_open} CP plans, "
        f"{cin_open} CIN plans; {rows.rows.written:,} rows; "
        f"{teams.agency} agency social workers; {changed:,} contacts follow the cases"
    )
