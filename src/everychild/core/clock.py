"""Statutory clocks: when a piece of work started, when it is due, and whether it is late."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from django.utils import timezone

from everychild.core import calendar


class ClockStatus(StrEnum):
    RUNNING = "running"
    DUE_TODAY = "due today"
    OVERDUE = "overdue"
    DONE_IN_TIME = "done in time"
    DONE_LATE = "done late"


@dataclass(frozen=True)
class Clock:
    """A timescale: started on one date, due on another, stopped when the work is done.

    Build one with `Clock.working_days(started, n)` or `Clock.calendar(started, due)`.
    """

    started: date
    due: date
    stopped: date | None = None

    @classmethod
    def working_days(cls, started: date, days: int, stopped: date | None = None) -> "Clock":
        return cls(started=started, due=calendar.add_working_days(started, days), stopped=stopped)

    def status(self, today: date | None = None) -> ClockStatus:
        if self.stopped is not None:
            return ClockStatus.DONE_IN_TIME if self.stopped <= self.due else ClockStatus.DONE_LATE
        today = today or timezone.localdate()
        if today > self.due:
            return ClockStatus.OVERDUE
        if today == self.due:
            return ClockStatus.DUE_TODAY
        return ClockStatus.RUNNING

    def is_overdue(self, today: date | None = None) -> bool:
        return self.status(today) is ClockStatus.OVERDUE

    def overdue_by(self, today: date | None = None) -> int:
        """Working days past the due date (0 if not late); for a stopped clock, how late it was."""
        end = self.stopped or today or timezone.localdate()
        return max(0, calendar.working_days_between(self.due, end))

    def working_days_left(self, today: date | None = None) -> int:
        """Working days from today to the due date (0 once due or stopped)."""
        if self.stopped is not None:
            return 0
        today = today or timezone.localdate()
        return max(0, calendar.working_days_between(today, self.due))

    def describe(self, today: date | None = None) -> str:
        """Plain words for a worker: 'Due in 3 working days', 'Overdue by 2 working days'."""
        status = self.status(today)
        if status is ClockStatus.OVERDUE:
            return f"Overdue by {_days(self.overdue_by(today))}"
        if status is ClockStatus.DUE_TODAY:
            return "Due today"
        if status is ClockStatus.RUNNING:
            return f"Due in {_days(self.working_days_left(today))}"
        if status is ClockStatus.DONE_LATE:
            return f"Done {_days(self.overdue_by())} late"
        return "Done in time"


def _days(n: int) -> str:
    return f"{n} working day" if n == 1 else f"{n} working days"
