"""Missing children and return home interviews: who may report, the rules each write keeps,
the audit rows and chronology entries, the 72-hour clock (real hours, through weekends, bank
holidays and changes of the clocks), and the reads with their access rules."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from everychild.access.models import InvolvementKind, RecordRestriction
from everychild.audit.models import AuditEvent
from everychild.care.models import MissingEpisode, ReturnInterview
from everychild.care.selectors import missing as selectors
from everychild.care.selectors.missing import RhiStatus
from everychild.care.services import missing as services
from everychild.care.services.missing import RhiClock, rhi_due
from everychild.chronology.models import ChronologyEntry, EntryKind, Visibility
from everychild.core.calendar import is_bank_holiday
from everychild.core.clock import ClockStatus
from everychild.core.errors import DomainError
from everychild.organisations.models import OrganisationKind
from everychild.organisations.roles import Role
from everychild.people.models import PersonKind
from tests.care.factories import in_care
from tests.factories import OrganisationFactory, PersonFactory, StaffFactory, TeamFactory, involve

LONDON = ZoneInfo("Europe/London")


def at(year, month, day, hour=12, minute=0) -> datetime:
    """An aware time in London."""
    return timezone.make_aware(datetime(year, month, day, hour, minute))


@pytest.fixture
def police(db):
    return OrganisationFactory(name="Metropolitan Police", kind=OrganisationKind.POLICE)


@pytest.fixture
def officer(police):
    return StaffFactory(role=Role.PARTNER, organisation=police)


@pytest.fixture
def dsl(db):
    school = OrganisationFactory(name="Bow School", kind=OrganisationKind.SCHOOL)
    return StaffFactory(role=Role.PARTNER, organisation=school)


@pytest.fixture
def stranger(db):
    return StaffFactory(role=Role.SOCIAL_WORKER, teams=[TeamFactory()])


def report(child, by, started_at=None, **extra):
    extra.setdefault("missing_type", "M")
    extra.setdefault("missing_from", "home")
    return services.missing_report(
        child=child, reported_by=by, started_at=started_at or at(2026, 11, 2, 22), **extra
    )


def back(episode, by, ended_at=None, **extra):
    extra.setdefault("where_found", "At a friend's flat in Poplar.")
    return services.missing_return(
        episode=episode, by=by, ended_at=ended_at or at(2026, 11, 3, 16), **extra
    )


@pytest.fixture
def returned(allocated_child, social_worker):
    """Missing from 22:00 on Monday 2 November 2026, back at 16:00 on Tuesday 3 November."""
    return back(report(allocated_child, social_worker), social_worker)


# ---- reporting a child missing --------------------------------------------------------------


def test_a_social_worker_reports_a_child_missing(allocated_child, social_worker):
    episode = report(
        allocated_child,
        social_worker,
        police_reference=" CAD 4411/02NOV ",
        exploitation_risk="cce",
    )
    episode.refresh_from_db()
    assert episode.child == allocated_child and episode.reported_by == social_worker
    assert episode.started_at == at(2026, 11, 2, 22) and episode.ended_at is None
    assert episode.police_reference == "CAD 4411/02NOV" and episode.exploitation_risk == "cce"
    event = AuditEvent.objects.get(verb="missing_reported")
    assert event.child_id == allocated_child.pk and event.object_id == str(episode.pk)
    assert event.payload == {
        "missing_type": "M",
        "missing_from": "home",
        "exploitation_risk": "cce",
        "by_police": False,
    }
    entry = ChronologyEntry.objects.get(child=allocated_child, kind=EntryKind.MISSING)
    assert entry.occurred_at == episode.started_at and entry.source == episode
    assert entry.visibility == Visibility.SOCIAL_CARE and entry.source_organisation is None
    assert entry.summary == (
        "Missing from home since 22:00 on 2 November 2026. Police reference CAD 4411/02NOV. "
        "Risk of exploitation: child criminal exploitation (including county lines)."
    )


def test_the_police_report_any_child_and_share_it_with_the_plan(officer, police):
    """An officer need not be part of the child's plan: the police are often first to know."""
    child = PersonFactory()
    episode = report(child, officer, police_reference="CAD 1")
    entry = ChronologyEntry.objects.get(child=child, kind=EntryKind.MISSING)
    assert entry.visibility == Visibility.PARTNERS and entry.source_organisation == police
    assert AuditEvent.objects.get(verb="missing_reported").payload["by_police"] is True
    assert episode.reported_by == officer


def test_a_child_in_care_goes_missing_from_care(looked_after, social_worker):
    child = looked_after.child
    episode = report(child, social_worker, missing_from="care", missing_type="A")
    assert episode.missing_from == "care" and episode.missing_type == "A"
    # Before they came into care (2 March 2026), they could not be missing from it.
    with pytest.raises(DomainError) as refusal:
        report(child, social_worker, at(2026, 2, 1), missing_from="care")
    assert refusal.value.field == "missing_from"


def test_missing_from_care_needs_a_child_in_care(allocated_child, social_worker):
    with pytest.raises(DomainError) as refusal:
        report(allocated_child, social_worker, missing_from="care")
    assert refusal.value.field == "missing_from" and "not in care" in refusal.value.message
    with pytest.raises(DomainError) as refusal:
        report(allocated_child, social_worker, missing_type="A", missing_from="home")
    assert refusal.value.field == "missing_type"
    assert not MissingEpisode.objects.exists()


def test_missing_from_care_counts_the_day_the_period_ended(allocated_child, social_worker):
    period = in_care(allocated_child, by=social_worker, started_on=date(2026, 1, 5))
    period.ended_on = date(2026, 6, 1)
    period.save()
    report(allocated_child, social_worker, at(2026, 6, 1, 9), missing_from="care")
    with pytest.raises(DomainError):
        report(allocated_child, social_worker, at(2026, 6, 2, 9), missing_from="care")


@pytest.mark.parametrize(
    ("role", "refusal"),
    [
        ("partner", PermissionDenied),  # a school's DSL raises a concern instead
        ("analyst", PermissionDenied),
        ("director", PermissionDenied),
        ("dpo", PermissionDenied),
    ],
)
def test_who_may_not_report(allocated_child, dsl, role, refusal):
    user = dsl if role == "partner" else StaffFactory(role=role)
    with pytest.raises(refusal):
        report(allocated_child, user)
    assert not MissingEpisode.objects.exists()
    assert not AuditEvent.objects.filter(verb="missing_reported").exists()


def test_a_partner_in_the_plan_who_is_not_police_may_not_report(allocated_child, dsl):
    involve(allocated_child, kind=InvolvementKind.PLAN_MEMBER, staff=dsl)
    with pytest.raises(PermissionDenied, match="raise a concern"):
        report(allocated_child, dsl)


def test_social_care_without_the_case_may_not_report(allocated_child, stranger):
    with pytest.raises(PermissionDenied):
        report(allocated_child, stranger)


def test_a_restricted_record_is_not_there_for_the_police(allocated_child, officer, manager):
    RecordRestriction.objects.create(
        child=allocated_child, reason="Staff member's relative", restricted_by=manager
    )
    with pytest.raises(Http404):
        report(allocated_child, officer)


def test_only_children_go_missing(social_worker, team):
    adult = PersonFactory(kind=PersonKind.ADULT, date_of_birth=date(1990, 1, 1))
    involve(adult, staff=social_worker, team=team)
    with pytest.raises((DomainError, PermissionDenied, Http404)):
        report(adult, social_worker)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"started_at": timezone.now() + timedelta(hours=1)}, "started_at"),
        ({"started_at": datetime(2026, 11, 2, 22)}, "started_at"),  # naive
        ({"started_at": date(2026, 11, 2)}, "started_at"),  # a date, not a moment
        ({"missing_type": "X"}, "missing_type"),
        ({"missing_from": "park"}, "missing_from"),
        ({"exploitation_risk": "unknown"}, "exploitation_risk"),
        ({"police_reference": "X" * 41}, "police_reference"),
    ],
)
def test_bad_reports_name_their_field(allocated_child, social_worker, changes, field):
    args = {"missing_type": "M", "missing_from": "home", "started_at": at(2026, 11, 2, 22)}
    with pytest.raises(DomainError) as refusal:
        services.missing_report(
            child=allocated_child, reported_by=social_worker, **{**args, **changes}
        )
    assert refusal.value.field == field
    assert not MissingEpisode.objects.exists()


def test_a_child_still_missing_cannot_go_missing_again(allocated_child, social_worker, officer):
    report(allocated_child, social_worker)
    with pytest.raises(DomainError, match="already recorded as missing since 22:00"):
        report(allocated_child, officer, at(2026, 11, 3, 8))
    assert MissingEpisode.objects.count() == 1


def test_episodes_do_not_overlap(returned, social_worker):
    child = returned.child
    with pytest.raises(DomainError, match="already recorded as missing then") as refusal:
        report(child, social_worker, at(2026, 11, 3, 9))
    assert refusal.value.field == "started_at"
    # From the moment they came back, a new episode may start; and an earlier one too.
    later = report(child, social_worker, at(2026, 11, 3, 16))
    back(later, social_worker, at(2026, 11, 4, 1))
    earlier = report(child, social_worker, at(2026, 10, 1, 20))
    with pytest.raises(DomainError, match="before the next episode") as refusal:
        back(earlier, social_worker, at(2026, 11, 2, 23))
    assert refusal.value.field == "ended_at"
    back(earlier, social_worker, at(2026, 10, 2, 7))


# ---- the return -----------------------------------------------------------------------------


def test_the_return_is_recorded(allocated_child, social_worker):
    episode = report(allocated_child, social_worker)
    episode = back(episode, social_worker, exploitation_risk="cse")
    episode.refresh_from_db()
    assert episode.ended_at == at(2026, 11, 3, 16)
    assert episode.where_found == "At a friend's flat in Poplar."
    assert episode.exploitation_risk == "cse"
    event = AuditEvent.objects.get(verb="missing_returned")
    assert event.payload["hours_missing"] == 18 and event.payload["exploitation_risk"] == "cse"
    assert event.payload["interview_due_by"].startswith("2026-11-06T16:00")
    entry = ChronologyEntry.objects.filter(child=allocated_child, kind=EntryKind.MISSING).first()
    assert entry.occurred_at == at(2026, 11, 3, 16) and entry.visibility == Visibility.SOCIAL_CARE
    assert entry.summary.startswith("Back from missing at 16:00 on 3 November 2026. Found: At")


def test_the_return_of_a_police_report_is_shared_like_the_report(officer, social_worker, police):
    child = PersonFactory()
    episode = report(child, officer)
    involve(child, staff=social_worker)
    back(episode, social_worker)  # social care record the return of the police's episode
    entries = ChronologyEntry.objects.filter(child=child, kind=EntryKind.MISSING)
    assert {e.visibility for e in entries} == {Visibility.PARTNERS}
    assert {e.source_organisation for e in entries} == {police}


def test_the_police_record_the_return(officer):
    episode = report(PersonFactory(), officer)
    back(episode, officer, where_found="Stopped by officers at Stratford station.")
    episode.refresh_from_db()
    assert episode.ended_at is not None


def test_the_exploitation_risk_is_kept_unless_changed(allocated_child, social_worker):
    episode = back(report(allocated_child, social_worker, exploitation_risk="cse"), social_worker)
    episode.refresh_from_db()
    assert episode.exploitation_risk == "cse"


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"ended_at": at(2026, 11, 2, 22)}, "ended_at", "after the child went missing"),
        ({"ended_at": at(2026, 11, 2, 21)}, "ended_at", "after the child went missing"),
        ({"ended_at": timezone.now() + timedelta(minutes=5)}, "ended_at", "future"),
        ({"ended_at": datetime(2026, 11, 3, 16)}, "ended_at", "time zone"),
        ({"where_found": "   "}, "where_found", "where the child was found"),
        ({"exploitation_risk": "x"}, "exploitation_risk", "risk of exploitation"),
    ],
)
def test_bad_returns_name_their_field(allocated_child, social_worker, changes, field, words):
    episode = report(allocated_child, social_worker)
    args = {"ended_at": at(2026, 11, 3, 16), "where_found": "Home"}
    with pytest.raises(DomainError, match=words) as refusal:
        services.missing_return(episode=episode, by=social_worker, **{**args, **changes})
    assert refusal.value.field == field
    episode.refresh_from_db()
    assert episode.ended_at is None
    assert not AuditEvent.objects.filter(verb="missing_returned").exists()


def test_a_return_is_recorded_once(returned, social_worker):
    with pytest.raises(DomainError, match="already recorded"):
        back(returned, social_worker, at(2026, 11, 4, 10))


def test_who_may_record_a_return(allocated_child, social_worker, stranger, dsl):
    episode = report(allocated_child, social_worker)
    for user in (stranger, dsl, StaffFactory(role=Role.ANALYST)):
        with pytest.raises(PermissionDenied):
            back(episode, user)


# ---- the 72-hour clock ----------------------------------------------------------------------


def test_the_clock_runs_through_a_christmas_weekend():
    """Back at 18:00 on Friday 24 December 2027: due at 18:00 on Monday 27 December, though
    Christmas Day falls on the Saturday and the 27th is the substitute bank holiday."""
    returned_at = at(2027, 12, 24, 18)
    assert is_bank_holiday(date(2027, 12, 27)) and is_bank_holiday(date(2027, 12, 28))
    due = rhi_due(returned_at)
    assert due == at(2027, 12, 27, 18)
    assert timezone.localtime(due).strftime("%A %H:%M") == "Monday 18:00"
    clock = RhiClock(returned_at)
    assert clock.due_words == "due by 18:00 on Monday 27 December"
    assert clock.status(at(2027, 12, 27, 17, 59)) is ClockStatus.DUE_TODAY
    assert clock.status(at(2027, 12, 27, 18, 1)) is ClockStatus.OVERDUE
    # A working-day clock would have given Wednesday 29 December.
    assert clock.is_overdue(at(2027, 12, 28, 9))


def test_the_clock_runs_through_a_bank_holiday_weekend(allocated_child, social_worker):
    """Back at 18:00 on Friday 28 August 2026; Monday 31 August is the summer bank holiday."""
    episode = report(allocated_child, social_worker, at(2026, 8, 28, 9))
    episode = back(episode, social_worker, at(2026, 8, 28, 18))
    assert is_bank_holiday(date(2026, 8, 31))
    clock = services.rhi_clock(episode)
    assert clock.due == at(2026, 8, 31, 18)
    assert clock.hours_left(at(2026, 8, 29, 18)) == 48
    assert clock.overdue_by(at(2026, 9, 1, 9)) == 15


@pytest.mark.parametrize(
    ("returned_at", "due"),
    [
        # The clocks go back at 02:00 on Sunday 25 October 2026: 72 real hours are 71 on the
        # wall clock.
        (at(2026, 10, 23, 18), at(2026, 10, 26, 17)),
        # They go forward at 01:00 on Sunday 29 March 2026: 73 on the wall clock.
        (at(2026, 3, 27, 18), at(2026, 3, 30, 19)),
        (at(2026, 11, 23, 14), at(2026, 11, 26, 14)),
    ],
)
def test_the_clock_counts_real_hours_across_a_change_of_the_clocks(returned_at, due):
    assert rhi_due(returned_at) == due
    # (in UTC: Python subtracts two London times by their wall-clock times)
    assert rhi_due(returned_at) - returned_at.astimezone(UTC) == timedelta(hours=72)
    assert RhiClock(returned_at).hours_left(returned_at) == 72
    assert RhiClock(returned_at).overdue_by(due + timedelta(minutes=59)) == 0
    assert RhiClock(returned_at).overdue_by(due.astimezone(LONDON) + timedelta(hours=1)) == 1


@given(
    st.datetimes(
        min_value=datetime(2020, 1, 1), max_value=datetime(2035, 12, 31), timezones=st.just(UTC)
    )
)
def test_the_clock_is_always_72_real_hours(returned_at):
    due = rhi_due(returned_at)
    assert due.astimezone(UTC) - returned_at.astimezone(UTC) == timedelta(hours=72)
    wall = due.astimezone(LONDON).replace(tzinfo=None) - returned_at.astimezone(LONDON).replace(
        tzinfo=None
    )
    assert timedelta(hours=71) <= wall <= timedelta(hours=73)


def test_the_clock_in_plain_words():
    clock = RhiClock(at(2026, 11, 23, 14))
    assert clock.due_words == "due by 14:00 on Thursday 26 November"
    assert clock.describe(at(2026, 11, 23, 15)) == (
        "Due by 14:00 on Thursday 26 November (71 hours left)"
    )
    assert clock.status(at(2026, 11, 23, 15)) is ClockStatus.RUNNING
    assert clock.describe(at(2026, 11, 26, 13, 30)) == (
        "Due by 14:00 on Thursday 26 November (less than an hour left)"
    )
    assert clock.describe(at(2026, 11, 26, 15)) == (
        "Overdue by 1 hour: was due by 14:00 on Thursday 26 November"
    )
    assert clock.describe(at(2026, 11, 28, 14)) == (
        "Overdue by 48 hours: was due by 14:00 on Thursday 26 November"
    )
    assert RhiClock(clock.returned_at, at(2026, 11, 26, 14)).describe() == (
        "Offered within 72 hours"
    )
    late = RhiClock(clock.returned_at, at(2026, 11, 26, 19))
    assert late.status() is ClockStatus.DONE_LATE and late.overdue_by() == 5
    assert late.describe() == "Offered 5 hours late (was due by 14:00 on Thursday 26 November)"
    assert late.hours_left() == 0


# ---- offering the interview -----------------------------------------------------------------


def test_an_interview_offered_in_time(returned, social_worker):
    interview = services.return_interview_offer(
        episode=returned, by=social_worker, offered_at=at(2026, 11, 4, 10)
    )
    assert interview.offered_at == at(2026, 11, 4, 10) and interview.accepted is None
    assert interview.recorded_by == social_worker
    event = AuditEvent.objects.get(verb="return_interview_offered")
    assert event.payload["late"] is False and event.payload["hours_late"] == 0
    entry = ChronologyEntry.objects.get(kind=EntryKind.RETURN_INTERVIEW)
    assert entry.visibility == Visibility.SOCIAL_CARE and entry.source == interview
    assert entry.summary == "Return home interview offered within 72 hours of the return."


def test_a_late_offer_is_recorded_as_late_not_refused(returned, social_worker):
    """Back at 16:00 on Tuesday 3 November: due by 16:00 on Friday 6 November."""
    services.return_interview_offer(
        episode=returned, by=social_worker, offered_at=at(2026, 11, 9, 10)
    )
    event = AuditEvent.objects.get(verb="return_interview_offered")
    assert event.payload["late"] is True and event.payload["hours_late"] == 66
    assert event.payload["due_by"].startswith("2026-11-06T16:00")
    entry = ChronologyEntry.objects.get(kind=EntryKind.RETURN_INTERVIEW)
    assert entry.summary == (
        "Return home interview offered late: 66 hours after the 72 hours, which ended at "
        "16:00 on Friday 6 November."
    )
    assert services.rhi_clock(returned).status() is ClockStatus.DONE_LATE


def test_an_offer_exactly_at_72_hours_is_in_time(returned, social_worker):
    services.return_interview_offer(
        episode=returned, by=social_worker, offered_at=at(2026, 11, 6, 16)
    )
    assert AuditEvent.objects.get(verb="return_interview_offered").payload["late"] is False


def test_no_offer_while_the_child_is_still_missing(allocated_child, social_worker):
    episode = report(allocated_child, social_worker)
    with pytest.raises(DomainError, match="still missing"):
        services.return_interview_offer(
            episode=episode, by=social_worker, offered_at=at(2026, 11, 3, 9)
        )


def test_bad_offers(returned, social_worker):
    for when, words in (
        (at(2026, 11, 3, 15), "before the child came back"),
        (timezone.now() + timedelta(hours=2), "future"),
    ):
        with pytest.raises(DomainError, match=words) as refusal:
            services.return_interview_offer(episode=returned, by=social_worker, offered_at=when)
        assert refusal.value.field == "offered_at"
    services.return_interview_offer(
        episode=returned, by=social_worker, offered_at=at(2026, 11, 3, 16)
    )
    with pytest.raises(DomainError, match="already been offered"):
        services.return_interview_offer(
            episode=returned, by=social_worker, offered_at=at(2026, 11, 4, 9)
        )
    assert ReturnInterview.objects.count() == 1


def test_only_social_care_offers_the_interview(returned, officer, stranger, dsl):
    for user in (officer, stranger, dsl):
        with pytest.raises(PermissionDenied):
            services.return_interview_offer(
                episode=returned, by=user, offered_at=at(2026, 11, 4, 10)
            )
    assert not ReturnInterview.objects.exists()


# ---- recording the interview ----------------------------------------------------------------


@pytest.fixture
def offered(returned, social_worker):
    services.return_interview_offer(
        episode=returned, by=social_worker, offered_at=at(2026, 11, 4, 10)
    )
    return returned


def test_an_interview_held(offered, social_worker):
    interview = services.return_interview_record(
        episode=offered,
        by=social_worker,
        accepted=True,
        held_at=at(2026, 11, 5, 16),
        child_words=" I stayed with older boys. They gave me a phone. ",
        push_factors="Arguments at home.",
    )
    interview.refresh_from_db()
    assert interview.accepted is True and interview.held_at == at(2026, 11, 5, 16)
    assert interview.interviewer == social_worker  # by default, whoever records it
    assert interview.child_words == "I stayed with older boys. They gave me a phone."
    event = AuditEvent.objects.get(verb="return_interview_held")
    assert event.payload == {"accepted": True, "held": True}
    entry = ChronologyEntry.objects.filter(kind=EntryKind.RETURN_INTERVIEW).first()
    assert entry.occurred_at == at(2026, 11, 5, 16) and entry.visibility == Visibility.SOCIAL_CARE
    assert entry.summary.startswith("Return home interview held at 16:00 on 5 November 2026")
    with pytest.raises(DomainError, match="already been recorded as held"):
        services.return_interview_record(
            episode=offered, by=social_worker, accepted=True, held_at=at(2026, 11, 6, 10)
        )


def test_an_interview_accepted_stays_pending_until_held(offered, social_worker, team):
    colleague = StaffFactory(role=Role.SOCIAL_WORKER, teams=[team])
    interview = services.return_interview_record(episode=offered, by=social_worker, accepted=True)
    assert interview.accepted is True and interview.held_at is None
    assert AuditEvent.objects.filter(verb="return_interview_accepted").exists()
    assert selectors.rhi_status(offered, interview) is RhiStatus.ACCEPTED
    interview = services.return_interview_record(
        episode=offered,
        by=social_worker,
        accepted=True,
        held_at=at(2026, 11, 7, 11),
        interviewer=colleague,
    )
    assert interview.interviewer == colleague
    assert selectors.rhi_status(offered, interview) is RhiStatus.HELD


def test_what_the_child_said_needs_the_interview_held(offered, social_worker):
    with pytest.raises(DomainError) as refusal:
        services.return_interview_record(
            episode=offered, by=social_worker, accepted=True, child_words="Something."
        )
    assert refusal.value.field == "held_at"


def test_a_declined_interview_needs_the_reason(offered, social_worker):
    for reason in ("", "   "):
        with pytest.raises(DomainError) as refusal:
            services.return_interview_record(
                episode=offered, by=social_worker, accepted=False, declined_reason=reason
            )
        assert refusal.value.field == "declined_reason"
    with pytest.raises(DomainError, match="not held"):
        services.return_interview_record(
            episode=offered,
            by=social_worker,
            accepted=False,
            declined_reason="Did not want to talk.",
            held_at=at(2026, 11, 5, 10),
        )
    interview = services.return_interview_record(
        episode=offered, by=social_worker, accepted=False, declined_reason=" Did not want to. "
    )
    assert interview.accepted is False and interview.declined_reason == "Did not want to."
    assert interview.held_at is None and interview.interviewer is None
    assert AuditEvent.objects.get(verb="return_interview_declined").payload == {
        "accepted": False,
        "held": False,
    }
    with pytest.raises(DomainError, match="already declined"):
        services.return_interview_record(
            episode=offered, by=social_worker, accepted=True, held_at=at(2026, 11, 6, 10)
        )


def test_a_reason_is_only_for_a_declined_interview(offered, social_worker):
    with pytest.raises(DomainError) as refusal:
        services.return_interview_record(
            episode=offered, by=social_worker, accepted=True, declined_reason="No."
        )
    assert refusal.value.field == "declined_reason"


@pytest.mark.parametrize(
    ("held_at", "words"),
    [
        (at(2026, 11, 4, 9), "before it was offered"),
        (timezone.now() + timedelta(hours=1), "future"),
    ],
)
def test_bad_held_times(offered, social_worker, held_at, words):
    with pytest.raises(DomainError, match=words) as refusal:
        services.return_interview_record(
            episode=offered, by=social_worker, accepted=True, held_at=held_at
        )
    assert refusal.value.field == "held_at"


def test_an_interviewer_who_has_left_cannot_be_named(offered, social_worker):
    gone = StaffFactory(is_active=False)
    with pytest.raises(DomainError) as refusal:
        services.return_interview_record(
            episode=offered,
            by=social_worker,
            accepted=True,
            held_at=at(2026, 11, 5, 10),
            interviewer=gone,
        )
    assert refusal.value.field == "interviewer"


def test_the_interview_is_offered_before_it_is_recorded(returned, social_worker):
    with pytest.raises(DomainError, match="Offer the return home interview first"):
        services.return_interview_record(episode=returned, by=social_worker, accepted=False)


def test_only_social_care_records_the_interview(offered, officer, stranger):
    for user in (officer, stranger):
        with pytest.raises(PermissionDenied):
            services.return_interview_record(
                episode=offered, by=user, accepted=False, declined_reason="No."
            )


# ---- reads ----------------------------------------------------------------------------------


def test_a_childs_episodes_with_their_interview(allocated_child, social_worker, officer):
    first = report(allocated_child, social_worker, at(2026, 9, 1, 20))
    back(first, social_worker, at(2026, 9, 2, 8))
    services.return_interview_offer(episode=first, by=social_worker, offered_at=at(2026, 9, 3, 9))
    second = back(
        report(allocated_child, officer, at(2026, 10, 1, 20)), officer, at(2026, 10, 2, 6)
    )
    third = report(allocated_child, social_worker, at(2026, 11, 20, 23))
    rows = selectors.missing_for_child(
        user=social_worker, child=allocated_child, now=at(2026, 11, 23, 9)
    )
    assert [r.episode.pk for r in rows] == [third.pk, second.pk, first.pk]
    assert [r.status for r in rows] == [
        RhiStatus.STILL_MISSING,
        RhiStatus.TO_OFFER,
        RhiStatus.OFFERED,
    ]
    assert rows[0].clock is None and rows[1].overdue and rows[1].clock_css == "govuk-tag--red"
    assert rows[2].clock_words == "Offered within 72 hours"
    event = AuditEvent.objects.get(verb="viewed_missing")
    assert event.child_id == allocated_child.pk and event.actor == social_worker


def test_a_partner_in_the_plan_sees_only_police_episodes_without_the_interview(
    allocated_child, social_worker, officer, dsl
):
    involve(allocated_child, kind=InvolvementKind.PLAN_MEMBER, staff=dsl)
    back(
        report(allocated_child, social_worker, at(2026, 9, 1, 20)), social_worker, at(2026, 9, 2, 8)
    )
    police_episode = report(allocated_child, officer, at(2026, 10, 1, 20))
    [row] = selectors.missing_for_child(user=dsl, child=allocated_child)
    assert row.episode == police_episode
    assert row.interview is None and row.status is None and row.clock is None


def test_no_episodes_for_those_without_access(allocated_child, social_worker, stranger, officer):
    report(allocated_child, social_worker)
    for user in (stranger, officer):  # the police report any child, but see only the plan's
        with pytest.raises(PermissionDenied):
            selectors.missing_for_child(user=user, child=allocated_child)


def _episode(child, by, started, ended=None, offered=None, accepted=None, held=None, **extra):
    """An episode stored as it is, for the reads (the services' rules are tested above)."""
    episode = MissingEpisode.objects.create(
        child=child,
        missing_type="M",
        missing_from=extra.pop("missing_from", "home"),
        started_at=started,
        ended_at=ended,
        where_found="Home" if ended else "",
        reported_by=by,
    )
    if offered:
        ReturnInterview.objects.create(
            episode=episode, offered_at=offered, accepted=accepted, held_at=held, recorded_by=by
        )
    return episode


def test_the_interviews_due(social_worker, team, allocated_child, stranger):
    other = PersonFactory()
    involve(other, team=team)
    hidden = PersonFactory()  # not this worker's
    now = at(2026, 11, 23, 9)
    overdue = _episode(allocated_child, social_worker, at(2026, 11, 10, 20), at(2026, 11, 11, 8))
    running = _episode(other, social_worker, at(2026, 11, 21, 20), at(2026, 11, 22, 8))
    offered = _episode(
        other, social_worker, at(2026, 10, 1, 20), at(2026, 10, 2, 8), offered=at(2026, 10, 3, 8)
    )
    accepted = _episode(
        other,
        social_worker,
        at(2026, 9, 1, 20),
        at(2026, 9, 2, 8),
        offered=at(2026, 9, 2, 9),
        accepted=True,
    )
    # Not due: still missing, held, declined, someone else's child.
    _episode(allocated_child, social_worker, at(2026, 11, 22, 20))
    _episode(
        other,
        social_worker,
        at(2026, 8, 1, 20),
        at(2026, 8, 2, 8),
        offered=at(2026, 8, 2, 9),
        accepted=True,
        held=at(2026, 8, 3, 9),
    )
    _episode(
        other,
        social_worker,
        at(2026, 7, 1, 20),
        at(2026, 7, 2, 8),
        offered=at(2026, 7, 2, 9),
        accepted=False,
    )
    _episode(hidden, social_worker, at(2026, 11, 20, 20), at(2026, 11, 21, 8))
    rows = selectors.return_interviews_due(user=social_worker, now=now)
    assert [r.episode for r in rows] == [overdue, running, offered, accepted]
    assert [r.status for r in rows] == [
        RhiStatus.TO_OFFER,
        RhiStatus.TO_OFFER,
        RhiStatus.OFFERED,
        RhiStatus.ACCEPTED,
    ]
    # Back at 08:00 on 11 November: due at 08:00 on the 14th, overdue by 9 days and 1 hour.
    assert rows[0].overdue and rows[0].overdue_by == 9 * 24 + 1 and rows[0].hours_left == 0
    # Back at 08:00 on 22 November: due at 08:00 on the 25th, 47 hours left.
    assert not rows[1].overdue and rows[1].hours_left == 47
    assert rows[1].clock_words == "Due by 08:00 on Wednesday 25 November (47 hours left)"
    assert selectors.return_interviews_due(user=stranger, now=now) == []


def test_the_interviews_due_are_social_cares(allocated_child, social_worker, dsl):
    involve(allocated_child, kind=InvolvementKind.PLAN_MEMBER, staff=dsl)
    _episode(allocated_child, social_worker, at(2026, 11, 10, 20), at(2026, 11, 11, 8))
    assert selectors.return_interviews_due(user=dsl) == []
    assert len(selectors.return_interviews_due(user=social_worker)) == 1


def test_the_interviews_due_in_a_fixed_number_of_queries(
    social_worker, team, django_assert_max_num_queries
):
    for n in range(12):
        child = PersonFactory()
        involve(child, team=team)
        _episode(child, social_worker, at(2026, 11, 1, 20), at(2026, 11, 2, 8) + timedelta(hours=n))
    with django_assert_max_num_queries(2):
        rows = selectors.return_interviews_due(user=social_worker)
        assert len(rows) == 12 and all(r.child.full_name for r in rows)


def test_the_figures_for_the_corporate_parenting_board(social_worker):
    a, b, c = PersonFactory(), PersonFactory(), PersonFactory()
    for child in (a, b):
        in_care(child, by=social_worker, started_on=date(2025, 1, 1))
    care = {"missing_from": "care"}
    # a: two episodes from care; one offered in 72 hours and held, one offered late, declined.
    _episode(
        a,
        social_worker,
        at(2026, 4, 1, 20),
        at(2026, 4, 2, 8),
        offered=at(2026, 4, 5, 8),  # exactly 72 hours
        accepted=True,
        held=at(2026, 4, 6, 8),
        **care,
    )
    _episode(
        a,
        social_worker,
        at(2026, 5, 1, 20),
        at(2026, 5, 2, 8),
        offered=at(2026, 5, 5, 9),  # 73 hours
        accepted=False,
        **care,
    )
    # b: one from care, not yet offered; and one still missing.
    _episode(b, social_worker, at(2026, 6, 1, 20), at(2026, 6, 2, 8), **care)
    _episode(b, social_worker, at(2026, 6, 20, 20), **care)
    # c: missing from home (counted in the episodes, not in care's).
    _episode(c, social_worker, at(2026, 4, 10, 20), at(2026, 4, 11, 8))
    # Out of the period: March and July.
    _episode(a, social_worker, at(2026, 3, 31, 20), at(2026, 3, 31, 23), **care)
    _episode(c, social_worker, at(2026, 7, 1, 1), at(2026, 7, 1, 8))
    figures = selectors.missing_figures(since=date(2026, 4, 1), until=date(2026, 6, 30))
    assert figures.as_dict() == {
        "since": "2026-04-01",
        "until": "2026-06-30",
        "episodes": 5,
        "children_missing": 3,
        "episodes_from_care": 4,
        "children_missing_from_care": 2,
        "returns_from_care": 3,
        "rhi_offered": 2,
        "rhi_offered_in_72_hours": 1,
        "rhi_offered_in_72_hours_pct": 33.3,
        "rhi_accepted": 1,
        "rhi_accepted_pct": 50.0,
        "rhi_held": 1,
    }
    empty = selectors.missing_figures(since=date(2020, 1, 1), until=date(2020, 12, 31))
    assert empty.episodes == 0 and empty.rhi_offered_in_72_hours_pct is None


def test_reporting_three_times_raises_the_front_doors_alert(allocated_child, social_worker):
    from everychild.alerts.models import Alert

    today = timezone.localdate()
    for days_ago in (40, 20):
        start = timezone.make_aware(
            datetime.combine(today - timedelta(days=days_ago), datetime.min.time())
        ) + timedelta(hours=21)
        back(
            report(allocated_child, social_worker, start), social_worker, start + timedelta(hours=8)
        )
    assert not Alert.objects.filter(child=allocated_child).exists()
    report(allocated_child, social_worker, timezone.now() - timedelta(hours=2))
    alert = Alert.objects.get(child=allocated_child, rule__code="repeated-missing")
    assert alert.concerns.count() == 0
    event = AuditEvent.objects.get(verb="alert_raised")
    assert sorted(event.payload["missing_episodes"]) == sorted(
        MissingEpisode.objects.values_list("pk", flat=True)
    )
