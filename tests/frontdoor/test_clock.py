"""The front door's one-working-day clock, and the MASH queue built on it."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone as django_timezone
from hypothesis import given
from hypothesis import strategies as st

from everychild.access.models import Involvement, InvolvementKind, RecordRestriction
from everychild.core import calendar
from everychild.core.clock import ClockStatus
from everychild.frontdoor import selectors
from everychild.frontdoor.models import Contact
from everychild.frontdoor.selectors import QueueFilters
from everychild.organisations.roles import Role
from tests.factories import PersonFactory, StaffFactory
from tests.frontdoor.helpers import at


def received(day: date, hour: int = 10, **fields) -> Contact:
    """An unsaved contact received on `day` (the clock needs nothing saved)."""
    return Contact(source="phone", received_at=at(day, hour), **fields)


@pytest.mark.parametrize(
    ("received_on", "due"),
    [
        (date(2026, 11, 16), date(2026, 11, 17)),  # Monday -> Tuesday
        (date(2026, 11, 20), date(2026, 11, 23)),  # Friday -> Monday
        (date(2026, 11, 21), date(2026, 11, 23)),  # Saturday -> Monday
        (date(2026, 11, 22), date(2026, 11, 23)),  # Sunday -> Monday
        # Christmas Eve 2026 is a Thursday: Christmas Day (Friday), the weekend, and Boxing
        # Day's substitute (Monday 28th) are not working days.
        (date(2026, 12, 24), date(2026, 12, 29)),
        (date(2026, 12, 25), date(2026, 12, 29)),
        # Easter 2026: Good Friday 3 April and Easter Monday 6 April.
        (date(2026, 4, 2), date(2026, 4, 7)),  # Maundy Thursday
        (date(2026, 4, 3), date(2026, 4, 7)),
        (date(2027, 3, 25), date(2027, 3, 30)),  # the Thursday before Easter 2027
        (date(2026, 12, 31), date(2027, 1, 4)),  # New Year's Day is a Friday
        (date(2026, 5, 22), date(2026, 5, 26)),  # before the spring bank holiday
    ],
)
def test_the_decision_is_due_one_working_day_after_receipt(received_on, due):
    clock = received(received_on).clock
    assert clock.started == received_on
    assert clock.due == due
    assert clock.stopped is None


def test_a_contact_received_late_in_the_evening_counts_from_the_london_date():
    # 23:30 UTC on Friday 10 July 2026 is 00:30 on Saturday in London (BST).
    late = Contact(source="phone", received_at=datetime(2026, 7, 10, 23, 30, tzinfo=UTC))
    assert late.received_on == date(2026, 7, 11)
    assert late.clock.due == date(2026, 7, 13)


def test_clock_statuses():
    clock = received(date(2026, 11, 20)).clock  # Friday, due Monday 23rd
    assert clock.status(date(2026, 11, 20)) is ClockStatus.RUNNING
    assert clock.status(date(2026, 11, 22)) is ClockStatus.RUNNING
    assert clock.status(date(2026, 11, 23)) is ClockStatus.DUE_TODAY
    assert clock.describe(date(2026, 11, 23)) == "Due today"
    assert clock.status(date(2026, 11, 24)) is ClockStatus.OVERDUE
    assert clock.is_overdue(date(2026, 11, 26))
    assert clock.describe(date(2026, 11, 26)) == "Overdue by 3 working days"
    assert clock.describe(date(2026, 11, 20)) == "Due in 1 working day"


def test_a_decision_stops_the_clock():
    in_time = received(date(2026, 11, 20), decided_at=at(date(2026, 11, 23), 16)).clock
    assert in_time.stopped == date(2026, 11, 23)
    assert in_time.status(date(2027, 1, 1)) is ClockStatus.DONE_IN_TIME
    late = received(date(2026, 11, 20), decided_at=at(date(2026, 11, 25))).clock
    assert late.status() is ClockStatus.DONE_LATE
    assert late.describe() == "Done 2 working days late"


@given(st.dates(min_value=date(2025, 1, 1), max_value=date(2030, 12, 31)))
def test_the_due_date_is_always_the_next_working_day(day):
    due = received(day).clock.due
    assert due > day and calendar.is_working_day(due)
    between = [day + timedelta(days=n) for n in range(1, (due - day).days)]
    assert not any(calendar.is_working_day(d) for d in between)


# ---- the MASH queue --------------------------------------------------------------------------


class _FixedToday:
    """django.utils.timezone, but "today" is a fixed date (for the queue's statuses)."""

    def __init__(self, today: date):
        self.today = today

    def localdate(self, value=None, timezone=None):
        if value is None:
            return self.today
        return django_timezone.localdate(value, timezone)

    def __getattr__(self, name):
        return getattr(django_timezone, name)


TODAY = date(2026, 11, 18)  # a Wednesday


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr(selectors, "timezone", _FixedToday(TODAY))
    return TODAY


@pytest.fixture
def at_the_front_door(mash_team):
    """Make a child with a contact at the front door (visible to the MASH)."""

    def make(received_on: date, **fields) -> Contact:
        child = fields.pop("child", None) or PersonFactory()
        Involvement.objects.get_or_create(
            child=child, team=mash_team, kind=InvolvementKind.FRONT_DOOR
        )
        return Contact.objects.create(
            child=child,
            source="phone",
            received_at=at(received_on),
            summary="A call.",
            **fields,
        )

    return make


@pytest.fixture
def queue(today, at_the_front_door, mash_worker):
    made = {
        "running": at_the_front_door(date(2026, 11, 18), rag="green"),  # due Thu 19th
        "overdue": at_the_front_door(date(2026, 11, 9), rag="amber"),  # due Tue 10th
        "due_today": at_the_front_door(date(2026, 11, 17), rag="red"),  # due Wed 18th
        "oldest": at_the_front_door(date(2026, 11, 3)),  # due Wed 4th
        "awaiting_sign_off": at_the_front_door(
            date(2026, 11, 2), rag="red", decided_at=at(date(2026, 11, 3)), decided_by=mash_worker
        ),
        "identity": Contact.objects.create(
            source="concern", received_at=at(date(2026, 11, 16)), summary="Who is this?"
        ),  # due Tue 17th: overdue
        "signed_off": at_the_front_door(
            date(2026, 11, 2),
            decided_at=at(date(2026, 11, 2)),
            decided_by=mash_worker,
            signed_off_at=at(date(2026, 11, 3)),
        ),
    }
    return made


def names(rows, queue) -> list[str]:
    by_pk = {c.pk: name for name, c in queue.items()}
    return [by_pk[c.pk] for c in rows]


def test_overdue_first_then_by_due_date(queue, mash_worker):
    rows = selectors.mash_queue(user=mash_worker)
    assert names(rows, queue) == [
        "oldest",
        "overdue",
        "identity",
        "due_today",
        "running",
        "awaiting_sign_off",
    ]
    assert "signed_off" not in names(rows, queue)


def test_the_queue_counts_open_information_requests(queue, mash_worker, school):
    contact = queue["running"]
    contact.requests.create(
        agency=school,
        question="?",
        requested_by=mash_worker,
        due_by=django_timezone.now() + timedelta(days=1),
    )
    contact.requests.create(
        agency=school,
        question="?",
        requested_by=mash_worker,
        due_by=django_timezone.now() + timedelta(days=1),
        response="Nothing known.",
        responded_at=django_timezone.now(),
    )
    rows = {c.pk: c for c in selectors.mash_queue(user=mash_worker)}
    assert rows[contact.pk].open_requests == 1
    assert rows[queue["overdue"].pk].open_requests == 0


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (QueueFilters(stage="identity"), ["identity"]),
        (QueueFilters(stage="screening"), ["oldest", "overdue", "due_today", "running"]),
        (QueueFilters(stage="sign_off"), ["awaiting_sign_off"]),
        (QueueFilters(rag="red"), ["due_today", "awaiting_sign_off"]),
        (QueueFilters(rag="green"), ["running"]),
        (QueueFilters(overdue_only=True), ["oldest", "overdue", "identity"]),
        (QueueFilters(stage="screening", overdue_only=True), ["oldest", "overdue"]),
        (QueueFilters(stage="screening", rag="amber"), ["overdue"]),
        (
            QueueFilters(sort="rag"),
            ["awaiting_sign_off", "due_today", "overdue", "running", "oldest", "identity"],
        ),
        (
            QueueFilters(sort="received"),
            ["awaiting_sign_off", "oldest", "overdue", "identity", "due_today", "running"],
        ),
    ],
)
def test_queue_filters_and_sorts(queue, mash_worker, filters, expected):
    assert names(selectors.mash_queue(user=mash_worker, filters=filters), queue) == expected


def test_a_restricted_child_is_not_on_the_queue(queue, today, at_the_front_door, mash_worker):
    hidden = at_the_front_door(date(2026, 11, 1))
    dpo = StaffFactory(role=Role.DPO)
    RecordRestriction.objects.create(child=hidden.child, reason="Sealed", restricted_by=dpo)
    assert hidden.pk not in [c.pk for c in selectors.mash_queue(user=mash_worker)]
    # ...unless the worker is named on the restriction.
    hidden.child.restriction.named_staff.add(mash_worker)
    assert hidden.pk in [c.pk for c in selectors.mash_queue(user=mash_worker)]


def test_a_child_the_front_door_does_not_hold_is_not_on_the_queue(queue, mash_worker, today):
    elsewhere = Contact.objects.create(
        child=PersonFactory(), source="phone", received_at=at(date(2026, 11, 17)), summary="x"
    )
    assert elsewhere.pk not in [c.pk for c in selectors.mash_queue(user=mash_worker)]


def test_a_manager_sees_the_same_queue(queue, mash_worker, manager):
    assert [c.pk for c in selectors.mash_queue(user=manager)] == [
        c.pk for c in selectors.mash_queue(user=mash_worker)
    ]


@pytest.mark.parametrize("role", [Role.PARTNER, Role.SOCIAL_WORKER, Role.ANALYST])
def test_the_queue_is_for_the_front_door_only(queue, role):
    with pytest.raises(PermissionDenied):
        selectors.mash_queue(user=StaffFactory(role=role))


def test_the_queue_does_not_query_per_contact(
    queue, mash_worker, django_assert_max_num_queries, at_the_front_door
):
    for day in range(1, 15):
        at_the_front_door(date(2026, 11, day))
    with django_assert_max_num_queries(4):
        rows = selectors.mash_queue(user=mash_worker)
        for contact in rows:
            str(contact.child)
            contact.stage  # noqa: B018
