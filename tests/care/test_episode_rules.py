"""The SSDA903 episode rules hold whatever happens to a period of care (hypothesis).

Random sequences of legal status changes, moves (to the same or another carer, on the same
day as the last change or later, sometimes too early or in the future, sometimes with a
placement type that does not fit the carer) and leaving care are applied to a period. After
every step:

- an accepted write leaves `validate_period(period) == []`;
- what is stored matches a simple model of the child's care: the episodes are the days on
  which the (legal status, carer, placement type) in force changed, a later change on the
  same day replacing an earlier one, and a day whose changes cancel out leaving no episode;
  the placements are the same for (carer, placement type) alone;
- a refused write (DomainError) leaves the database exactly as it was, audit log and
  chronology included; and the model predicts which writes are refused.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from everychild.audit.models import AuditEvent
from everychild.care.models import CarerKind, PeriodOfCare
from everychild.care.services.episodes import (
    care_end,
    legal_status_change,
    placement_change,
    validate_period,
)
from everychild.chronology.models import ChronologyEntry
from everychild.core.codes import TEMPORARY_PLACEMENTS
from everychild.core.errors import DomainError
from tests.care.factories import CarerFactory, in_care
from tests.casework.helpers import pretend_today
from tests.factories import PersonFactory, involve

TODAY = date(2026, 11, 23)
STARTED = TODAY - timedelta(days=90)

STATUSES = ["C1", "C2", "E1", "V2", "L1"]
TYPES = ["U6", "U4", "T3", "K2", "P1"]  # K2 fits only the children's home; P1 fits no carer
DAYS = [-1, 0, 0, 0, 1, 2, 7, 30]  # after the current episode began (0: the same day)

steps = st.lists(
    st.one_of(
        st.tuples(st.just("status"), st.sampled_from(DAYS), st.sampled_from(STATUSES)),
        st.tuples(
            st.just("move"),
            st.sampled_from(DAYS),
            st.integers(0, 2),
            st.sampled_from(TYPES),
            st.sampled_from(["CARPL", "CHILD", ""]),
        ),
        st.tuples(
            st.just("end"), st.sampled_from(DAYS), st.sampled_from(["E4A", "E8", "X1", "E11"])
        ),
    ),
    min_size=1,
    max_size=14,
)


@dataclass
class Model:
    """The child's care as a timeline of (day, (legal status, carer, type)) changes."""

    timeline: list[tuple[date, tuple[str, int, str]]]
    ended_on: date | None = None
    reason: str = ""
    fits: dict[int, set[str]] = field(default_factory=dict)  # carer -> types refused

    @property
    def current_start(self) -> date:
        return self.timeline[-1][0]

    @property
    def state(self) -> tuple[str, int, str]:
        return self.timeline[-1][1]

    def before(self, on: date):
        """The state in force just before `on` (None on the day care began)."""
        if self.timeline[-1][0] < on:
            return self.timeline[-1][1]
        return self.timeline[-2][1] if len(self.timeline) > 1 else None

    def refuses_change(self, on: date) -> bool:
        return self.ended_on is not None or on < self.current_start or on > TODAY

    def apply(self, on: date, state) -> None:
        if self.timeline[-1][0] == on:
            self.timeline.pop()
        if not self.timeline or self.timeline[-1][1] != state:
            self.timeline.append((on, state))

    def episodes(self):
        return [(day, *state) for day, state in self.timeline]

    def reasons_new_episode(self) -> list[str]:
        """What each episode's RNE must be, worked out from the states alone."""
        reasons = ["S"]
        for (_, (ls0, carer0, type0)), (_, (ls1, carer1, type1)) in pairwise(self.timeline):
            moved, same_carer = (carer0, type0) != (carer1, type1), carer0 == carer1
            if not moved:
                reasons.append("L")
            elif ls0 != ls1:
                reasons.append("B" if same_carer else "U")
            else:
                reasons.append("T" if same_carer else "P")
        return reasons

    def placements(self):
        rows = []
        for day, (_, carer, kind) in self.timeline:
            if not rows or rows[-1][1:] != (carer, kind):
                rows.append((day, carer, kind))
        return rows


def _snapshot(period: PeriodOfCare):
    return (
        list(PeriodOfCare.objects.filter(pk=period.pk).values()),
        list(period.episodes.order_by("pk").values()),
        list(period.placements.order_by("pk").values()),
        AuditEvent.objects.count(),
        ChronologyEntry.objects.count(),
    )


def _stored(period: PeriodOfCare):
    episodes = [
        (e.started_on, e.legal_status, e.placement.carer_id, e.placement_type)
        for e in period.episodes.select_related("placement").order_by("started_on")
    ]
    placements = [
        (p.started_on, p.carer_id, p.placement_type)
        for p in period.placements.order_by("started_on")
    ]
    return episodes, placements


@pytest.fixture
def people(db, social_worker, team, monkeypatch):
    pretend_today(monkeypatch, TODAY)
    carers = [
        CarerFactory(name="In-house"),
        CarerFactory(name="Agency", kind=CarerKind.AGENCY_FOSTER, provider="PR4"),
        CarerFactory(name="Home", kind=CarerKind.CHILDRENS_HOME, urn="SC123456", provider="PR4"),
    ]
    return social_worker, team, carers


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=steps)
def test_random_changes_keep_the_903_episode_rules(people, steps):
    worker, team, carers = people
    with transaction.atomic():
        child = PersonFactory()
        involve(child, staff=worker, team=team)
        period = in_care(
            child, started_on=STARTED, legal_status="C2", placement_type="U6", carer=carers[0]
        )
        model = Model(timeline=[(STARTED, ("C2", carers[0].pk, "U6"))])
        assert validate_period(period) == []
        for step in steps:
            _step(period, worker, carers, model, step)
        transaction.set_rollback(True)


def _step(period, worker, carers, model: Model, step) -> None:
    kind, offset = step[0], step[1]
    on = model.current_start + timedelta(days=offset)
    if kind == "status":
        status = step[2]
        refused = model.refuses_change(on) or status == model.state[0]
        new_state = (status, *model.state[1:])

        def write():
            return legal_status_change(period=period, changed_by=worker, on=on, legal_status=status)

    elif kind == "move":
        carer, ptype, reason = carers[step[2]], step[3], step[4]
        new_state = (model.state[0], carer.pk, ptype)
        before = model.before(on)
        fits = ptype != "P1" and (ptype != "K2" or carer.kind == CarerKind.CHILDRENS_HOME)
        reason_needed = (
            before is not None
            and before[1:] != (carer.pk, ptype)
            and before[2] not in TEMPORARY_PLACEMENTS
            and ptype not in TEMPORARY_PLACEMENTS
        )
        refused = (
            model.refuses_change(on)
            or model.state[1:] == (carer.pk, ptype)
            or not fits
            or (reason_needed and not reason)
        )

        def write():
            return placement_change(
                period=period,
                changed_by=worker,
                on=on,
                carer=carer,
                placement_type=ptype,
                reason_for_change=reason,
            )

    else:
        reason = step[2]
        refused = model.refuses_change(on) or on == model.current_start or reason in {"X1", "E11"}
        new_state = None

        def write():
            return care_end(period=period, ended_by=worker, on=on, reason_ceased=reason)

    before_write = _snapshot(period)
    try:
        write()
    except DomainError as error:
        assert refused, f"{step} on {on} was refused: {error.message}"
        assert _snapshot(period) == before_write, f"{step} was refused but changed the database"
        return
    assert not refused, f"{step} on {on} was accepted but should have been refused"
    if new_state is None:
        model.ended_on, model.reason = on, step[2]
    else:
        model.apply(on, new_state)
    assert validate_period(period) == [], step
    episodes, placements = _stored(period)
    assert episodes == model.episodes(), step
    assert placements == model.placements(), step
    assert [
        e.reason_new_episode for e in period.episodes.order_by("started_on")
    ] == model.reasons_new_episode(), step
    period.refresh_from_db()
    assert (period.ended_on, period.reason_ceased) == (model.ended_on, model.reason)
