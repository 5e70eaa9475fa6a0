"""The synthetic borough: a deterministic generator of an east London borough's children,
families, addresses, schools, GP practices, teams, staff and their involvement with the
children, for the demo, the tests and the benchmarks.

The same `seed` and `today` always give the same borough. The generator writes with bulk
inserts and explicit ids into an empty database (60,000 children take well under two
minutes on SQLite); it is not a service and writes no per-row audit, only one audit event
saying that the borough was generated.

Later issues add steps (service histories) by appending to `STEPS`: each step is a function
taking the `Borough` being built, in order, after the steps it depends on, and writing its
rows through demo.writer. A step may return a short note for its log line; a step that adds
children of its own says how many with an `adds_children(n_children)` attribute, so that
families_step makes that many fewer.
"""

import random
import time as clock
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from django.db import connection, models, transaction
from django.utils import timezone

from everychild.demo.accounts import (
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    DemoAccount,
    organisations_step,
    staff_step,
)
from everychild.demo.care_history import care_history_step
from everychild.demo.casework_history import casework_history_step
from everychild.demo.families import make_families
from everychild.demo.frontdoor_history import frontdoor_history_step
from everychild.demo.involvements import involvements_step
from everychild.demo.lado_history import lado_history_step
from everychild.demo.namer import Namer
from everychild.demo.writer import Ids, record_generation, reset_sequences
from everychild.organisations.models import Organisation, Staff, Team
from everychild.people.models import Person

# The demo accounts are listed by the `demo` command (and the tests sign in with them).
__all__ = ["DEMO_ACCOUNTS", "DEMO_PASSWORD", "STEPS", "Borough", "DemoAccount", "generate"]


@dataclass
class Borough:
    """What the steps build and share."""

    rng: random.Random
    namer: Namer
    today: date
    n_children: int
    organisations: dict[str, Organisation] = field(default_factory=dict)
    schools: list[Organisation] = field(default_factory=list)
    secondaries: list[Organisation] = field(default_factory=list)
    gp_practices: list[Organisation] = field(default_factory=list)
    teams: dict[str, Team] = field(default_factory=dict)
    staff_by_team: dict[str, list[Staff]] = field(default_factory=dict)
    accounts: dict[str, Staff] = field(default_factory=dict)
    school_leads: dict[int, Staff] = field(default_factory=dict)  # school id -> DSL
    children: list[Person] = field(default_factory=list)
    family_of: dict[int, int] = field(default_factory=dict)  # child id -> family number
    home_of: dict[int, int] = field(default_factory=dict)  # person id -> current address id
    school_of: dict[int, Organisation] = field(default_factory=dict)  # child id -> school
    ids: Ids = field(default_factory=Ids)

    def next_id(self, model: type[models.Model]) -> int:
        return self.ids.next(model)

    def at(self, day: date, hour: int = 9) -> datetime:
        return datetime.combine(day, time(hour, self.rng.randrange(60)), tzinfo=UTC)

    def days_ago(self, low: int, high: int) -> date:
        return self.today - timedelta(days=self.rng.randint(low, high))


def families_step(b: Borough) -> None:
    """Families, children, addresses, names and relationships: the borough's children, but
    for those the later steps add of their own (the front door's unverified records)."""
    in_families = b.n_children - sum(
        step.adds_children(b.n_children) for step in STEPS if hasattr(step, "adds_children")
    )
    make_families(b, in_families)


STEPS: list[Callable[[Borough], None]] = [
    organisations_step,
    staff_step,
    families_step,
    involvements_step,
    frontdoor_history_step,
    casework_history_step,
    lado_history_step,
    care_history_step,
]


@dataclass
class Summary:
    children: int
    people: int
    organisations: int
    staff: int
    seconds: float


def generate(*, children: int, seed: int, today: date | None = None, log=None) -> Summary:
    """Build the borough into an empty database, in one transaction."""
    if Person.objects.exists():
        raise RuntimeError("The database already holds people: generate into an empty one.")
    started = clock.monotonic()
    rng = random.Random(seed)
    borough = Borough(
        rng=rng, namer=Namer(rng, seed), today=today or timezone.localdate(), n_children=children
    )
    with transaction.atomic():
        for step in STEPS:
            step_started = clock.monotonic()
            note = step(borough)  # a step may return a line worth showing
            if log:
                log(
                    f"  {step.__name__.removesuffix('_step')}: "
                    f"{clock.monotonic() - step_started:.1f}s" + (f" ({note})" if note else "")
                )
        reset_sequences()
        record_generation(children=children, seed=seed, today=borough.today)
    with connection.cursor() as cursor:
        # Fresh statistics, or SQLite plans "id IN (...)" lookups by the kind index instead.
        cursor.execute("ANALYZE")
    return Summary(
        children=len(borough.children),
        people=Person.objects.count(),
        organisations=Organisation.objects.count(),
        staff=Staff.objects.count(),
        seconds=round(clock.monotonic() - started, 1),
    )
