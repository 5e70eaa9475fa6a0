"""Run the suite at another instant: $EVERYCHILD_FROZEN_CLOCK (or `--frozen-clock`).

- `after-bank-holiday`: 00:05 in London on the first working day after an England bank
  holiday, the next such day after the real today (`make test` runs the non-browser suite
  a second time so). Just after midnight, "today" has only just begun, the UTC date is the
  day before while British Summer Time is in force, and the last working day was days ago.
- an ISO date and time, to replay a run: `2027-03-30T00:05` (London time unless an offset
  is given).

The clock is moved for the whole session of each pytest process (each xdist worker, and
its fixtures too) with time-machine, and it ticks: time goes on from that instant at its
real pace, as it does for the code in production, so no timestamp is ever equal to the
one before and nothing that measures a duration sees zero. A run of a few minutes stays
within the same few minutes after 00:05.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine

from everychild.core import calendar

ENV = "EVERYCHILD_FROZEN_CLOCK"
AFTER_BANK_HOLIDAY = "after-bank-holiday"
LONDON = ZoneInfo("Europe/London")
JUST_AFTER_MIDNIGHT = (0, 5)


@dataclass(frozen=True)
class Instant:
    at: datetime  # aware, in London
    why: str

    def describe(self) -> str:
        return (
            f"clock frozen (ticking) at {self.at:%H:%M} Europe/London on "
            f"{self.at:%A} {self.at.day} {self.at:%B %Y} ({self.at.isoformat()}){self.why}; "
            f"replay with {ENV}={self.at:%Y-%m-%dT%H:%M}"
        )


def first_working_day_after_a_bank_holiday(after: date) -> tuple[date, date]:
    """The first working day later than `after` whose run of days off before it includes a
    bank holiday, and that bank holiday (the latest, if there are two)."""
    day = after + timedelta(days=1)
    while True:
        if calendar.is_working_day(day):
            before = day - timedelta(days=1)
            while not calendar.is_working_day(before):
                if calendar.is_bank_holiday(before):
                    return day, before
                before -= timedelta(days=1)
        day += timedelta(days=1)


def resolve(value: str, today: date | None = None) -> Instant:
    """The instant that `value` names (see the module's docstring)."""
    value = value.strip()
    if value == AFTER_BANK_HOLIDAY:
        today = today or datetime.now(LONDON).date()
        day, holiday = first_working_day_after_a_bank_holiday(today)
        at = datetime(day.year, day.month, day.day, *JUST_AFTER_MIDNIGHT, tzinfo=LONDON)
        name = calendar.bank_holiday_name(holiday)
        return Instant(at, f", the first working day after {name} ({holiday:%A} {holiday:%d %B})")
    at = datetime.fromisoformat(value)
    at = at.replace(tzinfo=LONDON) if at.tzinfo is None else at.astimezone(LONDON)
    return Instant(at, "")


def travel(instant: Instant) -> time_machine.travel:
    """Start the clock at `instant`, ticking; the caller stops it."""
    traveller = time_machine.travel(instant.at, tick=True)
    traveller.start()
    return traveller
