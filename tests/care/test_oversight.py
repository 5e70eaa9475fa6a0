"""Oversight of the care plan: looked-after reviews chaired by the IRO, the IRO's challenges,
health assessments and PEPs. Each service's happy path, its audit row and chronology entry,
and each refusal (who may act, bad dates, the rules of each record), which writes nothing."""

from contextlib import contextmanager
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from everychild.access.models import InvolvementKind
from everychild.audit.models import AuditEvent
from everychild.care.models import (
    ChallengeStage,
    EducationPlan,
    HealthAssessment,
    IROChallenge,
    LookedAfterReview,
)
from everychild.care.services import oversight as services
from everychild.chronology.models import ChronologyEntry, EntryKind, Visibility
from everychild.core.errors import DomainError
from everychild.organisations.roles import Role
from tests.care.factories import in_care
from tests.factories import PersonFactory, StaffFactory, TeamFactory, involve

START = date(2026, 3, 2)  # the looked_after fixture's start of care (a Monday)
FIRST_REVIEW_DUE = date(2026, 3, 30)  # 20 working days on (no bank holiday in between)
FIRST_PEP_DUE = date(2026, 3, 16)  # 10 working days on


@contextmanager
def refused(exception=DomainError, *, field=None, match=None):
    """The block raises `exception` (naming `field`) and writes nothing."""

    def counts():
        return [
            AuditEvent.objects.count(),
            ChronologyEntry.objects.count(),
            LookedAfterReview.objects.count(),
            list(IROChallenge.objects.values_list("pk", "stage", "resolved_on")),
            HealthAssessment.objects.count(),
            EducationPlan.objects.count(),
        ]

    before = counts()
    with pytest.raises(exception, match=match) as info:
        yield info
    if field is not None:
        assert info.value.field == field
    assert counts() == before


def only_entry(kind):
    entries = list(ChronologyEntry.objects.filter(kind=kind))
    assert len(entries) == 1
    return entries[0]


def review(period, iro, held_on, participation="PN1", **extra):
    return services.lac_review_record(
        period=period, chair=iro, held_on=held_on, participation=participation, **extra
    )


@pytest.fixture
def other_iro(db):
    """An IRO with no part in this child's care."""
    return StaffFactory(role=Role.CONFERENCE_CHAIR)


@pytest.fixture
def stranger(db):
    """A social worker in another team."""
    return StaffFactory(role=Role.SOCIAL_WORKER, teams=[TeamFactory()])


def looked_after_child(social_worker, team, iro, *, born, started_on=START):
    child = PersonFactory(date_of_birth=born)
    involve(child, staff=social_worker, team=team)
    involve(child, kind=InvolvementKind.CONFERENCE_CHAIR, staff=iro)
    return in_care(child, started_on=started_on, by=social_worker)


# ---- looked-after reviews -------------------------------------------------------------------


def test_the_iro_records_the_first_review_due_20_working_days_after_coming_into_care(
    looked_after, iro
):
    held = date(2026, 3, 27)
    record = review(
        looked_after,
        iro,
        held,
        child_views="  I want to stay with my foster carers.  ",
        decisions="Contact with mum weekly. Referral to CAMHS.",
    )
    assert record.due_on == FIRST_REVIEW_DUE
    assert record.chair == iro and record.recorded_by == iro
    assert record.child == looked_after.child and record.period == looked_after
    assert record.child_views == "I want to stay with my foster carers."
    event = AuditEvent.objects.get(verb="lac_review_recorded")
    assert event.actor == iro and event.child_id == looked_after.child_id
    assert event.object_id == str(record.pk)
    assert event.payload == {"number": 1, "due_on": "2026-03-30", "participation": "PN1"}
    entry = only_entry(EntryKind.LAC_REVIEW)
    assert timezone.localdate(entry.occurred_at) == held
    assert entry.recorded_by == iro and entry.source_id == str(record.pk)
    assert entry.visibility == Visibility.SOCIAL_CARE
    assert entry.summary.startswith("1st looked-after review of this period of care")
    assert "due by 30 March 2026." in entry.summary and "(late)" not in entry.summary
    assert "Decisions: Contact with mum weekly." in entry.summary


def test_second_review_within_3_months_of_the_first_then_every_6_months(looked_after, iro):
    first = review(looked_after, iro, date(2026, 4, 2))  # late
    second = review(looked_after, iro, date(2026, 6, 30))
    third = review(looked_after, iro, date(2026, 11, 20))
    assert first.due_on == FIRST_REVIEW_DUE
    assert second.due_on == date(2026, 7, 2)
    assert third.due_on == date(2026, 12, 30)
    summaries = list(
        ChronologyEntry.objects.filter(kind=EntryKind.LAC_REVIEW)
        .order_by("occurred_at")
        .values_list("summary", flat=True)
    )
    assert summaries[0].startswith("1st") and "(late)" in summaries[0]
    assert summaries[1].startswith("2nd") and summaries[2].startswith("3rd")


def test_each_period_of_care_starts_its_own_review_clock(social_worker, team, iro):
    earlier = looked_after_child(social_worker, team, iro, born=date(2012, 1, 1))
    review(earlier, iro, date(2026, 3, 20))
    earlier.ended_on = date(2026, 4, 30)
    earlier.reason_ceased = "E13"
    earlier.save()
    again = in_care(earlier.child, started_on=date(2026, 9, 1), by=social_worker)
    record = review(again, iro, date(2026, 9, 25))
    # 20 working days from Tuesday 1 September: no bank holiday in September.
    assert record.due_on == date(2026, 9, 29)


def test_a_social_worker_or_manager_cannot_record_a_review(looked_after, social_worker, manager):
    for user in (social_worker, manager):
        with refused(PermissionDenied):
            review(looked_after, user, date(2026, 3, 27))


def test_an_iro_with_no_part_in_the_childs_care_cannot_record_a_review(looked_after, other_iro):
    with refused(PermissionDenied):
        review(looked_after, other_iro, date(2026, 3, 27))


@pytest.mark.parametrize(
    ("held_on", "match"),
    [
        (date(2026, 3, 1), "before the child came into care"),
        (timezone.localdate() + timedelta(days=1), "cannot be in the future"),
    ],
)
def test_a_review_must_fall_within_the_period_of_care(looked_after, iro, held_on, match):
    with refused(field="held_on", match=match):
        review(looked_after, iro, held_on)


def test_a_review_cannot_be_after_the_child_left_care(looked_after, iro):
    looked_after.ended_on = date(2026, 6, 30)
    looked_after.reason_ceased = "E13"
    looked_after.save()
    with refused(field="held_on", match="after the child left care"):
        review(looked_after, iro, date(2026, 7, 1))
    assert review(looked_after, iro, date(2026, 6, 30)).due_on == FIRST_REVIEW_DUE


def test_a_review_must_come_after_the_last_one_recorded(looked_after, iro):
    review(looked_after, iro, date(2026, 3, 27))
    for day in (date(2026, 3, 27), date(2026, 3, 20)):
        with refused(field="held_on", match="after the last one recorded, on 27 March 2026"):
            review(looked_after, iro, day)


def test_participation_must_be_an_ssda903_code(looked_after, iro):
    with refused(field="participation"):
        review(looked_after, iro, date(2026, 3, 27), participation="PN9")


@pytest.fixture
def toddler(social_worker, team, iro):
    """A child who turns 4 on 15 June 2026, in care from 2 March 2026."""
    return looked_after_child(social_worker, team, iro, born=date(2022, 6, 15))


def test_a_child_under_4_on_the_day_must_be_pn0(toddler, iro):
    with refused(field="participation", match="under 4 on the day of the review: choose PN0"):
        review(toddler, iro, date(2026, 6, 14), participation="PN1")
    assert review(toddler, iro, date(2026, 6, 14), participation="PN0").participation == "PN0"


def test_pn0_is_only_for_a_child_under_4_on_the_day(toddler, iro):
    with refused(field="participation", match="this child was 4 on the day"):
        review(toddler, iro, date(2026, 6, 15), participation="PN0")
    assert review(toddler, iro, date(2026, 6, 15), participation="PN7").participation == "PN7"


def test_pn0_needs_a_date_of_birth(looked_after, iro):
    child = looked_after.child
    child.date_of_birth = None
    child.save()
    with refused(field="participation", match="date of birth is not recorded"):
        review(looked_after, iro, date(2026, 3, 27), participation="PN0")
    assert review(looked_after, iro, date(2026, 3, 27), participation="PN5")


# ---- the IRO's challenges -------------------------------------------------------------------


def raise_challenge(child, iro, raised_on=date(2026, 5, 1), respond_by=date(2026, 5, 15), **kw):
    arguments = {
        "child": child,
        "raised_by": iro,
        "raised_on": raised_on,
        "issue": "The plan for contact with her brother has not happened for 8 weeks.",
        "respond_by": respond_by,
    }
    return services.iro_challenge_raise(**{**arguments, **kw})


def test_the_iro_raises_a_challenge_informally_first(looked_after, iro):
    child = looked_after.child
    held = review(looked_after, iro, date(2026, 3, 27))
    challenge = raise_challenge(child, iro, date(2026, 3, 27), review=held)
    assert challenge.stage == ChallengeStage.INFORMAL and challenge.resolved_on is None
    assert challenge.review == held and challenge.raised_by == iro
    event = AuditEvent.objects.get(verb="iro_challenge_raised")
    assert event.actor == iro and event.child_id == child.pk
    assert event.payload == {"respond_by": "2026-05-15", "review": held.pk}
    entry = only_entry(EntryKind.IRO_CHALLENGE)
    assert timezone.localdate(entry.occurred_at) == date(2026, 3, 27)
    assert entry.summary.startswith(
        "IRO challenge raised (informal resolution); a response is due by 15 May 2026. "
        "The plan for contact"
    )


def test_only_an_involved_iro_raises_a_challenge(looked_after, social_worker, other_iro):
    for user in (social_worker, other_iro):
        with refused(PermissionDenied):
            raise_challenge(looked_after.child, user)


@pytest.mark.parametrize(
    ("changes", "field", "match"),
    [
        ({"issue": "   "}, "issue", "Say what the challenge is about"),
        ({"respond_by": date(2026, 4, 30)}, "respond_by", "before the challenge is raised"),
        ({"raised_on": timezone.localdate() + timedelta(days=1)}, "raised_on", "future"),
        ({"raised_on": date(2026, 2, 27)}, "raised_on", "not looked after on that date"),
    ],
)
def test_a_challenge_needs_an_issue_and_sensible_dates(looked_after, iro, changes, field, match):
    with refused(field=field, match=match):
        raise_challenge(looked_after.child, iro, **changes)


def test_a_challenge_from_a_review_comes_after_it_and_is_about_the_same_child(
    looked_after, iro, social_worker, team
):
    held = review(looked_after, iro, date(2026, 3, 27))
    with refused(field="raised_on", match="before the review was held"):
        raise_challenge(looked_after.child, iro, date(2026, 3, 26), review=held)
    other = looked_after_child(social_worker, team, iro, born=date(2014, 1, 1))
    with refused(field="review", match="another child"):
        raise_challenge(other.child, iro, review=held)


def test_a_challenge_goes_up_the_ladder_and_never_down(looked_after, iro):
    challenge = raise_challenge(looked_after.child, iro)
    services.iro_challenge_escalate(
        challenge=challenge, by=iro, stage=ChallengeStage.TEAM_MANAGER, note="No reply."
    )
    challenge = services.iro_challenge_escalate(
        challenge=challenge,
        by=iro,
        stage=ChallengeStage.HEAD_OF_SERVICE,  # skipping a rung is still upward
        note="The service manager is on leave; the child cannot wait.",
    )
    assert IROChallenge.objects.get().stage == ChallengeStage.HEAD_OF_SERVICE
    events = list(AuditEvent.objects.filter(verb="iro_challenge_escalated").order_by("pk"))
    assert [e.payload["to"] for e in events] == ["team_manager", "head_of_service"]
    assert events[1].payload["from"] == "team_manager" and events[1].actor == iro
    entry = ChronologyEntry.objects.filter(kind=EntryKind.IRO_CHALLENGE).latest("pk")
    assert entry.summary == (
        "IRO challenge of 1 May 2026 escalated to head of service: "
        "The service manager is on leave; the child cannot wait."
    )
    for stage in (ChallengeStage.HEAD_OF_SERVICE, ChallengeStage.SERVICE_MANAGER, "informal"):
        with refused(field="stage", match="already at head of service"):
            services.iro_challenge_escalate(challenge=challenge, by=iro, stage=stage, note="x")
    with refused(field="stage"):
        services.iro_challenge_escalate(challenge=challenge, by=iro, stage="mayor", note="x")
    with refused(field="note"):
        services.iro_challenge_escalate(
            challenge=challenge, by=iro, stage=ChallengeStage.CAFCASS, note=" "
        )


def test_only_an_involved_iro_escalates(looked_after, iro, manager, other_iro):
    challenge = raise_challenge(looked_after.child, iro)
    for user in (manager, other_iro):
        with refused(PermissionDenied):
            services.iro_challenge_escalate(
                challenge=challenge, by=user, stage=ChallengeStage.DIRECTOR, note="Why."
            )


def test_the_iro_resolves_a_challenge(looked_after, iro):
    challenge = raise_challenge(looked_after.child, iro)
    resolved = services.iro_challenge_resolve(
        challenge=challenge,
        by=iro,
        resolved_on=date(2026, 5, 20),
        resolution="  Sibling contact restarted fortnightly.  ",
    )
    assert resolved.resolved_on == date(2026, 5, 20)
    assert resolved.resolution == "Sibling contact restarted fortnightly."
    event = AuditEvent.objects.get(verb="iro_challenge_resolved")
    assert event.payload == {"stage": "informal", "late": True} and event.actor == iro
    entry = ChronologyEntry.objects.filter(kind=EntryKind.IRO_CHALLENGE).latest("pk")
    assert timezone.localdate(entry.occurred_at) == date(2026, 5, 20)
    assert entry.summary == (
        "IRO challenge of 1 May 2026 resolved after the response was due "
        "(informal resolution): Sibling contact restarted fortnightly."
    )
    # Resolved: no more escalation or resolution.
    with refused(match="already been resolved"):
        services.iro_challenge_escalate(
            challenge=challenge, by=iro, stage=ChallengeStage.DIRECTOR, note="Why."
        )
    with refused(match="already been resolved"):
        services.iro_challenge_resolve(
            challenge=challenge, by=iro, resolved_on=date(2026, 5, 21), resolution="Again."
        )


def test_a_resolution_needs_words_and_a_date_after_the_challenge(looked_after, iro, social_worker):
    challenge = raise_challenge(looked_after.child, iro)
    with refused(field="resolved_on", match="before it was raised"):
        services.iro_challenge_resolve(
            challenge=challenge, by=iro, resolved_on=date(2026, 4, 30), resolution="Done."
        )
    with refused(field="resolved_on", match="future"):
        services.iro_challenge_resolve(
            challenge=challenge,
            by=iro,
            resolved_on=timezone.localdate() + timedelta(days=1),
            resolution="Done.",
        )
    with refused(field="resolution"):
        services.iro_challenge_resolve(
            challenge=challenge, by=iro, resolved_on=date(2026, 5, 2), resolution=""
        )
    with refused(PermissionDenied):
        services.iro_challenge_resolve(
            challenge=challenge, by=social_worker, resolved_on=date(2026, 5, 2), resolution="Ok."
        )
    on_time = services.iro_challenge_resolve(
        challenge=challenge, by=iro, resolved_on=date(2026, 5, 15), resolution="Agreed."
    )
    assert AuditEvent.objects.get(verb="iro_challenge_resolved").payload["late"] is False
    assert on_time.resolved_on == date(2026, 5, 15)


# ---- health assessments ---------------------------------------------------------------------


def health(period, by, kind="initial", done_on=date(2026, 3, 20), **extra):
    return services.health_assessment_record(
        period=period, recorded_by=by, kind=kind, done_on=done_on, **extra
    )


def test_the_initial_health_assessment_is_due_before_the_first_review(looked_after, social_worker):
    assessment = health(
        looked_after, social_worker, dental_check=True, immunisations_up_to_date=False
    )
    assert assessment.due_on == FIRST_REVIEW_DUE
    assert assessment.dental_check is True and assessment.immunisations_up_to_date is False
    event = AuditEvent.objects.get(verb="health_assessment_recorded")
    assert event.actor == social_worker and event.child_id == looked_after.child_id
    assert event.payload == {"kind": "initial", "due_on": "2026-03-30"}
    entry = only_entry(EntryKind.HEALTH_ASSESSMENT)
    assert timezone.localdate(entry.occurred_at) == date(2026, 3, 20)
    assert entry.summary == (
        "Initial health assessment, due by 30 March 2026. Dental check done. "
        "Immunisations not up to date."
    )


def test_reviews_are_yearly_from_age_5(looked_after, manager):
    health(looked_after, manager)  # the child is 10
    later = health(looked_after, manager, "review", date(2026, 9, 1))
    assert later.due_on == date(2027, 3, 20)


def test_reviews_are_six_monthly_under_5_by_age_at_the_previous_assessment(
    social_worker, team, iro
):
    period = looked_after_child(social_worker, team, iro, born=date(2021, 5, 1))
    health(period, social_worker, done_on=date(2026, 3, 31))  # aged 4: the next in 6 months
    review_1 = health(period, social_worker, "review", date(2026, 9, 10))  # aged 5 now
    review_2 = health(period, social_worker, "review", date(2026, 11, 2))
    assert review_1.due_on == date(2026, 9, 30)
    assert review_2.due_on == date(2027, 9, 10)
    entry = ChronologyEntry.objects.filter(kind=EntryKind.HEALTH_ASSESSMENT).latest("pk")
    assert entry.summary == "Review health assessment, due by 10 September 2027."


def test_an_unknown_date_of_birth_takes_the_shorter_interval(looked_after, social_worker):
    child = looked_after.child
    child.date_of_birth = None
    child.save()
    health(looked_after, social_worker)
    assert health(looked_after, social_worker, "review", date(2026, 4, 1)).due_on == date(
        2026, 9, 20
    )


def test_only_one_initial_assessment_per_period_and_reviews_come_after_it(
    looked_after, social_worker
):
    with refused(field="kind", match="initial health assessment first"):
        health(looked_after, social_worker, "review")
    health(looked_after, social_worker)
    with refused(field="kind", match="already has its initial"):
        health(looked_after, social_worker, "initial", date(2026, 4, 1))
    with refused(field="done_on", match="after the last one recorded"):
        health(looked_after, social_worker, "review", date(2026, 3, 20))
    with refused(field="kind"):
        health(looked_after, social_worker, "dental", date(2026, 4, 1))


def test_a_new_period_of_care_needs_a_new_initial_assessment(looked_after, social_worker):
    health(looked_after, social_worker)
    looked_after.ended_on = date(2026, 4, 30)
    looked_after.reason_ceased = "E13"
    looked_after.save()
    again = in_care(looked_after.child, started_on=date(2026, 9, 1), by=social_worker)
    assert health(again, social_worker, done_on=date(2026, 9, 10)).due_on == date(2026, 9, 29)


@pytest.mark.parametrize(
    ("done_on", "match"),
    [
        (date(2026, 3, 1), "before the child came into care"),
        (timezone.localdate() + timedelta(days=1), "future"),
    ],
)
def test_a_health_assessment_falls_within_the_period(looked_after, social_worker, done_on, match):
    with refused(field="done_on", match=match):
        health(looked_after, social_worker, done_on=done_on)


def test_the_iro_and_strangers_do_not_record_health_assessments(looked_after, iro, stranger):
    for user in (iro, stranger):
        with refused(PermissionDenied):
            health(looked_after, user)


# ---- personal education plans ---------------------------------------------------------------


def pep(period, by, held_on=date(2026, 3, 13), **extra):
    return services.education_plan_record(period=period, recorded_by=by, held_on=held_on, **extra)


def test_the_first_pep_is_due_within_10_working_days_then_each_term(looked_after, social_worker):
    first = pep(
        looked_after,
        social_worker,
        school=" Canal Primary School ",
        targets="Reading age up a year; join the football club.",
    )
    second = pep(looked_after, social_worker, date(2026, 7, 10))
    third = pep(looked_after, social_worker, date(2026, 11, 20))
    assert (first.due_on, second.due_on, third.due_on) == (
        FIRST_PEP_DUE,
        date(2026, 7, 13),
        date(2026, 11, 10),
    )
    assert first.school == "Canal Primary School" and first.recorded_by == social_worker
    events = AuditEvent.objects.filter(verb="education_plan_recorded").order_by("pk")
    assert [e.payload["due_on"] for e in events] == ["2026-03-16", "2026-07-13", "2026-11-10"]
    entries = list(
        ChronologyEntry.objects.filter(kind=EntryKind.EDUCATION_PLAN).order_by("occurred_at")
    )
    assert entries[0].summary == (
        "Personal education plan meeting with Canal Primary School, due by 16 March 2026. "
        "Targets: Reading age up a year; join the football club."
    )
    assert entries[2].summary == (
        "Personal education plan meeting, due by 10 November 2026 (late)."
    )


def test_pep_dates_follow_the_period_and_each_other(looked_after, social_worker):
    with refused(field="held_on", match="before the child came into care"):
        pep(looked_after, social_worker, date(2026, 2, 1))
    with refused(field="held_on", match="future"):
        pep(looked_after, social_worker, timezone.localdate() + timedelta(days=1))
    pep(looked_after, social_worker)
    with refused(field="held_on", match="after the last one recorded"):
        pep(looked_after, social_worker, date(2026, 3, 12))


def test_the_iro_and_strangers_do_not_record_peps(looked_after, iro, stranger):
    for user in (iro, stranger):
        with refused(PermissionDenied):
            pep(looked_after, user)
