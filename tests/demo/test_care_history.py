"""The children-in-care history of a small borough keeps the rules care.services enforces."""

from collections import Counter, defaultdict
from datetime import date, timedelta
from itertools import pairwise

import pytest
from dateutil.relativedelta import relativedelta
from django.db import transaction

from everychild import access
from everychild.access.models import Involvement, InvolvementKind, RecordRestriction
from everychild.alerts.models import Alert, AlertRule, AlertRuleKind
from everychild.care.models import (
    Adoption,
    CareEpisode,
    CareLeaver,
    CareLeaverContact,
    Carer,
    CarerKind,
    EducationPlan,
    HealthAssessment,
    HealthAssessmentKind,
    IROChallenge,
    LookedAfterReview,
    MissingEpisode,
    PathwayPlanReview,
    PeriodOfCare,
    PermanencePlan,
    Placement,
    ReturnInterview,
)
from everychild.care.services.episodes import validate_period
from everychild.care.services.leavers import birthday_window, eligibility_on
from everychild.casework.models import Assessment, CaseNote, NoteKind, Recommendation
from everychild.chronology.models import ChronologyEntry, EntryKind, Visibility
from everychild.core.calendar import add_working_days, age_in_years
from everychild.core.codes import (
    ADOPTED,
    ADOPTION_PLACEMENTS,
    LegalStatus,
    PlacementType,
    ReasonEpisodeCeased,
)
from everychild.demo.borough import generate
from everychild.demo.care_history import young_adult_leavers
from everychild.frontdoor.models import Referral
from everychild.organisations.models import OrganisationKind, Staff, TeamKind
from everychild.organisations.roles import Role
from everychild.people.models import Person, PersonKind
from everychild.workforce.models import Allocation

TODAY = date(2026, 11, 23)
CHILDREN = 2400


@pytest.fixture
def borough(db):
    return generate(children=CHILDREN, seed=5, today=TODAY)


def test_about_one_child_in_two_hundred_is_in_care(borough):
    in_care = PeriodOfCare.objects.filter(ended_on__isnull=True)
    assert 0.7 * CHILDREN / 200 <= in_care.count() <= 1.4 * CHILDREN / 200
    # The borough still has the children asked for, the young adult care leavers among them.
    assert borough.children == CHILDREN
    assert Person.objects.filter(kind__in=[PersonKind.CHILD, PersonKind.UNBORN]).count() == (
        CHILDREN
    )
    verified = Person.objects.filter(kind=PersonKind.CHILD, identity_verified=True)
    adults = [p for p in verified if p.age(TODAY) >= 18]
    assert len(adults) == young_adult_leavers(CHILDREN) > 0
    assert all(CareLeaver.objects.filter(child=p).exists() for p in adults)
    # Periods from the casework's looked-after children, from new care cases, and from care
    # leavers' childhoods.
    with_referral = PeriodOfCare.objects.exclude(referral=None)
    assert with_referral.count() >= 0.6 * PeriodOfCare.objects.count()
    assert PeriodOfCare.objects.filter(referral=None, child__in=adults).count() == len(adults)


def test_every_period_keeps_the_903_episode_rules(borough):
    periods = list(PeriodOfCare.objects.select_related("child"))
    by_child = defaultdict(list)
    for period in periods:
        assert validate_period(period) == [], period
        by_child[period.child_id].append(period)
        episodes = list(period.episodes.order_by("started_on"))
        assert episodes[0].reason_new_episode == "S"
        assert all(e.ended_on is None or e.ended_on > e.started_on for e in episodes)
        if period.ended_on:
            assert period.reason_ceased in ReasonEpisodeCeased.values
            assert period.reason_ceased != "X1"
            age = age_in_years(period.child.date_of_birth, period.ended_on)
            assert age <= 18
            if period.reason_ceased == "E17":
                assert age == 18
        assert age_in_years(period.child.date_of_birth, period.started_on) < 18
    for child_periods in by_child.values():
        assert sum(p.ended_on is None for p in child_periods) <= 1
        ordered = sorted(child_periods, key=lambda p: p.started_on)
        for before, after in pairwise(ordered):
            assert before.ended_on is not None and before.ended_on < after.started_on
    # Nothing happens after today.
    assert not PeriodOfCare.objects.filter(started_on__gt=TODAY).exists()
    assert not CareEpisode.objects.filter(started_on__gt=TODAY).exists()
    assert not PeriodOfCare.objects.filter(ended_on__gt=TODAY).exists()


def test_legal_statuses_placements_and_moves_are_realistic(borough):
    current = CareEpisode.objects.filter(ended_on__isnull=True)
    statuses = Counter(current.values_list("legal_status", flat=True))
    assert set(statuses) <= set(LegalStatus.values)
    assert statuses["C2"] + statuses["V2"] >= 0.5 * current.count()
    every = Counter(CareEpisode.objects.values_list("legal_status", flat=True))
    assert {"C1", "C2", "V2"} <= set(every)
    types = Counter(CareEpisode.objects.values_list("placement_type", flat=True))
    assert set(types) <= set(PlacementType.values)
    assert types["U4"] + types["U6"] >= 0.5 * sum(types.values())
    assert Counter(CareEpisode.objects.values_list("reason_new_episode", flat=True)).keys() >= {
        "S",
        "L",
        "P",
    }
    # Placement types fit their carers; children's homes have their Ofsted URN.
    for placement in Placement.objects.select_related("carer"):
        kind = placement.carer.kind
        if placement.placement_type == "P1":
            assert kind == CarerKind.PARENTS
        if placement.placement_type == "K2":
            assert kind == CarerKind.CHILDRENS_HOME
        if placement.placement_type in ADOPTION_PLACEMENTS:
            assert kind == CarerKind.ADOPTERS
        assert placement.provider == placement.carer.provider
        assert placement.distance_miles is not None
        assert placement.carer.approved_on <= placement.started_on
    assert not Carer.objects.filter(kind=CarerKind.CHILDRENS_HOME, urn="").exists()
    kinds = set(Carer.objects.values_list("kind", flat=True))
    assert {CarerKind.IN_HOUSE_FOSTER, CarerKind.AGENCY_FOSTER, CarerKind.CHILDRENS_HOME} <= kinds
    # Most children move placement at most once a year.
    year_ago = TODAY - timedelta(days=365)
    moves = Counter()
    for period in PeriodOfCare.objects.filter(ended_on__isnull=True):
        since = max(year_ago, period.started_on)
        moves[period.placements.filter(started_on__gt=since).count()] += 1
    assert moves[0] + moves[1] >= 0.6 * sum(moves.values())


def test_children_come_into_care_from_their_casework(borough):
    for period in PeriodOfCare.objects.exclude(referral=None).select_related("referral"):
        assert period.referral.child_id == period.child_id
        assert period.referral.referral_date <= period.started_on
        assert period.category_of_need in {f"N{n}" for n in range(1, 9)}
    # The new care cases were assessed as needing care and are held by a team, as the
    # casework step writes every case.
    looked_after = Assessment.objects.filter(recommendation=Recommendation.LOOKED_AFTER)
    assert looked_after.exists()
    open_periods = PeriodOfCare.objects.filter(ended_on__isnull=True)
    allocated = set(
        Allocation.objects.filter(ended_on__isnull=True).values_list("child_id", flat=True)
    )
    assert {p.child_id for p in open_periods} <= allocated
    care_teams = Allocation.objects.filter(
        team__kind=TeamKind.CHILDREN_IN_CARE, ended_on__isnull=True
    )
    assert care_teams.exists()
    open_referrals = set(
        Referral.objects.filter(closed_on__isnull=True).values_list("child_id", flat=True)
    )
    assert open_referrals == allocated
    # Each child in care has an IRO (a current conference-chair involvement).
    iros = set(
        Involvement.objects.current(TODAY)
        .filter(kind=InvolvementKind.CONFERENCE_CHAIR, staff__role=Role.CONFERENCE_CHAIR)
        .values_list("child_id", flat=True)
    )
    assert {p.child_id for p in open_periods} <= iros


def test_reviews_health_education_and_visits_follow_their_clocks(borough):
    reviews = LookedAfterReview.objects.select_related("period", "chair", "child")
    assert reviews.exists()
    late = 0
    for period in PeriodOfCare.objects.all():
        held = list(period.reviews.order_by("held_on"))
        for number, review in enumerate(held):
            if number == 0:
                assert review.due_on == add_working_days(period.started_on, 20)
            assert period.started_on <= review.held_on <= (period.ended_on or TODAY)
            late += review.held_on > review.due_on
            assert review.chair.role == Role.CONFERENCE_CHAIR
            under_four = age_in_years(review.child.date_of_birth, review.held_on) < 4
            assert (review.participation == "PN0") == under_four
        assessments = list(period.health_assessments.order_by("done_on"))
        if assessments:
            assert assessments[0].kind == HealthAssessmentKind.INITIAL
            assert all(a.kind == HealthAssessmentKind.REVIEW for a in assessments[1:])
            assert assessments[0].due_on == add_working_days(period.started_on, 20)
    assert 0.03 <= late / reviews.count() <= 0.25
    assert HealthAssessment.objects.exists() and EducationPlan.objects.exists()
    for plan in EducationPlan.objects.select_related("child"):
        assert 4 <= age_in_years(plan.child.date_of_birth, plan.held_on) < 18
    # Statutory visits are casework case notes, by the allocated worker.
    in_care = PeriodOfCare.objects.filter(ended_on__isnull=True).exclude(started_on__gt=TODAY)
    visited = set(
        CaseNote.objects.filter(kind=NoteKind.VISIT, child_seen=True).values_list(
            "child_id", flat=True
        )
    )
    settled = [p for p in in_care if p.started_on <= TODAY - timedelta(days=14)]
    assert sum(p.child_id in visited for p in settled) >= 0.9 * len(settled)
    # The IRO's challenges: a few, some still open.
    challenges = IROChallenge.objects.select_related("raised_by")
    assert challenges.exists()
    assert challenges.filter(resolved_on__isnull=True).exists()
    for challenge in challenges:
        assert challenge.raised_by.role == Role.CONFERENCE_CHAIR
        assert challenge.respond_by >= challenge.raised_on
        assert challenge.resolved_on is None or challenge.resolved_on >= challenge.raised_on
    assert PermanencePlan.objects.exists()
    for plan in PermanencePlan.objects.all():
        assert {"return_home", "kinship", "long_term_fostering", "adoption"} <= set(
            plan.options_considered
        )
        assert plan.decision in plan.options_considered


def test_missing_episodes_and_return_interviews(borough):
    episodes = MissingEpisode.objects.select_related("child")
    assert episodes.filter(missing_from="care").exists()
    assert episodes.exclude(missing_from="care").exists()
    teenagers = sum(
        age_in_years(e.child.date_of_birth, e.started_at.date()) >= 11 for e in episodes
    )
    assert teenagers >= 0.7 * episodes.count()
    for episode in episodes:
        assert episode.ended_at is None or episode.ended_at > episode.started_at
    interviews = list(ReturnInterview.objects.select_related("episode"))
    assert interviews
    in_time = 0
    for interview in interviews:
        returned = interview.episode.ended_at
        assert returned is not None and interview.offered_at > returned
        in_time += (interview.offered_at - returned) <= timedelta(hours=72)
        if interview.held_at:
            assert interview.accepted and interview.held_at >= interview.offered_at
    assert in_time >= 0.75 * len(interviews)
    accepted = sum(1 for i in interviews if i.accepted)
    assert 0.35 <= accepted / len(interviews) <= 0.85
    # Episodes the police reported are shared with the child's plan, as the service shares
    # them; repeated episodes raise the front door's alert.
    police = episodes.filter(reported_by__organisation__kind=OrganisationKind.POLICE)
    assert police.exists()
    for entry in ChronologyEntry.objects.filter(
        kind=EntryKind.MISSING, source_id__in=[str(e.pk) for e in police]
    ):
        assert entry.visibility == Visibility.PARTNERS
        assert entry.source_organisation.kind == OrganisationKind.POLICE
    rule = AlertRule.objects.get(kind=AlertRuleKind.REPEATED_MISSING, active=True)
    since = TODAY - relativedelta(months=rule.parameters["window_months"])
    recent = Counter(
        (e.child_id, e.started_at.date()) for e in episodes.filter(started_at__date__gte=since)
    )
    repeated = Counter(child for child, _ in recent)
    for child_id, count in repeated.items():
        if count >= rule.parameters["min_episodes"]:
            assert Alert.objects.filter(child_id=child_id, rule=rule).exists()
    # Children in care when missing from care.
    for episode in episodes.filter(missing_from="care"):
        day = episode.started_at.date()
        assert (
            PeriodOfCare.objects.filter(child=episode.child, started_on__lte=day)
            .exclude(ended_on__lt=day)
            .exists()
        )


def test_care_leavers_have_advisers_reviews_and_birthday_contacts(borough):
    leavers = CareLeaver.objects.select_related("child", "personal_adviser")
    assert leavers.count() >= young_adult_leavers(CHILDREN)
    for leaver in leavers:
        child = leaver.child
        assert 16 <= age_in_years(child.date_of_birth, TODAY) <= 21
        periods = list(child.periods_of_care.all())
        # The category the care history gives, from the day it began.
        assert eligibility_on(child, leaver.since, periods) == leaver.eligibility
        assert leaver.personal_adviser.role == Role.PERSONAL_ADVISER
        assert (
            Involvement.objects.current(TODAY)
            .filter(
                child=child, kind=InvolvementKind.PERSONAL_ADVISER, staff=leaver.personal_adviser
            )
            .exists()
        )
        reviews = list(leaver.pathway_reviews.order_by("reviewed_on"))
        for review in reviews:
            assert leaver.since <= review.reviewed_on <= TODAY
        for contact in leaver.contacts.all():
            opens, closes = birthday_window(child.date_of_birth, contact.birthday_age)
            assert opens <= contact.contacted_on <= min(closes, TODAY)
            if contact.in_touch == "YES":
                assert contact.activity and contact.accommodation
                assert contact.accommodation_suitable is not None
    assert PathwayPlanReview.objects.exists() and CareLeaverContact.objects.exists()
    # Only care leavers have personal advisers (involvements_step's placeholders are gone).
    advised = set(
        Involvement.objects.filter(kind=InvolvementKind.PERSONAL_ADVISER).values_list(
            "child_id", flat=True
        )
    )
    assert advised == set(leavers.values_list("child_id", flat=True))


def test_adoptions_follow_their_milestones_and_seal_the_record(borough):
    adoptions = Adoption.objects.select_related("period", "child", "adopters")
    ordered = adoptions.filter(adoption_order_on__isnull=False)
    assert ordered.exists()
    for adoption in adoptions:
        dates = [
            adoption.should_be_placed_on,
            adoption.placement_order_on,
            adoption.matched_on,
            adoption.placed_on,
            adoption.adoption_order_on,
        ]
        known = [d for d in dates if d]
        assert known == sorted(known) and all(d <= TODAY for d in known)
        assert dates[: len(known)] == known  # none missing before a later one
        decision = adoption.period.permanence_plans.filter(decision="adoption").first()
        assert decision and decision.decided_on <= adoption.should_be_placed_on
        if adoption.placed_on:
            assert adoption.adopters.kind == CarerKind.ADOPTERS
    for adoption in ordered:
        period = adoption.period
        assert period.ended_on == adoption.adoption_order_on
        assert period.reason_ceased in ADOPTED
        assert period.placements.order_by("-started_on").first().placement_type in (
            ADOPTION_PLACEMENTS
        )
        restriction = RecordRestriction.objects.get(child=adoption.child)
        named = list(restriction.named_staff.all())
        assert named and all(s.role == Role.SOCIAL_WORKER for s in named)
        # Nobody else may know the record exists, nor break glass to open it.
        others = Staff.objects.filter(role=Role.SOCIAL_WORKER).exclude(pk__in=[s.pk for s in named])
        for other in others[:20]:
            assert not access.can(other, "view_minimal", adoption.child)
            assert not access.can(other, "break_glass", adoption.child)
        assert all(access.can(s, "view_minimal", adoption.child) for s in named)
        assert ChronologyEntry.objects.filter(
            child=adoption.child, kind=EntryKind.RECORD_RESTRICTED
        ).exists()
        referral = Referral.objects.get(pk=period.referral_id)
        assert referral.closed_on is None or referral.closure_reason == "RC1"
    # Only adopted children's records are sealed.
    assert set(RecordRestriction.objects.values_list("child_id", flat=True)) == set(
        ordered.values_list("child_id", flat=True)
    )


def test_the_chronology_tells_the_care_story(borough):
    entries = Counter(ChronologyEntry.objects.values_list("kind", flat=True))
    assert entries[EntryKind.CARE_STARTED] == PeriodOfCare.objects.count()
    assert entries[EntryKind.CARE_ENDED] == PeriodOfCare.objects.exclude(ended_on=None).count()
    assert entries[EntryKind.LAC_REVIEW] == LookedAfterReview.objects.count()
    assert entries[EntryKind.HEALTH_ASSESSMENT] == HealthAssessment.objects.count()
    assert entries[EntryKind.EDUCATION_PLAN] == EducationPlan.objects.count()
    assert entries[EntryKind.MISSING] >= MissingEpisode.objects.count()
    assert entries[EntryKind.RETURN_INTERVIEW] >= ReturnInterview.objects.count()
    assert entries[EntryKind.PERMANENCE] == PermanencePlan.objects.count()
    assert (
        entries[EntryKind.CARE_CHANGE]
        >= CareEpisode.objects.exclude(reason_new_episode="S").count()
    )
    for kind in (EntryKind.CARE_LEAVER, EntryKind.ADOPTION, EntryKind.IRO_CHALLENGE):
        assert entries[kind], kind
    assert not ChronologyEntry.objects.filter(occurred_at__date__gt=TODAY).exists()


def test_the_demo_accounts_have_care_work(borough):
    worker = Staff.objects.get(username="social.worker")
    mine = set(
        Allocation.objects.filter(worker=worker, ended_on__isnull=True).values_list(
            "child_id", flat=True
        )
    )
    (period,) = PeriodOfCare.objects.filter(child_id__in=mine, ended_on__isnull=True)
    assert access.can(worker, "edit", period.child)
    assert period.placements.count() >= 2 and period.episodes.count() >= 3
    assert period.reviews.count() >= 2 and period.health_assessments.exists()
    assert period.permanence_plans.exists()
    visits = CaseNote.objects.filter(child=period.child, kind=NoteKind.VISIT, written_by=worker)
    assert visits.count() >= 3
    last = visits.order_by("-occurred_at").first().occurred_at.date()
    assert TODAY - timedelta(days=42) < last <= TODAY - timedelta(days=34)  # due within a week
    missing = MissingEpisode.objects.filter(child=period.child)
    assert missing.count() >= 2 and ReturnInterview.objects.filter(episode__in=missing).exists()
    # cp.chair is the IRO of children in care, with a challenge still open.
    chair = Staff.objects.get(username="cp.chair")
    chaired = set(
        Involvement.objects.current(TODAY)
        .filter(kind=InvolvementKind.CONFERENCE_CHAIR, staff=chair)
        .values_list("child_id", flat=True)
    )
    in_care = set(
        PeriodOfCare.objects.filter(ended_on__isnull=True).values_list("child_id", flat=True)
    )
    assert len(chaired & in_care) >= 2 and period.child_id in chaired
    assert LookedAfterReview.objects.filter(chair=chair).exists()
    assert IROChallenge.objects.filter(raised_by=chair, resolved_on__isnull=True).exists()
    assert all(access.can(chair, "view", Person(pk=pk)) for pk in chaired & in_care)
    # personal.adviser advises care leavers, with birthday contacts due now.
    adviser = Staff.objects.get(username="personal.adviser")
    leavers = CareLeaver.objects.filter(personal_adviser=adviser).select_related("child")
    assert leavers.count() >= 3
    due = 0
    for leaver in leavers:
        assert access.can(adviser, "view", leaver.child)
        done = set(leaver.contacts.values_list("birthday_age", flat=True))
        for age in range(17, 22):
            opens, closes = birthday_window(leaver.child.date_of_birth, age)
            due += opens <= TODAY <= closes and age not in done
    assert due >= 2


def test_the_same_seed_gives_the_same_care_history(db):
    def snapshot():
        return (
            list(
                PeriodOfCare.objects.order_by("pk").values_list(
                    "child_id", "started_on", "ended_on", "reason_ceased"
                )
            ),
            list(
                CareEpisode.objects.order_by("pk").values_list(
                    "started_on", "legal_status", "placement_type", "reason_new_episode"
                )
            ),
            list(CareLeaver.objects.order_by("pk").values_list("child_id", "eligibility")),
        )

    class Rollback(Exception):
        pass

    try:
        with transaction.atomic():
            generate(children=300, seed=3, today=TODAY)
            first = snapshot()
            raise Rollback
    except Rollback:
        pass
    generate(children=300, seed=3, today=TODAY)
    assert snapshot() == first
    assert first[0]
