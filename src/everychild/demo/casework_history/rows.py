"""The simulated cases as rows, the services' way: `CaseRows` holds what every kind of row
needs (the step's rows, who held the case when, key decisions, involvements) and writes
each case through the area modules (assessments, protection, need, notes, closure)."""

from bisect import bisect_right
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from everychild.casework.models import (
    Assessment,
    CaseNote,
    ChildInNeedPlan,
    ChildInNeedReview,
    ChildProtectionConference,
    ChildProtectionPlan,
    ConferenceMember,
    CoreGroupMeeting,
    KeyDecision,
    Section47Enquiry,
    StrategyDiscussion,
    Supervision,
    SupervisionAction,
    TransitionPlan,
)
from everychild.demo.casework_history import assessments, closure, notes, plans
from everychild.demo.casework_history.cases import Case, Segment
from everychild.demo.writer import (
    BoroughClock,
    ChronologyEntry,
    Involvement,
    InvolvementKind,
    Rows,
    Visibility,
    WorkingDays,
    bulk,
    update,
)
from everychild.frontdoor.models import Contact, Referral
from everychild.organisations.models import Staff
from everychild.workforce.models import Allocation

if TYPE_CHECKING:
    from everychild.demo.borough import Borough
    from everychild.demo.casework_history.teams import Staffing

# Parents before children.
ORDER = [
    Allocation,
    Involvement,
    Assessment,
    StrategyDiscussion,
    StrategyDiscussion.agencies.through,
    Section47Enquiry,
    ChildProtectionPlan,
    ChildProtectionConference,
    ConferenceMember,
    CoreGroupMeeting,
    ChildInNeedPlan,
    ChildInNeedReview,
    CaseNote,
    Supervision,
    SupervisionAction,
    KeyDecision,
    TransitionPlan,
    ChronologyEntry,
]


class CaseRows:
    """Turns simulated cases into rows. `iro_when_looked_after`: give a child who came into
    care an IRO here (the care step, whose cases these are not, gives them one itself)."""

    def __init__(
        self,
        b: "Borough",
        clock: BoroughClock,
        wd: WorkingDays,
        staffing: "Staffing",
        disabled: set[int],
        iro_when_looked_after: bool = True,
    ):
        self.b, self.rng, self.today = b, b.rng, b.today
        self.clock, self.wd, self.staffing, self.disabled = clock, wd, staffing, disabled
        self.iro_when_looked_after = iro_when_looked_after
        self.people = {p.pk: p for p in b.children}
        self.rows = Rows(b.ids)
        self.put = self.rows.put
        self.at = clock.on
        self.referral_updates: list[tuple] = []  # (closed on, reason, referral id)
        self.outcome_updates: list[tuple] = []  # (outcome, referral id), as authorised
        self.police_officer = b.accounts["police.officer"]
        self.cp_chair = b.accounts["cp.chair"]
        self.demo_school = b.organisations["demo_school"]

    # -- who held the case when
    def seg_at(self, case: Case, day: date) -> Segment:
        starts = [s.start for s in case.segs]
        return case.segs[max(0, bisect_right(starts, day) - 1)]

    def worker_at(self, case: Case, day: date) -> Staff | None:
        return self.seg_at(case, day).worker

    def manager_at(self, case: Case, day: date) -> Staff:
        return self.staffing.managers[self.seg_at(case, day).team]

    def chair(self, case: Case) -> Staff:
        if case.demo and case.force == "cp":
            return self.cp_chair  # the demo chair chairs the demo worker's conferences
        return self.rng.choice(self.staffing.chairs)

    # -- rows every area writes
    def entry(self, case, when, kind, summary, model, pk, by, visibility=Visibility.SOCIAL_CARE):
        self.rows.entry(case.child_id, when, kind, summary, model, pk, by, visibility)

    def record(self, model, case, when, kind, summary, by, /, **fields) -> int:
        """A row about the case's child and its chronology entry (see Rows.record)."""
        return self.rows.record(model, case.child_id, when, kind, summary, by, **fields)

    def involve(self, case, kind, staff, start, end) -> int:
        return self.rows.involvement(case.child_id, kind, start, end, staff_id=staff.pk)

    def decision(self, case, kind, model, pk, summary, by, at, manager, decided, details=None):
        """A key decision asked for by `by` at `at`, signed off by `manager` at `decided`
        (None: still waiting)."""
        if decided is not None:
            decided = self.clock.not_after_now(decided, at)
        self.rows.add(
            KeyDecision,
            child_id=case.child_id,
            kind=kind,
            subject_type_id=self.rows.content_type_id(model),
            subject_id=str(pk),
            summary=summary,
            details=details or {},
            requested_by_id=by.pk,
            requested_at=at,
            decided_by_id=manager.pk if decided else None,
            decided_at=decided,
            agreed=True if decided else None,
        )

    def pending(self, day: date) -> bool:
        """A decision asked for in the last couple of working days may still wait."""
        return day >= self.wd.add(self.today, -2) and self.rng.random() < 0.6

    def signed_off(self, asked: datetime, day: date, most_hours: int) -> datetime | None:
        """When a plan's start or end asked for on `day` was signed off (None: waiting)."""
        if self.pending(day):
            return None
        return asked + timedelta(hours=self.rng.randint(2, most_hours))

    def plan_decision(
        self, case, kind, model, pk, summary, by, day, hour, most_hours, details=None
    ):
        """A plan's start or end, asked for on `day` at `hour` and signed off within
        `most_hours` (or still waiting); when it was asked for."""
        asked = self.at(day, hour)
        manager = self.manager_at(case, day)
        decided = self.signed_off(asked, day, most_hours)
        self.decision(case, kind, model, pk, summary, by, asked, manager, decided, details)
        return asked

    # -- the whole lot
    def write(self, cases: list[Case], contacts: list[Contact], referrals: list[Referral]):
        """Every case's rows; `contacts` and `referrals`: the front-door records this step
        made for cases that had none."""
        for contact in contacts:
            closure.front_door_rows(self, contact, referrals)
        for case in cases:
            self._case(case)
        closure.transition_plan_rows(self, cases)
        bulk(Contact, contacts)
        bulk(Referral, referrals)
        self.rows.flush(ORDER)
        self.rows.written += len(contacts) + len(referrals)
        update(Referral, ["closed_on", "closure_reason"], self.referral_updates)
        # What each referral led to: its authorised assessment's recommendation.
        update(Referral, ["outcome"], self.outcome_updates)

    def _case(self, case: Case) -> None:
        assessments.allocation_rows(self, case)
        assessments.assessment_rows(self, case)
        for enquiry in case.enquiries:
            plans.enquiry_rows(self, case, enquiry)
        for plan in case.cins:
            plans.cin_plan_rows(self, case, plan)
        if case.looked_after and self.iro_when_looked_after:
            # Care planning is the care step's; the child's IRO is involved meanwhile.
            chair = self.rng.choice(self.staffing.chairs)
            end = None if case.closure_pending else case.closed_on
            self.involve(case, InvolvementKind.CONFERENCE_CHAIR, chair, case.looked_after, end)
        notes.notes_rows(self, case)
        notes.supervision_rows(self, case)
        closure.closure_rows(self, case)
