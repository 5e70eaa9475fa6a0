"""The run's seed replays the data the tests generate, and the frozen clock is the instant
it says (tests/seeding.py, tests/frozen_clock.py)."""

import random
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone

from tests import frozen_clock, seeding
from tests.care.factories import CarerFactory
from tests.conftest import INSTANT, SEED
from tests.factories import PersonFactory, StaffFactory, _faker

LONDON = ZoneInfo("Europe/London")


def _generate() -> list:
    """A little of every kind of generated data the tests use (and then rolled back: the
    sequences start again with the seed, and names of organisations are unique)."""
    with transaction.atomic():
        people = PersonFactory.create_batch(3)
        staff = StaffFactory()
        generated = [
            *[(p.given_name, p.family_name) for p in people],
            (staff.username, staff.first_name, staff.last_name, staff.organisation.name),
            CarerFactory().name,
            _faker.postcode(),
            random.random(),
        ]
        transaction.set_rollback(True)
    return generated


def test_the_same_seed_generates_the_same_data(db):
    seeding.seed_everything(seeding.seed_for(12345, "tests/x.py::test_y"))
    first = _generate()
    seeding.seed_everything(seeding.seed_for(12345, "tests/x.py::test_y"))
    assert _generate() == first
    seeding.seed_everything(seeding.seed_for(12346, "tests/x.py::test_y"))
    assert _generate() != first


def test_each_test_starts_from_its_own_seed(request, db):
    """Before its fixtures ran, this test's random sources were seeded from the run's seed
    and its id alone: replaying the run's seed makes the same data in this test."""
    drawn = _generate()
    seeding.seed_everything(seeding.seed_for(request.config.stash[SEED], request.node.nodeid))
    assert _generate() == drawn


def test_different_tests_draw_different_seeds():
    assert seeding.seed_for(1, "tests/a.py::test_a") != seeding.seed_for(1, "tests/a.py::test_b")


def test_the_run_seed_comes_from_the_option_then_the_environment(monkeypatch):
    monkeypatch.setenv(seeding.ENV, "77")
    assert seeding.run_seed(5) == 5
    assert seeding.run_seed(None) == 77
    monkeypatch.delenv(seeding.ENV)
    assert isinstance(seeding.run_seed(None), int)


@pytest.mark.parametrize(
    ("after", "working_day", "holiday"),
    [
        # Christmas on a Friday: Boxing Day's substitute is the Monday, so Tuesday.
        (date(2026, 12, 5), date(2026, 12, 29), date(2026, 12, 28)),
        # New Year's Day on a Friday: the Monday after.
        (date(2026, 12, 29), date(2027, 1, 4), date(2027, 1, 1)),
        # Easter Monday, in British Summer Time.
        (date(2027, 3, 1), date(2027, 3, 30), date(2027, 3, 29)),
        # The day itself never counts: the next one is found.
        (date(2027, 3, 30), date(2027, 5, 4), date(2027, 5, 3)),
    ],
)
def test_the_first_working_day_after_a_bank_holiday(after, working_day, holiday):
    assert frozen_clock.first_working_day_after_a_bank_holiday(after) == (working_day, holiday)


def test_the_instant_is_just_after_midnight_in_london():
    instant = frozen_clock.resolve("after-bank-holiday", today=date(2027, 3, 1))
    assert instant.at == datetime(2027, 3, 30, 0, 5, tzinfo=LONDON)
    # British Summer Time: in UTC it is still the day before.
    assert instant.at.astimezone(ZoneInfo("UTC")).date() == date(2027, 3, 29)
    assert "Easter Monday" in instant.describe()
    assert "EVERYCHILD_FROZEN_CLOCK=2027-03-30T00:05" in instant.describe()


def test_a_replayed_instant_is_london_time_unless_it_says_otherwise():
    assert frozen_clock.resolve("2027-06-01T23:55").at == datetime(
        2027, 6, 1, 23, 55, tzinfo=LONDON
    )
    assert frozen_clock.resolve("2027-06-01T23:55+00:00").at == datetime(
        2027, 6, 2, 0, 55, tzinfo=LONDON
    )


def test_the_clock_is_where_the_run_says(request):
    """With the clock frozen, Django's clock reads the instant (plus the run's few minutes so
    far); and a travel inside a test still works."""
    instant = request.config.stash[INSTANT]
    if instant is not None:
        assert instant.at <= timezone.localtime() < instant.at + timedelta(hours=1)
    with time_machine.travel(datetime(2027, 3, 30, 0, 5, tzinfo=LONDON), tick=False):
        assert timezone.localdate() == date(2027, 3, 30)
        assert timezone.now().date() == date(2027, 3, 29)
