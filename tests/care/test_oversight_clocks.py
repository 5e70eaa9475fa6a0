"""The care plan's clocks: reviews, health assessments, PEPs and statutory visits, across bank
holidays and month ends; the visit clock's switch to 3-monthly after the first year of a
long-term placement; and the selectors that show them (queries counted, reads audited)."""

from datetime import date, datetime, time, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from everychild.access.models import InvolvementKind
from everychild.audit.models import AuditEvent
from everychild.care.models import CareEpisode, HealthAssessmentKind, Placement
from everychild.care.selectors.oversight import (
    care_clocks,
    current_period,
    iro_challenges_open,
    oversight_for_child,
)
from everychild.care.services import oversight as services
from everychild.care.services.oversight import (
    education_plan_clock,
    health_assessment_clock,
    review_clock,
    visit_clock,
)
from everychild.casework.models import CaseNote, NoteKind
from everychild.core import calendar
from everychild.core.clock import ClockStatus
from everychild.organisations.roles import Role
from tests.care.factories import CarerFactory, in_care
from tests.factories import PersonFactory, StaffFactory, TeamFactory, involve

TODAY = date(2026, 11, 23)

# ---- reviews, health assessments and PEPs across bank holidays -----------------------------


def test_the_first_review_skips_christmas_boxing_day_and_new_year():
    # Monday 21 December 2026. Christmas Day is a Friday; Boxing Day a Saturday, so its bank
    # holiday is Monday 28 December; New Year's Day a Friday.
    start = date(2026, 12, 21)
    holidays = [date(2026, 12, 25), date(2026, 12, 28), date(2027, 1, 1)]
    assert all(calendar.is_bank_holiday(d) for d in holidays)
    assert not calendar.is_working_day(date(2026, 12, 26))
    clock = review_clock(start, [])
    assert clock.started == start and clock.due == date(2027, 1, 21)
    # Counting weekdays alone would have made it Monday 18 January.
    weekdays = [start + timedelta(days=n) for n in range(1, 32)]
    weekdays = [d for d in weekdays if d.weekday() < 5]
    assert weekdays[19] == date(2027, 1, 18)
    working = [d for d in weekdays if d not in holidays]
    assert working[19] == clock.due


def test_the_initial_health_assessment_and_first_pep_skip_the_christmas_holidays():
    start = date(2026, 12, 23)  # a Wednesday
    assert health_assessment_clock(start, None, date(2015, 6, 1)).due == date(2027, 1, 25)
    # 24, 29, 30, 31 December, then 4 to 8 and 11 January.
    assert education_plan_clock(start, None).due == date(2027, 1, 11)


def test_the_first_review_skips_easter():
    # Monday 23 March 2026: Good Friday is 3 April, Easter Monday 6 April.
    assert review_clock(date(2026, 3, 23), []).due == date(2026, 4, 22)


def test_coming_into_care_on_a_bank_holiday_or_weekend_counts_from_the_next_working_day():
    assert review_clock(date(2026, 12, 25), []).due == review_clock(date(2026, 12, 24), []).due
    assert education_plan_clock(date(2026, 12, 27), None).due == date(2027, 1, 12)


@pytest.mark.parametrize(
    ("held", "due"),
    [
        # The second review: 3 months after the first, at a month's end.
        ([date(2026, 11, 30)], date(2027, 2, 28)),
        ([date(2027, 11, 30)], date(2028, 2, 29)),  # a leap year
        ([date(2026, 5, 31)], date(2026, 8, 31)),
        # Later reviews: 6 months after the one before.
        ([date(2026, 3, 27), date(2026, 8, 31)], date(2027, 2, 28)),
        ([date(2027, 3, 27), date(2027, 8, 31)], date(2028, 2, 29)),
        ([date(2026, 3, 27), date(2026, 6, 30), date(2026, 12, 31)], date(2027, 6, 30)),
    ],
)
def test_later_reviews_at_month_ends(held, due):
    clock = review_clock(date(2026, 3, 2), held)
    assert clock.started == max(held) and clock.due == due


def test_health_and_pep_reviews_at_month_ends():
    born_2024, born_2015 = date(2024, 1, 31), date(2015, 6, 1)
    assert health_assessment_clock(date(2026, 1, 5), date(2026, 8, 31), born_2024).due == date(
        2027, 2, 28
    )
    assert health_assessment_clock(date(2026, 1, 5), date(2028, 2, 29), born_2015).due == date(
        2029, 2, 28
    )
    assert education_plan_clock(date(2026, 1, 5), date(2026, 10, 31)).due == date(2027, 2, 28)
    assert education_plan_clock(date(2026, 1, 5), date(2026, 6, 30)).due == date(2026, 10, 30)


def test_the_health_review_interval_follows_the_age_at_the_previous_assessment():
    born = date(2021, 12, 1)
    # 4 years old on 30 November 2026, 5 the next day.
    assert health_assessment_clock(date(2026, 1, 5), date(2026, 11, 30), born).due == date(
        2027, 5, 30
    )
    assert health_assessment_clock(date(2026, 1, 5), date(2026, 12, 1), born).due == date(
        2027, 12, 1
    )


@given(st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)))
def test_the_first_review_is_always_20_working_days_on_and_falls_on_a_working_day(start):
    clock = review_clock(start, [])
    assert calendar.is_working_day(clock.due)
    assert calendar.working_days_between(start, clock.due) == 20
    assert calendar.working_days_between(start, clock.due - timedelta(days=1)) == 19


# ---- statutory visits --------------------------------------------------------------------


def test_the_first_visit_is_due_within_a_week_of_the_placement():
    clock = visit_clock(date(2026, 12, 24), "U6", None)
    # Calendar days, not working days: Christmas makes no difference.
    assert clock.due == date(2026, 12, 31)


def test_six_weekly_in_the_first_year_then_three_monthly_in_a_long_term_placement():
    start = date(2025, 1, 6)
    # In the first year: 6 weeks, long-term or not.
    assert visit_clock(start, "U4", date(2025, 6, 30)).due == date(2025, 8, 11)
    assert visit_clock(start, "U6", date(2025, 6, 30)).due == date(2025, 8, 11)
    # A visit just before the first anniversary: still 6 weeks, even into the second year.
    assert visit_clock(start, "U4", date(2026, 1, 5)).due == date(2026, 2, 16)
    # From the anniversary: 3 months if the placement is long-term (U1, U4) ...
    assert visit_clock(start, "U4", date(2026, 1, 6)).due == date(2026, 4, 6)
    assert visit_clock(start, "U1", date(2026, 5, 31)).due == date(2026, 8, 31)
    assert visit_clock(start, "U4", date(2026, 11, 30)).due == date(2027, 2, 28)
    # ... otherwise still every 6 weeks.
    for placement_type in ("U6", "U3", "K2", "R1"):
        assert visit_clock(start, placement_type, date(2026, 1, 6)).due == date(2026, 2, 17)


def test_a_placement_starting_on_29_february_has_its_anniversary_on_28_february():
    start = date(2028, 2, 29)
    assert visit_clock(start, "U4", date(2029, 2, 27)).due == date(2029, 4, 10)
    assert visit_clock(start, "U4", date(2029, 2, 28)).due == date(2029, 5, 28)


# ---- care_clocks from the records ----------------------------------------------------------


def at(day: date, hour: int = 15):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def visit(child, by, day: date, *, seen: bool = True) -> CaseNote:
    return CaseNote.objects.create(
        child=child,
        kind=NoteKind.VISIT,
        occurred_at=at(day),
        note="Statutory visit at the foster home.",
        child_seen=seen,
        written_by=by,
    )


def test_care_clocks_for_a_child_just_in_care(looked_after):
    clocks = care_clocks(child=looked_after.child, period=looked_after, today=date(2026, 3, 3))
    assert clocks.review.due == date(2026, 3, 30) and clocks.review_number == 1
    assert clocks.health_assessment.due == date(2026, 3, 30)
    assert clocks.health_assessment_kind == HealthAssessmentKind.INITIAL
    assert clocks.education_plan.due == date(2026, 3, 16)
    assert clocks.visit.due == date(2026, 3, 9)
    assert [what for what, _ in clocks.items()] == [
        "Looked-after review",
        "Initial health assessment",
        "Personal education plan",
        "Statutory visit (child seen)",
    ]
    assert clocks.overdue == []
    late = care_clocks(child=looked_after.child, period=looked_after, today=date(2026, 3, 17))
    assert [what for what, _ in late.overdue] == [
        "Personal education plan",
        "Statutory visit (child seen)",
    ]


def test_care_clocks_follow_what_has_been_recorded(looked_after, iro, social_worker):
    child = looked_after.child
    services.lac_review_record(
        period=looked_after, chair=iro, held_on=date(2026, 3, 27), participation="PN1"
    )
    services.health_assessment_record(
        period=looked_after, recorded_by=social_worker, kind="initial", done_on=date(2026, 3, 20)
    )
    services.education_plan_record(
        period=looked_after, recorded_by=social_worker, held_on=date(2026, 3, 13)
    )
    visit(child, social_worker, date(2026, 3, 5))
    visit(child, social_worker, date(2026, 4, 10), seen=False)  # does not count
    visit(child, social_worker, date(2026, 2, 20))  # before care: does not count
    clocks = care_clocks(child=child, period=looked_after, today=TODAY)
    assert (clocks.review.started, clocks.review.due) == (date(2026, 3, 27), date(2026, 6, 27))
    assert clocks.review_number == 2
    assert clocks.health_assessment.due == date(2027, 3, 20)
    assert clocks.health_assessment_kind == HealthAssessmentKind.REVIEW
    assert clocks.education_plan.due == date(2026, 7, 13)
    assert (clocks.visit.started, clocks.visit.due) == (date(2026, 3, 5), date(2026, 4, 16))
    assert clocks.review.status(TODAY) is ClockStatus.OVERDUE


def move(period, *, on: date, placement_type: str) -> Placement:
    """The child moves to a new placement (a new episode), as the episodes service would."""
    old = CareEpisode.objects.get(period=period, ended_on__isnull=True)
    old.ended_on = on
    old.reason_ceased = "X1"
    old.save()
    Placement.objects.filter(pk=old.placement_id).update(ended_on=on)
    carer = CarerFactory()
    placement = Placement.objects.create(
        period=period,
        child=period.child,
        carer=carer,
        placement_type=placement_type,
        provider=carer.provider,
        postcode=carer.postcode,
        started_on=on,
    )
    CareEpisode.objects.create(
        period=period,
        child=period.child,
        placement=placement,
        started_on=on,
        reason_new_episode="P",
        legal_status=old.legal_status,
        category_of_need=old.category_of_need,
        placement_type=placement_type,
        placement_provider=carer.provider,
        placement_postcode=carer.postcode,
    )
    return placement


def test_a_new_placement_restarts_the_visit_clock(looked_after, social_worker):
    child = looked_after.child
    visit(child, social_worker, date(2026, 6, 1))
    move(looked_after, on=date(2026, 6, 10), placement_type="U4")
    clocks = care_clocks(child=child, period=looked_after)
    assert (clocks.visit.started, clocks.visit.due) == (date(2026, 6, 10), date(2026, 6, 17))
    visit(child, social_worker, date(2026, 6, 12))
    assert care_clocks(child=child, period=looked_after).visit.due == date(2026, 7, 24)


@pytest.fixture
def long_term(allocated_child, social_worker, iro):
    """In a long-term foster placement (U4) since Monday 6 January 2025."""
    involve(allocated_child, kind=InvolvementKind.CONFERENCE_CHAIR, staff=iro)
    return in_care(
        allocated_child, started_on=date(2025, 1, 6), placement_type="U4", by=social_worker
    )


def test_the_visit_clock_switches_to_three_monthly_after_a_long_term_placements_first_year(
    long_term, social_worker
):
    child = long_term.child
    visit(child, social_worker, date(2025, 1, 10))
    assert care_clocks(child=child, period=long_term).visit.due == date(2025, 2, 21)
    visit(child, social_worker, date(2025, 12, 15))
    assert care_clocks(child=child, period=long_term).visit.due == date(2026, 1, 26)
    visit(child, social_worker, date(2026, 1, 12))  # after the first anniversary
    clocks = care_clocks(child=child, period=long_term, today=date(2026, 3, 2))
    assert (clocks.visit.started, clocks.visit.due) == (date(2026, 1, 12), date(2026, 4, 12))
    assert not clocks.visit.is_overdue(date(2026, 3, 2))  # 6-weekly, it would be
    visit(child, social_worker, date(2026, 4, 1))
    assert care_clocks(child=child, period=long_term).visit.due == date(2026, 7, 1)


def test_the_visit_clock_stays_six_weekly_when_the_placement_is_not_long_term(
    allocated_child, social_worker
):
    period = in_care(
        allocated_child, started_on=date(2025, 1, 6), placement_type="U6", by=social_worker
    )
    visit(allocated_child, social_worker, date(2026, 1, 12))
    assert care_clocks(child=allocated_child, period=period).visit.due == date(2026, 2, 23)


def test_the_current_episodes_placement_type_decides_long_term(long_term, social_worker):
    """Confirmed as long-term without a move: a new episode of the same placement."""
    child = long_term.child
    first = CareEpisode.objects.get(period=long_term)
    CareEpisode.objects.filter(pk=first.pk).update(placement_type="U6")
    Placement.objects.filter(pk=first.placement_id).update(placement_type="U6")
    visit(child, social_worker, date(2026, 2, 2))
    assert care_clocks(child=child, period=long_term).visit.due == date(2026, 3, 16)
    CareEpisode.objects.filter(pk=first.pk).update(ended_on=date(2026, 2, 3), reason_ceased="X1")
    CareEpisode.objects.create(
        period=long_term,
        child=child,
        placement_id=first.placement_id,
        started_on=date(2026, 2, 3),
        reason_new_episode="T",
        legal_status=first.legal_status,
        category_of_need="N1",
        placement_type="U4",
        placement_provider=first.placement_provider,
        placement_postcode=first.placement_postcode,
    )
    assert care_clocks(child=child, period=long_term).visit.due == date(2026, 5, 2)


def test_no_clocks_once_the_period_has_ended(looked_after):
    looked_after.ended_on = date(2026, 10, 1)
    looked_after.reason_ceased = "E13"
    looked_after.save()
    clocks = care_clocks(child=looked_after.child, period=looked_after, today=TODAY)
    assert clocks.items() == [] and clocks.overdue == []
    assert clocks.review is clocks.visit is None


def test_the_current_period_is_the_open_one_else_the_latest(allocated_child, social_worker):
    assert current_period(allocated_child) is None
    first = in_care(allocated_child, started_on=date(2024, 1, 8), by=social_worker)
    first.ended_on, first.reason_ceased = date(2024, 6, 1), "E13"
    first.save()
    assert current_period(allocated_child) == first
    second = in_care(allocated_child, started_on=date(2025, 9, 1), by=social_worker)
    second.ended_on, second.reason_ceased = date(2025, 12, 1), "E13"
    second.save()
    assert current_period(allocated_child) == second
    third = in_care(allocated_child, started_on=date(2026, 2, 2), by=social_worker)
    assert current_period(allocated_child) == third


# ---- the oversight panel --------------------------------------------------------------------


@pytest.fixture
def history(looked_after, iro, social_worker):
    """A year's oversight: reviews, challenges, assessments, PEPs and visits."""
    period, child = looked_after, looked_after.child
    for held in (date(2026, 3, 27), date(2026, 6, 26)):
        services.lac_review_record(period=period, chair=iro, held_on=held, participation="PN1")
    services.health_assessment_record(
        period=period, recorded_by=social_worker, kind="initial", done_on=date(2026, 3, 20)
    )
    for held in (date(2026, 3, 13), date(2026, 7, 10), date(2026, 11, 6)):
        services.education_plan_record(period=period, recorded_by=social_worker, held_on=held)
    for day in (date(2026, 3, 5), date(2026, 4, 14), date(2026, 5, 20), date(2026, 7, 1)):
        visit(child, social_worker, day)
    visit(child, social_worker, date(2026, 8, 10), seen=False)
    visit(child, social_worker, date(2026, 2, 1))  # before care: not shown
    old = services.iro_challenge_raise(
        child=child,
        raised_by=iro,
        raised_on=date(2026, 4, 1),
        issue="No PEP targets.",
        respond_by=date(2026, 4, 15),
    )
    services.iro_challenge_resolve(
        challenge=old, by=iro, resolved_on=date(2026, 4, 10), resolution="Targets set."
    )
    services.iro_challenge_raise(
        child=child,
        raised_by=iro,
        raised_on=date(2026, 10, 1),
        issue="Sibling contact has stopped.",
        respond_by=date(2026, 10, 15),
    )
    return period


def test_oversight_for_child_gathers_the_period_in_a_few_queries(
    history, social_worker, django_assert_max_num_queries
):
    child = history.child
    with django_assert_max_num_queries(12):
        oversight = oversight_for_child(user=social_worker, child=child, today=TODAY)
    assert oversight.period == history
    assert [r.held_on for r in oversight.reviews] == [date(2026, 6, 26), date(2026, 3, 27)]
    assert [p.held_on.month for p in oversight.education_plans] == [11, 7, 3]
    assert len(oversight.health_assessments) == 1
    assert [v.occurred_at.date() for v in oversight.visits] == [
        date(2026, 8, 10),
        date(2026, 7, 1),
        date(2026, 5, 20),
        date(2026, 4, 14),
        date(2026, 3, 5),
    ]
    assert [c.issue for c in oversight.challenges_open] == ["Sibling contact has stopped."]
    assert [c.issue for c in oversight.challenges_resolved] == ["No PEP targets."]
    clocks = oversight.clocks
    assert clocks == care_clocks(child=child, period=history, today=TODAY)
    assert clocks.review.due == date(2026, 12, 26) and clocks.review_number == 3
    assert clocks.visit.due == date(2026, 8, 12)  # the unseen visit does not stop it
    assert [what for what, _ in clocks.overdue] == ["Statutory visit (child seen)"]
    # Touching what a page shows costs no more queries.
    with django_assert_max_num_queries(0):
        [r.chair.get_full_name() for r in oversight.reviews]
        [str(v.written_by) for v in oversight.visits]
        [str(c.raised_by) for c in oversight.challenges_open]
    event = AuditEvent.objects.filter(verb="viewed_care_oversight").get()
    assert event.actor == social_worker and event.child_id == child.pk


def test_oversight_is_not_audited_twice_when_the_page_audits(history, iro):
    oversight_for_child(user=iro, child=history.child, caller_audits=True)
    assert not AuditEvent.objects.filter(verb="viewed_care_oversight").exists()


def test_oversight_for_a_child_never_in_care(allocated_child, social_worker):
    oversight = oversight_for_child(user=social_worker, child=allocated_child)
    assert oversight.period is None and oversight.reviews == [] and oversight.visits == []
    assert oversight.clocks.items() == []
    assert AuditEvent.objects.filter(verb="viewed_care_oversight").count() == 1


def test_oversight_is_refused_to_those_with_no_part_in_the_childs_care(history):
    stranger = StaffFactory(role=Role.SOCIAL_WORKER, teams=[TeamFactory()])
    with pytest.raises(PermissionDenied):
        oversight_for_child(user=stranger, child=history.child)
    assert not AuditEvent.objects.filter(verb="viewed_care_oversight").exists()


# ---- an IRO's open challenges ---------------------------------------------------------------


def test_an_iros_open_challenges_most_overdue_first(looked_after, iro, social_worker, team):
    child = looked_after.child
    other = PersonFactory()
    involve(other, staff=social_worker, team=team)
    involve(other, kind=InvolvementKind.CONFERENCE_CHAIR, staff=iro)
    in_care(other, started_on=date(2026, 1, 5), by=social_worker)

    def challenge(who, raised_on, respond_by, by=iro):
        return services.iro_challenge_raise(
            child=who, raised_by=by, raised_on=raised_on, issue="Why?", respond_by=respond_by
        )

    due_soon = challenge(child, date(2026, 11, 16), date(2026, 11, 30))
    very_late = challenge(other, date(2026, 10, 1), date(2026, 10, 15))
    late = challenge(child, date(2026, 11, 2), date(2026, 11, 16))
    resolved = challenge(child, date(2026, 11, 2), date(2026, 11, 6))
    services.iro_challenge_resolve(
        challenge=resolved, by=iro, resolved_on=date(2026, 11, 5), resolution="Done."
    )
    colleague = StaffFactory(role=Role.CONFERENCE_CHAIR)
    involve(child, kind=InvolvementKind.CONFERENCE_CHAIR, staff=colleague)
    challenge(child, date(2026, 11, 2), date(2026, 11, 3), by=colleague)  # not theirs

    rows = iro_challenges_open(user=iro, today=TODAY)
    assert [r.challenge for r in rows] == [very_late, late, due_soon]
    assert [r.overdue for r in rows] == [True, True, False]
    assert [r.overdue_by for r in rows] == [27, 5, 0]  # working days
    assert [r.days_overdue for r in rows] == [39, 7, 0]
    assert rows[0].child == other
    event = AuditEvent.objects.get(verb="listed_iro_challenges")
    assert event.actor == iro
    assert event.payload == {"challenges": [very_late.pk, late.pk, due_soon.pk]}


def test_challenges_on_children_the_iro_can_no_longer_see_are_not_listed(looked_after, iro):
    challenge = services.iro_challenge_raise(
        child=looked_after.child,
        raised_by=iro,
        raised_on=date(2026, 11, 2),
        issue="Why?",
        respond_by=date(2026, 11, 16),
    )
    assert [r.challenge for r in iro_challenges_open(user=iro)] == [challenge]
    iro.involvements.update(ended_on=date(2026, 11, 20))
    assert iro_challenges_open(user=iro) == []


def test_only_an_iro_has_a_challenges_list(social_worker):
    with pytest.raises(PermissionDenied):
        iro_challenges_open(user=social_worker)
