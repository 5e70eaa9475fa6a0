from datetime import date

from everychild.core.clock import Clock, ClockStatus

FRIDAY = date(2026, 11, 20)


def test_running_due_today_and_overdue():
    clock = Clock.working_days(FRIDAY, 1)
    assert clock.due == date(2026, 11, 23)
    assert clock.status(FRIDAY) is ClockStatus.RUNNING
    assert clock.describe(FRIDAY) == "Due in 1 working day"
    assert clock.status(date(2026, 11, 23)) is ClockStatus.DUE_TODAY
    assert clock.is_overdue(date(2026, 11, 25))
    assert clock.overdue_by(date(2026, 11, 25)) == 2
    assert clock.describe(date(2026, 11, 25)) == "Overdue by 2 working days"


def test_a_weekend_does_not_make_work_late():
    clock = Clock.working_days(FRIDAY, 1)
    assert clock.status(date(2026, 11, 22)) is ClockStatus.RUNNING  # Sunday


def test_stopped_clocks():
    on_time = Clock.working_days(FRIDAY, 1, stopped=date(2026, 11, 23))
    late = Clock.working_days(FRIDAY, 1, stopped=date(2026, 11, 26))
    assert on_time.status() is ClockStatus.DONE_IN_TIME
    assert late.status() is ClockStatus.DONE_LATE
    assert late.overdue_by() == 3
    assert late.describe() == "Done 3 working days late"
    assert on_time.working_days_left() == 0
