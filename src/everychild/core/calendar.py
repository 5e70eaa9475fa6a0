"""The working-day calendar for England.

Every statutory timescale counts working days: Monday to Friday, less England's bank
holidays (substitute days included), as published and projected by the `holidays` package.
"""

from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[date]:
    # subdiv="ENG" gives England's list; observed=True adds the substitute days ("(observed)").
    return frozenset(holidays.UK(subdiv="ENG", years=year, observed=True).keys())


def is_bank_holiday(day: date) -> bool:
    return day in _bank_holidays(day.year)


def bank_holiday_name(day: date) -> str | None:
    return holidays.UK(subdiv="ENG", years=day.year, observed=True).get(day)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and not is_bank_holiday(day)


def next_working_day(day: date) -> date:
    """The first working day on or after `day`."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (before it, if `days` is negative).

    `start` itself never counts, whether or not it is a working day: a contact received on
    a Saturday with one working day to decide is due on Monday, as is one received on Friday.
    """
    step = 1 if days >= 0 else -1
    remaining = abs(days)
    day = start
    while remaining:
        day += timedelta(days=step)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end`; if `end` is earlier, minus the
    working days from `end` up to but excluding `start`.

    The inverse of `add_working_days`: working_days_between(d, add_working_days(d, n)) == n.
    """
    if end < start:
        one_day = timedelta(days=1)
        return -working_days_between(end - one_day, start - one_day)
    # Whole weeks contribute five weekdays each; walk only the remainder.
    total_days = (end - start).days
    weeks, rest = divmod(total_days, 7)
    count = weeks * 5
    day = start + timedelta(days=weeks * 7)
    for _ in range(rest):
        day += timedelta(days=1)
        if day.weekday() < 5:
            count += 1
    holidays_in_range = sum(
        1
        for year in range(start.year, end.year + 1)
        for holiday in _bank_holidays(year)
        if start < holiday <= end and holiday.weekday() < 5
    )
    return count - holidays_in_range


def age_in_years(born: date, on: date) -> int:
    """Whole years from `born` to `on` (a birthday on 29 February counts from 1 March)."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def span_in_words(started_on: date, ended_on: date | None) -> str:
    """'from 3 Jan 2024 to 5 Feb 2025', or 'since 3 Jan 2024' while it runs."""
    start = f"{started_on:%-d %b %Y}"
    return f"from {start} to {ended_on:%-d %b %Y}" if ended_on else f"since {start}"


def at(day: date, hour: int = 12) -> datetime:
    """A date as an aware date-time in local time (noon unless said): chronology entries and
    audit rows are timed, many statutory records are dated."""
    from django.utils import timezone

    return timezone.make_aware(datetime.combine(day, time(hour)))
