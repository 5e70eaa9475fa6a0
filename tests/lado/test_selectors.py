"""LADO reads: who may see an allegation, the initial-consideration clock, timeliness
against the guidance's targets (on hand-made cases), the sector reach view, the dashboard
and the annual report's figures and workbook."""

from datetime import date, timedelta
from io import BytesIO

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from openpyxl import load_workbook

from everychild.audit.models import AuditEvent
from everychild.core.clock import ClockStatus
from everychild.lado import selectors, services
from everychild.lado.models import Allegation, Engagement, SectorSize
from everychild.people.models import PersonKind
from tests.factories import PersonFactory
from tests.lado.helpers import at, considered, days_ago, receive, resolve, today

# ---- visibility ---------------------------------------------------------------------------


@pytest.fixture
def two_allegations(lado, teacher, pupil, school):
    first = receive(lado, teacher, employer=school, children=[pupil])
    coach = PersonFactory(kind=PersonKind.ADULT, given_name="Gary", family_name="Pike")
    second = receive(lado, coach, sector="sport", employer_name="Bow Boxing Academy")
    return first, second


@pytest.mark.parametrize("who", ["worker", "dsl", "officer", "dpo"])
def test_nobody_else_can_see_an_allegation(request, who, two_allegations):
    user = request.getfixturevalue(who)
    assert not selectors.allegations_for(user=user).exists()
    for allegation in two_allegations:
        with pytest.raises(Http404):
            selectors.allegation_view(user=user, allegation_id=allegation.pk)
    assert not AuditEvent.objects.filter(verb="viewed_allegation").exists()


def test_nor_can_anyone_signed_out_or_an_inactive_lado(lado, two_allegations):
    assert not selectors.allegations_for(user=AnonymousUser()).exists()
    lado.is_active = False
    lado.save()
    assert not selectors.allegations_for(user=lado).exists()
    with pytest.raises(Http404):
        selectors.allegation_view(user=lado, allegation_id=two_allegations[0].pk)


def test_the_lado_sees_every_allegation_and_each_look_is_audited(lado, two_allegations):
    assert set(selectors.allegations_for(user=lado)) == set(two_allegations)
    first = two_allegations[0]
    assert selectors.allegation_view(user=lado, allegation_id=first.pk) == first
    event = AuditEvent.objects.get(verb="viewed_allegation")
    assert event.actor == lado and event.object_id == str(first.pk)
    assert event.child_id is None  # the child's "who looked" log shows nothing of it


def test_a_named_person_sees_only_their_allegation(lado, officer, two_allegations):
    first, second = two_allegations
    services.named_access_grant(allegation=first, staff=officer, granted_by=lado)
    assert list(selectors.allegations_for(user=officer)) == [first]
    assert selectors.allegation_view(user=officer, allegation_id=first.pk) == first
    with pytest.raises(Http404):
        selectors.allegation_view(user=officer, allegation_id=second.pk)
    services.named_access_revoke(allegation=first, staff=officer, revoked_by=lado)
    with pytest.raises(Http404):
        selectors.allegation_view(user=officer, allegation_id=first.pk)


def test_a_missing_allegation_is_not_found(lado):
    with pytest.raises(Http404):
        selectors.allegation_view(user=lado, allegation_id=999)


# ---- the initial-consideration clock ------------------------------------------------------


def _received(day: date, hour: int = 10, minute: int = 0, decided: date | None = None):
    allegation = Allegation(received_at=at(day, hour, minute))
    allegation.initial_decided_at = at(decided, 16) if decided else None
    return allegation.initial_clock


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (date(2025, 11, 19), date(2025, 11, 20)),  # Wednesday: Thursday
        (date(2025, 11, 21), date(2025, 11, 24)),  # Friday: over the weekend to Monday
        (date(2025, 11, 22), date(2025, 11, 24)),  # Saturday: Monday
        (date(2025, 8, 22), date(2025, 8, 26)),  # Friday before the August bank holiday
        (date(2025, 12, 24), date(2025, 12, 29)),  # Christmas Eve: past Christmas and Boxing Day
        (date(2026, 4, 2), date(2026, 4, 7)),  # Thursday before Good Friday and Easter Monday
    ],
)
def test_initial_consideration_is_due_one_working_day_after_receipt(received, due):
    assert _received(received).due == due


def test_the_clock_runs_on_the_london_date():
    # 23:30 on a Friday in summer is 22:30 UTC: still Friday, so due on Monday.
    assert _received(date(2025, 7, 4), 23, 30).due == date(2025, 7, 7)
    # 00:30 on a Saturday in summer is still Friday in UTC, but Saturday in London.
    assert _received(date(2025, 7, 5), 0, 30).started == date(2025, 7, 5)


def test_the_clock_stops_at_the_decision():
    friday = date(2025, 8, 22)
    assert _received(friday, decided=date(2025, 8, 26)).status() is ClockStatus.DONE_IN_TIME
    late = _received(friday, decided=date(2025, 8, 28))
    assert late.status() is ClockStatus.DONE_LATE
    assert late.describe() == "Done 2 working days late"
    assert _received(friday).status(date(2025, 8, 27)) is ClockStatus.OVERDUE
    assert _received(friday).status(date(2025, 8, 25)) is ClockStatus.RUNNING  # bank holiday


def test_an_undecided_referral_past_its_day_is_overdue_on_the_dashboard(lado, teacher):
    late = receive(lado, teacher, received_at=at(days_ago(10)))
    fresh = receive(lado, teacher, received_at=timezone.now())  # today, at any hour
    decided = considered(receive(lado, teacher, received_at=at(days_ago(10))), lado)
    board = selectors.dashboard(user=lado)
    assert board.initial_overdue == [late]
    assert fresh not in board.initial_overdue and decided not in board.initial_overdue
    assert Allegation.objects.get(pk=decided.pk).initial_clock.status() is ClockStatus.DONE_LATE


# ---- timeliness against the targets -------------------------------------------------------

RECEIVED = date(2026, 1, 15)


def _case(outcome_on: date | None, received: date = RECEIVED, exceptional: str = ""):
    return Allegation(
        received_at=at(received), outcome_on=outcome_on, exceptional_delay=exceptional
    )


def _within_a_month(n: int) -> list[Allegation]:
    return [_case(RECEIVED + timedelta(days=3 * i)) for i in range(n)]


def test_eight_of_ten_within_a_month_meets_the_first_target():
    cases = [
        *_within_a_month(7),
        _case(date(2026, 2, 15)),  # exactly one month: within
        _case(date(2026, 2, 16)),  # one month and a day: not within a month
        _case(date(2026, 4, 15)),  # exactly three months: within three
        _case(None),  # still open: not counted
    ]
    t = selectors.timeliness(cases)
    assert t.resolved == 10
    assert t.within == {1: 0.8, 3: 1.0, 12: 1.0}
    assert t.targets_met == {1: True, 3: True, 12: True}
    assert t.median_days == 15  # of 0, 3, ... 18, 31, 32, 90 days


def test_seven_of_ten_within_a_month_misses_it():
    cases = [*_within_a_month(7), *[_case(date(2026, 3, 1))] * 3]
    t = selectors.timeliness(cases)
    assert t.within[1] == 0.7 and not t.targets_met[1]
    assert t.targets_met[3]


def test_three_months_and_a_day_counts_against_the_second_target():
    cases = [*_within_a_month(8), _case(date(2026, 4, 15)), _case(date(2026, 4, 16))]
    t = selectors.timeliness(cases)
    assert t.within[3] == 0.9 and t.targets_met[3]
    cases[-2] = _case(date(2026, 4, 16))
    t = selectors.timeliness(cases)
    assert t.within[3] == 0.8 and not t.targets_met[3]


def test_a_month_from_the_end_of_january_is_the_end_of_february():
    received = date(2026, 1, 31)
    t = selectors.timeliness(
        [_case(date(2026, 2, 28), received), _case(date(2026, 3, 1), received)]
    )
    assert t.within[1] == 0.5


def test_over_twelve_months_meets_the_target_only_if_exceptional():
    on_time = _within_a_month(9)
    twelve = _case(date(2027, 1, 15))  # exactly twelve months: within
    assert selectors.timeliness([*on_time, twelve]).targets_met[12]
    late = _case(date(2027, 1, 16))
    t = selectors.timeliness([*on_time, late])
    assert t.within[12] == 0.9 and not t.targets_met[12]
    excused = _case(date(2027, 1, 16), exceptional="Trial adjourned twice.")
    t = selectors.timeliness([*on_time, excused])
    assert t.within[12] == 0.9 and t.targets_met[12]


def test_no_outcomes_yet():
    t = selectors.timeliness([_case(None)])
    assert t.resolved == 0 and t.median_days is None
    # Nothing resolved: no share, and no target met or missed.
    assert t.within == {1: None, 3: None, 12: None}
    assert t.targets_met == {1: None, 3: None, 12: None}
    # ... and the spreadsheet says so, rather than "no".
    assert selectors._met_words(None) == "no outcomes yet"
    assert selectors._met_words(False) == "no" and selectors._met_words(True) == "yes"


# ---- which sectors refer least ------------------------------------------------------------


def test_sector_reach_lowest_rate_first(lado):
    SectorSize.objects.all().delete()
    for sector, workforce in {
        "education": 10_000,
        "faith": 1_000,
        "sport": 500,
        "health": 4_000,
    }.items():
        SectorSize.objects.create(sector=sector, workforce=workforce)
    cases = (
        [Allegation(sector="education")] * 30
        + [Allegation(sector="health")] * 4
        + [Allegation(sector="sport")] * 2
        + [Allegation(sector="transport")] * 3
    )
    Engagement.objects.create(
        held_on=date(2026, 3, 1),
        sector="faith",
        covered="x",
        organisation_name="A",
        recorded_by=lado,
    )
    Engagement.objects.create(
        held_on=date(2026, 6, 1),
        sector="faith",
        covered="y",
        organisation_name="B",
        recorded_by=lado,
    )
    rows = selectors.sector_reach(cases)
    rated = [(r.sector, r.per_thousand) for r in rows if r.per_thousand is not None]
    assert rated == [("faith", 0.0), ("health", 1.0), ("education", 3.0), ("sport", 4.0)]
    # Sectors with no workforce estimate come last, still with their referrals.
    unrated = {r.sector: r.referrals for r in rows if r.per_thousand is None}
    # "Other" is no sector to aim outreach at: it is left out.
    assert unrated["transport"] == 3 and len(rows) == 10
    assert "other" not in {r.sector for r in rows}
    faith = next(r for r in rows if r.sector == "faith")
    assert faith.last_engagement == date(2026, 6, 1) and faith.label == "Faith group"
    assert next(r for r in rows if r.sector == "sport").last_engagement is None


# ---- the dashboard ------------------------------------------------------------------------


def test_the_dashboard(lado, teacher, school):
    coach = PersonFactory(kind=PersonKind.ADULT, given_name="Gary", family_name="Pike")
    new = receive(lado, coach, sector="sport", employer_name="Bow Boxing Academy")
    old = considered(receive(lado, teacher, employer=school, received_at=at(days_ago(100))), lado)
    meeting = services.meeting_record(
        allegation=old,
        recorded_by=lado,
        kind="strategy",
        held_on=days_ago(90),
        attendees="LADO, police",
        actions=[
            services.ActionSpec("Interview the head", "DC Cole", days_ago(60)),
            services.ActionSpec("Report back", "Head teacher", today() + timedelta(7)),
        ],
    )
    closed = considered(receive(lado, teacher, employer=school, received_at=at(days_ago(40))), lado)
    services.meeting_record(
        allegation=closed,
        recorded_by=lado,
        kind="evaluation",
        held_on=days_ago(35),
        attendees="LADO",
        actions=[services.ActionSpec("Overdue, but the case is closed", "X", days_ago(30))],
    )
    # Resolved 25 days after the referral: within a month, even one after February.
    resolve(closed, lado, days_ago(15), outcome="unfounded", consequences=["none"])
    board = selectors.dashboard(user=lado)
    grid = dict(board.open_by_age_and_stage)
    assert grid["Under a month"] == {"initial": 1}
    assert grid["3 to 12 months"] == {"investigation": 1}
    assert board.open_total == 2
    assert [a.action for a in board.overdue_actions] == ["Interview the head"]
    assert board.overdue_actions[0].meeting == meeting
    assert board.outcomes_by_sector == {"Education": {"Unfounded": 1}}
    assert board.outcomes_by_employer == [("Canal Primary School", {"Unfounded": 1})]
    assert board.repeat_subjects == [(teacher, 2)]
    assert board.repeat_employers == [("Canal Primary School", 2)]
    assert board.timeliness.resolved == 1 and board.timeliness.within[1] == 1.0
    assert next(r for r in board.reach if r.sector == "sport").referrals == 1
    assert new in list(selectors.allegations_for(user=lado))
    assert AuditEvent.objects.filter(verb="viewed_lado_dashboard", actor=lado).count() == 1


@pytest.mark.parametrize("who", ["worker", "officer", "dpo"])
def test_only_the_lado_sees_the_dashboard_and_the_annual_figures(request, who):
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        selectors.dashboard(user=user)
    with pytest.raises(PermissionDenied):
        selectors.annual_figures(user=user, year_ending=2026)


# ---- the annual report --------------------------------------------------------------------


@pytest.fixture
def reporting_years(lado, teacher, school):
    """Referrals either side of the 2025-26 reporting year's edges (London time)."""

    def make(day, hour, minute, **kw):
        return receive(lado, teacher, received_at=at(day, hour, minute), **kw)

    before = make(date(2025, 3, 31), 23, 59)  # 2024-25
    first = make(date(2025, 4, 1), 0, 1, sector="health", referrer_sector="health")
    middle = make(date(2025, 10, 1), 12, 0, employer=school)
    last = make(date(2026, 3, 31), 23, 59, sector="sport", referrer_sector="police")
    after = make(date(2026, 4, 1), 0, 0)  # 2026-27
    for allegation, days, outcome in ((first, 20, "substantiated"), (middle, 60, "false")):
        considered(allegation, lado)
        resolve(
            allegation,
            lado,
            allegation.received_on + timedelta(days=days),
            outcome=outcome,
            consequences=["none"],
        )
    return before, first, middle, last, after


def test_annual_figures_count_1_april_to_31_march(lado, reporting_years):
    figures = selectors.annual_figures(user=lado, year_ending=2026)
    assert figures["year"] == "1 April 2025 to 31 March 2026"
    assert figures["referrals"] == 3
    assert figures["by_sector"] == {"Health": 1, "Education": 1, "Sport": 1}
    assert figures["by_outcome"] == {"Substantiated": 1, "False": 1, "No outcome yet": 1}
    assert figures["by_source"] == {"Health": 1, "Education": 1, "Police": 1}
    t = figures["timeliness"]
    assert t.resolved == 2 and t.within[1] == 0.5 and t.within[3] == 1.0
    assert not t.targets_met[1] and t.targets_met[3]
    assert selectors.annual_figures(user=lado, year_ending=2025)["referrals"] == 1
    assert selectors.annual_figures(user=lado, year_ending=2027)["referrals"] == 1
    event = AuditEvent.objects.filter(verb="lado_annual_figures").order_by("id").first()
    assert event.payload == {"year_ending": 2026} and event.actor == lado


def test_the_annual_workbook(lado, reporting_years):
    figures = selectors.annual_figures(user=lado, year_ending=2026)
    buffer = BytesIO()
    selectors.annual_workbook(figures).save(buffer)
    book = load_workbook(BytesIO(buffer.getvalue()))
    assert book.sheetnames == ["By sector", "By outcome", "By referral source", "Timeliness"]
    for name in ("By sector", "By outcome", "By referral source"):
        rows = list(book[name].iter_rows(values_only=True))
        assert rows[0][0] == "LADO referrals, 1 April 2025 to 31 March 2026"
        assert rows[-1] == ("Total", 3)
        assert sum(count for _, count in rows[2:-1]) == 3
    outcomes = {row[0]: row[1] for row in book["By outcome"].iter_rows(min_row=3, values_only=True)}
    assert outcomes["Substantiated"] == 1 and outcomes["No outcome yet"] == 1
    timeliness = list(book["Timeliness"].iter_rows(values_only=True))
    assert timeliness[1] == ("Resolved", 2, None, None)
    assert timeliness[4] == ("1 month", 0.5, "80%", "no")
    assert timeliness[5] == ("3 months", 1.0, "90%", "yes")
    assert timeliness[6] == ("12 months", 1.0, "all but exceptional", "yes")


def test_the_reporting_year():
    assert selectors.reporting_year(2026) == (date(2025, 4, 1), date(2026, 3, 31))
