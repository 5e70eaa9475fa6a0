"""Builders for the LADO tests."""

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from everychild.core.calendar import add_working_days
from everychild.demo import borough as demo
from everychild.demo.lado_history import lado_history_step
from everychild.demo.namer import Namer
from everychild.lado import services
from everychild.lado.models import Allegation

DESCRIPTION = (
    "A pupil told her teaching assistant that Mr Holloway grabbed her arm hard enough to "
    "leave a bruise when she would not sit down. The TA saw the mark."
)
DEMO_TODAY = date(2026, 11, 23)  # a Monday
BASIS = "Two pupils and the teaching assistant gave consistent accounts; CCTV corroborates."


def today() -> date:
    return timezone.localdate()


def days_ago(n: int) -> date:
    return today() - timedelta(days=n)


def working_days_ago(n: int) -> date:
    """`n` working days before today: a one-working-day clock started then is overdue on
    any date (five calendar days before the 29th of December is not)."""
    return add_working_days(today(), -n)


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    """An aware datetime in London on `day`."""
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def receive(lado, subject, **overrides) -> Allegation:
    """An allegation about `subject` (a Person, or a services.Subject), received by `lado`."""
    if not isinstance(subject, services.Subject):
        subject = services.Subject(person=subject)
    fields = {
        "recorded_by": lado,
        "subject": subject,
        "subject_role": "Class teacher",
        "sector": "education",
        "kinds": ["harm"],
        "description": DESCRIPTION,
        "referred_by": "Ann Lee, designated safeguarding lead",
        "referrer_sector": "education",
        "employer_name": "Canal Primary School",
        "received_at": at(days_ago(5)),
    }
    return services.allegation_receive(**(fields | overrides))


def considered(allegation, lado, decision="met") -> Allegation:
    return services.initial_consideration(
        allegation=allegation,
        decided_by=lado,
        decision=decision,
        rationale="The harm test is met: a bruise seen by a member of staff.",
    )


def resolve(allegation, lado, outcome_on: date | None, **overrides) -> Allegation:
    fields = {
        "allegation": allegation,
        "recorded_by": lado,
        "outcome": "substantiated",
        "outcome_on": outcome_on,
        "basis": BASIS,
        "consequences": ["dismissal", "dbs"],
    }
    return services.outcome_record(**(fields | overrides))


def build(*, children: int, seed: int, n_children: int | None = None):
    """A borough of `children` with the LADO's history as if it had `n_children`."""
    rng = random.Random(seed)
    b = demo.Borough(rng=rng, namer=Namer(rng, seed), today=DEMO_TODAY, n_children=children)
    with transaction.atomic():
        for step in (demo.organisations_step, demo.staff_step, demo.families_step):
            step(b)
        b.n_children = n_children or children
        note = lado_history_step(b)
    return b, note
