from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from everychild.core.calendar import (
    add_working_days,
    age_in_years,
    is_bank_holiday,
    is_working_day,
    next_working_day,
    working_days_between,
)

dates = st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31))


def test_england_bank_holidays_with_substitute_days():
    assert is_bank_holiday(date(2026, 12, 25))
    assert is_bank_holiday(date(2026, 12, 28))  # Boxing Day on Saturday: substitute Monday
    assert is_bank_holiday(date(2027, 12, 27)) and is_bank_holiday(date(2027, 12, 28))
    assert is_bank_holiday(date(2026, 8, 31))  # England's summer bank holiday
    assert not is_bank_holiday(date(2026, 8, 3))  # Scotland's, not England's
    assert is_bank_holiday(date(2026, 4, 3)) and is_bank_holiday(date(2026, 4, 6))  # Easter


def test_one_working_day_over_a_weekend_and_christmas():
    assert add_working_days(date(2026, 11, 20), 1) == date(2026, 11, 23)  # Friday -> Monday
    assert add_working_days(date(2026, 11, 21), 1) == date(2026, 11, 23)  # Saturday -> Monday
    assert add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 29)  # over 25, 26-28
    assert add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 7)  # over Easter


def test_forty_five_working_days_for_an_assessment():
    # From 1 December 2026: 21 working days in December after the 1st, less 25 and 28.
    assert working_days_between(date(2026, 12, 1), date(2026, 12, 31)) == 20
    assert add_working_days(date(2026, 12, 1), 45) == date(2027, 2, 5)


@given(dates, st.integers(min_value=-400, max_value=400))
def test_working_days_between_inverts_add(start, n):
    assert working_days_between(start, add_working_days(start, n)) == n


@given(dates, st.integers(min_value=1, max_value=400))
def test_adding_working_days_lands_on_a_working_day(start, n):
    assert is_working_day(add_working_days(start, n))


@given(dates, dates)
def test_between_is_negative_backwards(a, b):
    assert (working_days_between(a, b) <= 0) == (b <= a) or working_days_between(a, b) == 0


@given(dates)
def test_between_matches_counting_day_by_day(start):
    end = start + timedelta(days=40)
    counted = sum(is_working_day(start + timedelta(days=i)) for i in range(1, 41))
    assert working_days_between(start, end) == counted


@given(dates)
def test_next_working_day(day):
    found = next_working_day(day)
    assert is_working_day(found) and found >= day
    assert all(not is_working_day(day + timedelta(days=i)) for i in range((found - day).days))


def test_age_in_years():
    assert age_in_years(date(2010, 11, 23), date(2026, 11, 23)) == 16
    assert age_in_years(date(2010, 11, 24), date(2026, 11, 23)) == 15
    assert age_in_years(date(2008, 2, 29), date(2026, 2, 28)) == 17
