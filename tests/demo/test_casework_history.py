"""The casework histories in a 600-child borough keep the rules casework.services enforce."""

from collections import Counter, defaultdict
from datetime import date, timedelta
from itertools import pairwise

import pytest
from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from everychild import access
from everychild.access.models import Involvement, InvolvementKind
from everychild.casework.models import (
    Assessment,
    CaseNote,
    ChildInNeedPlan,
    ChildProtectionConference,
    ChildProtectionPlan,
    ConferenceKind,
    ConferenceMember,
    DecisionKind,
    KeyDecision,
    NoteKind,
    Recommendation,
    Section47Enquiry,
    TransitionPlan,
)
from everychild.casework.selectors.caseloads import my_work, team_work
from everychild.chronology.models import ChronologyEntry, EntryKind
from everychild.core.calendar import add_working_days
from everychild.core.codes import (
    AssessmentFactor,
    CategoryOfAbuse,
    ReasonForClosure,
    SocialWorkerChangeReason,
)
from everychild.demo.borough import generate
from everychild.frontdoor.models import Contact, ContactOutcome, Referral
from everychild.organisations.models import Staff, TeamKind
from everychild.people.models import PersonKind
from everychild.workforce.models import Allocation
from everychild.workforce.selectors import managed_teams
from everychild.workforce.services import CASE_KINDS

TODAY = date(2026, 11, 23)
CHILDREN = 600


@pytest.fixture
def borough(db, settings):
    return generate(children=CHILDREN, seed=11, today=TODAY)


@pytest.fixture
def today(monkeypatch):
    """Pages and selectors read "today" from the clock: pin it to the borough's day."""
    real = timezone.localdate

    def localdate(value=None, tz=None):
        return TODAY if value is None else real(value, tz)

    monkeypatch.setattr(timezone, "localdate", localdate)
    return TODAY


def test_every_referral_is_allocated_and_assessed(borough):
    referrals = list(Referral.objects.all())
    assessed = set(Assessment.objects.values_list("referral_id", flat=True))
    allocated = defaultdict(list)
    for allocation in Allocation.objects.order_by("started_on", "pk"):
        allocated[allocation.child_id].append(allocation)
    assert len(assessed) >= 0.97 * len(referrals)
    for referral in referrals:
        # Each case's first allocation is to an assessment team, within a week of the referral
        # (at the anchor of a child the base step had allocated, on that allocation's date).
        firsts = [
            a
            for a in allocated[referral.child_id]
            if a.change_reason == ""
            and referral.referral_date <= a.started_on <= referral.referral_date + timedelta(8)
        ]
        assert firsts, referral
        assert firsts[0].team.kind == TeamKind.ASSESSMENT
    for allocation in Allocation.objects.exclude(change_reason=""):
        assert allocation.change_reason in SocialWorkerChangeReason.values
        assert allocation.worker_id is not None
    moved = Allocation.objects.filter(change_reason="TSPROC")
    assert moved.filter(team__kind=TeamKind.CHILD_IN_NEED).exists()


def test_assessments_keep_their_clock(borough):
    assessments = Assessment.objects.select_related("referral")
    counts = Counter()
    for a in assessments:
        referral = a.referral
        assert a.child_id == referral.child_id
        assert a.due_on == add_working_days(referral.referral_date, 45)
        assert referral.referral_date <= a.started_on <= TODAY
        if a.child_seen_on:
            assert referral.referral_date <= a.child_seen_on <= TODAY
            assert a.child_seen_alone is not None
        if a.authorised_on:
            assert a.authorised_on >= a.started_on
            assert a.submitted_at is not None and a.recommendation and a.analysis
            assert a.authorised_by.role == "team_manager"
            counts["late" if a.authorised_on > a.due_on else "in_time"] += 1
            decision = KeyDecision.objects.get(
                kind=DecisionKind.ASSESSMENT, subject_id=str(a.pk), child_id=a.child_id
            )
            assert decision.decided_at is not None and decision.agreed
        else:
            counts["open"] += 1
            pending = KeyDecision.objects.filter(
                kind=DecisionKind.ASSESSMENT, subject_id=str(a.pk), decided_at__isnull=True
            )
            assert pending.exists() == (a.submitted_at is not None)
        assert set(a.factors) <= set(AssessmentFactor.values)
    done = counts["late"] + counts["in_time"]
    assert 0.1 <= counts["late"] / done <= 0.3
    assert 0.02 <= counts["open"] / assessments.count() <= 0.12
    # Factors follow the worry: domestic abuse is found as 3A or 3B.
    domestic = Assessment.objects.filter(
        referral__contact__concern__category="domestic_abuse", authorised_on__isnull=False
    ).exclude(recommendation=Recommendation.NO_FURTHER_ACTION)
    assert domestic.exists()
    for a in domestic:
        assert {"3A", "3B"} & set(a.factors), a.factors


def test_each_referral_carries_its_authorised_assessments_outcome(borough):
    authorised = Assessment.objects.filter(authorised_on__isnull=False).select_related("referral")
    assert authorised.exists()
    for assessment in authorised:
        assert assessment.referral.outcome == assessment.recommendation, assessment
    assert (
        not Referral.objects.exclude(outcome="")
        .exclude(pk__in=authorised.values("referral_id"))
        .exists()
    )


def test_child_protection_follows_the_timescales(borough):
    for enquiry in Section47Enquiry.objects.select_related("strategy_discussion"):
        held = enquiry.strategy_discussion.held_on
        assert enquiry.started_on == held
        assert enquiry.icpc_due_on == add_working_days(held, 15)
        assert enquiry.strategy_discussion.agencies.count() >= 2
    for conference in ChildProtectionConference.objects.filter(kind=ConferenceKind.INITIAL):
        assert conference.section47.icpc_needed is True
        assert conference.held_on >= conference.section47.started_on
        if conference.plan_id:
            assert conference.plan.started_on == conference.held_on
    plans = ChildProtectionPlan.objects.order_by("child_id", "started_on")
    by_child = defaultdict(list)
    for plan in plans:
        by_child[plan.child_id].append(plan)
        reviews = plan.conferences.filter(kind=ConferenceKind.REVIEW).order_by("held_on")
        assert all(r.held_on > plan.started_on for r in reviews)
        if plan.ended_on:
            assert reviews.last().outcome == "end" and reviews.last().held_on == plan.ended_on
            assert not plan.members.filter(to_on__isnull=True).exists()
        for member in plan.members.select_related("involvement"):
            assert member.involvement.kind == InvolvementKind.CONFERENCE_MEMBER
            assert member.involvement.ended_on == member.to_on
            assert member.involvement.started_on == member.from_on
    for plans_of_child in by_child.values():
        assert sum(p.ended_on is None for p in plans_of_child) <= 1
        previous = None
        for plan in plans_of_child:
            # "Second or subsequent" agrees with the child's earlier plans.
            assert plan.is_repeat == (previous is not None)
            assert plan.previous_plan_id == (previous.pk if previous else None)
            if previous:
                assert previous.ended_on <= plan.started_on
            previous = plan
    # Current conference members are members of open plans, and only those.
    members = set(
        Involvement.objects.current(TODAY)
        .filter(kind=InvolvementKind.CONFERENCE_MEMBER)
        .values_list("child_id", "staff_id")
    )
    expected = set(
        ConferenceMember.objects.filter(to_on__isnull=True).values_list(
            "plan__child_id", "staff_id"
        )
    )
    assert members == expected


def test_open_allocations_match_involvements_and_open_cases(borough):
    allocations = Allocation.objects.filter(ended_on__isnull=True)
    assert allocations.count() == len({a.child_id for a in allocations})
    # As allocation_assign and allocation_end keep them: open allocations have open
    # involvements, and an allocation that ended today leaves involvements ending today (the
    # worker keeps the record to the end of the handover day).
    running = Involvement.objects.filter(started_on__lte=TODAY, ended_on__isnull=True)
    workers = set(
        running.filter(kind=InvolvementKind.ALLOCATED_WORKER).values_list(
            "child_id", "staff_id", "team_id"
        )
    )
    teams = set(running.filter(kind=InvolvementKind.CASE_TEAM).values_list("child_id", "team_id"))
    assert workers == {
        (a.child_id, a.worker_id, a.team_id) for a in allocations if a.worker_id is not None
    }
    assert teams == {(a.child_id, a.team_id) for a in allocations}
    ending_today = Involvement.objects.filter(kind__in=CASE_KINDS, ended_on=TODAY)
    for involvement in ending_today:
        assert Allocation.objects.filter(
            child_id=involvement.child_id, team_id=involvement.team_id, ended_on=TODAY
        ).exists()
    open_referrals = Referral.objects.filter(closed_on__isnull=True)
    assert set(open_referrals.values_list("child_id", flat=True)) == {
        a.child_id for a in allocations
    }
    # Every allocation, open or ended, has its involvements, with the same dates.
    for allocation in Allocation.objects.all():
        assert Involvement.objects.filter(
            child_id=allocation.child_id,
            kind=InvolvementKind.CASE_TEAM,
            team_id=allocation.team_id,
            started_on=allocation.started_on,
            ended_on=allocation.ended_on,
        ).exists()


def test_closed_cases_have_reasons_and_nothing_open(borough):
    closed = Referral.objects.filter(closed_on__isnull=False)
    assert closed.exists()
    reasons = Counter(closed.values_list("closure_reason", flat=True))
    assert set(reasons) <= set(ReasonForClosure.values)
    assert reasons["RC8"] and reasons["RC7"]
    for referral in closed:
        assert not referral.cin_plans.filter(ended_on__isnull=True).exists()
        assert not referral.cp_plans.filter(ended_on__isnull=True).exists()
        latest = [referral.referral_date]
        for queryset, fields in (
            (referral.assessments, ("started_on", "authorised_on")),
            (referral.conferences, ("held_on",)),
            (referral.cin_plans, ("started_on", "ended_on")),
            (referral.cp_plans, ("started_on", "ended_on")),
        ):
            found = queryset.aggregate(**{f: Max(f) for f in fields})
            latest += [d for d in found.values() if d]
        assert referral.closed_on >= max(latest)  # CIN census: closure after the work
        assert not referral.assessments.filter(authorised_on__isnull=True).exists()
        if referral.closure_reason in {"RC8", "RC9"}:
            assert not referral.cin_plans.exists() and not referral.cp_plans.exists()
        assert ChronologyEntry.objects.filter(
            kind=EntryKind.CASE_CLOSED, source_id=str(referral.pk)
        ).exists()
    # A closed case's allocations ended by the time it closed.
    for referral in closed:
        later = Referral.objects.filter(
            child_id=referral.child_id, referral_date__gte=referral.referral_date
        ).exclude(pk=referral.pk)
        if not later.exists():
            assert not Allocation.objects.filter(
                child_id=referral.child_id, ended_on__isnull=True
            ).exists()
    # Successive cases of a child do not overlap (the front door very occasionally refers a
    # child twice in a day: the first closes that day).
    by_child = defaultdict(list)
    for referral in Referral.objects.order_by("referral_date", "pk"):
        by_child[referral.child_id].append(referral)
    for referrals in by_child.values():
        for earlier, later in pairwise(referrals):
            assert earlier.closed_on is not None and earlier.closed_on <= later.referral_date
            assert earlier.closed_on < later.referral_date or (
                earlier.referral_date == later.referral_date
            )


def test_contacts_agree_with_the_cases(borough):
    """The front door passed contacts to the allocated team exactly while a case was open."""
    windows = defaultdict(list)
    for referral in Referral.objects.all():
        windows[referral.child_id].append((referral.referral_date, referral.closed_on or TODAY))
    for contact in Contact.objects.filter(signed_off_at__isnull=False).exclude(child=None):
        if contact.outcome not in {"nfa", "signpost", "early_help", "open_case"}:
            continue
        day = contact.received_on
        is_open = any(start < day <= end for start, end in windows[contact.child_id])
        assert (contact.outcome == ContactOutcome.OPEN_CASE) == is_open, contact


def test_volumes_are_plausible(borough):
    scale = 60_000 / CHILDREN
    open_cp = ChildProtectionPlan.objects.filter(ended_on__isnull=True).count()
    open_cin = ChildInNeedPlan.objects.filter(ended_on__isnull=True).count()
    # About 300 CP plans and 700-900 CIN plans per 60,000 children (a small borough is noisy,
    # and the demo worker's caseload adds a few).
    assert 100 <= open_cp * scale <= 900
    assert 300 <= open_cin * scale <= 2000
    categories = Counter(ChildProtectionPlan.objects.values_list("initial_category", flat=True))
    # (at 60,000 children neglect comes first, then emotional, physical and sexual abuse;
    # 600 children have too few plans to say)
    assert set(categories) <= set(CategoryOfAbuse.values) and len(categories) >= 2
    visits = CaseNote.objects.filter(kind=NoteKind.VISIT, child_seen=True)
    assert visits.exists()
    assert CaseNote.objects.exclude(child_words="").exists()
    kinds = set(ChronologyEntry.objects.values_list("kind", flat=True))
    for kind in (
        EntryKind.ALLOCATION,
        EntryKind.ASSESSMENT,
        EntryKind.CIN_PLAN,
        EntryKind.STRATEGY_DISCUSSION,
        EntryKind.SECTION_47,
        EntryKind.CONFERENCE,
        EntryKind.CP_PLAN,
        EntryKind.CORE_GROUP,
        EntryKind.VISIT,
        EntryKind.CASE_NOTE,
        EntryKind.SUPERVISION,
        EntryKind.CASE_CLOSED,
    ):
        assert kind in kinds, kind
    # Nothing happened after today.
    assert not ChronologyEntry.objects.filter(occurred_at__date__gt=TODAY).exists()
    assert not CaseNote.objects.filter(occurred_at__date__gt=TODAY).exists()
    now = timezone.now()
    assert not KeyDecision.objects.filter(decided_at__gt=now).exists()
    assert not CaseNote.objects.filter(written_at__gt=now).exists()
    for plan in TransitionPlan.objects.select_related("child"):
        assert plan.agreed_on >= plan.child.date_of_birth + relativedelta(years=14)


def test_the_demo_accounts_have_casework(borough, today):
    worker = Staff.objects.get(username="social.worker")
    work = my_work(user=worker)
    assert 10 <= len(work.children) <= 20
    whats = Counter(item.what.split(" (")[0] for item in work.items)
    assert whats["Child protection visit"] >= 2
    assert whats["Child in need review"] >= 1
    overdue = {item.what for item in work.overdue}
    assert any(w.startswith("Single assessment") for w in overdue)
    assert "Child protection visit (child seen)" in overdue
    visits_due = [i for i in work.items if i.what.startswith("Child protection visit")]
    assert any(not i.overdue and i.clock.working_days_left(TODAY) <= 3 for i in visits_due)
    manager = Staff.objects.get(username="team.manager")
    (team,) = managed_teams(manager)
    assert team.name == "Child in Need and Protection 1"
    assert team_work(user=manager, team=team).awaiting_sign_off
    chair = Staff.objects.get(username="cp.chair")
    assert access.children_visible_to(chair, "view").exists()
    officer = Staff.objects.get(username="police.officer")
    assert access.children_visible_to(officer, "view").exists()
    dsl = Staff.objects.get(username="school.dsl")
    assert access.children_visible_to(dsl, "view").exists()


def test_the_same_seed_gives_the_same_casework(db):
    def snapshot():
        return (
            list(
                Allocation.objects.order_by("pk").values_list("child_id", "started_on", "ended_on")
            ),
            list(Assessment.objects.order_by("pk").values_list("authorised_on", "child_views")),
            # (today's times depend on the time of day the borough was made)
            list(
                CaseNote.objects.filter(occurred_at__date__lt=TODAY)
                .order_by("pk")
                .values_list("child_id", "occurred_at", "note")
            ),
        )

    class Rollback(Exception):
        pass

    try:
        with transaction.atomic():
            generate(children=200, seed=3, today=TODAY)
            first = snapshot()
            raise Rollback
    except Rollback:
        pass
    generate(children=200, seed=3, today=TODAY)
    assert snapshot() == first
    assert first[0]


def test_children_in_the_index_only(borough):
    """Casework is about children (and unborn children), never adults."""
    kinds = set(Assessment.objects.values_list("child__kind", flat=True))
    assert kinds <= {PersonKind.CHILD, PersonKind.UNBORN}
