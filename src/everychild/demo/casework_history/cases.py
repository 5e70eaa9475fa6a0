"""A case as the casework step simulates it, before any row is written: from the referral,
the single assessment and what followed (strategy discussions, section 47 enquiries,
conferences, child protection and child in need plans, coming into care, closure), cut
short where the child's next referral came or at `today`."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from random import Random
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta

from everychild.casework.models import (
    Assessment,
    ConferenceOutcome,
    Recommendation,
    Section47Enquiry,
    Section47Outcome,
    StrategyDecision,
)
from everychild.core import calendar
from everychild.core.codes import CategoryOfAbuse
from everychild.demo.casework_history.text import END_CIN, END_CP
from everychild.demo.writer import WorkingDays
from everychild.organisations.models import Staff
from everychild.people.models import Person

if TYPE_CHECKING:
    from everychild.demo.borough import Borough

# ---- how cases go (shares are tuned so that 60,000 children give about 300 CP plans and
# 700-900 CIN plans open today) -----------------------------------------------------------

ASSESSMENT_IN_TIME = 0.80  # authorised within 45 working days
ASSESSMENT_OUTCOMES = {"nfa": 0.40, "early_help": 0.20, "cin": 0.37, "looked_after": 0.03}
ESCALATION_BASE, ESCALATIONSEVERITY = 0.10, 0.25  # a strategy discussion during assessment
STRATEGY_DECISIONS = {"s47": 0.82, "cin": 0.10, "nfa": 0.08}
CONTINUING_RISK = 0.38  # of section 47 enquiries: an initial conference follows
ICPC_IN_TIME = 0.78
ICPC_PLAN = 0.88  # of initial conferences: a child protection plan
REPEAT_BOOST = 0.25  # children who have had a plan before are likelier to have another
# After how many review conferences a CP plan ends: at 3, 9, 15, 21 or 27+ months.
PLAN_REVIEWS = ([1, 2, 3, 4, 5], [8, 45, 33, 9, 5])
AFTER_CP = {"cin": 0.60, "close": 0.20, "looked_after": 0.13, "moved": 0.07}
CIN_ESCALATION = 0.06  # a child in need plan that becomes a child protection case
CIN_REPLAN = 0.35  # the child in need plan after a CP plan: a new CP plan (a repeat)
CP_TRANSFER = 0.5  # CP cases transferred to a CIN and protection team after the ICPC
CIN_TRANSFER = 0.18  # CIN plans transferred from the assessment team to a CIN team
WORKER_CHANGES_PER_YEAR = 0.06  # changes of worker within a team (leaving, caseloads, ...)
STEP_DOWN_AFTER_PLAN = 0.15
STEP_DOWN_EARLY_HELP = 0.35  # of RC9 closures: a partner lead professional is named
PENDING_CLOSURE = 0.5  # closures in the last 3 working days still awaiting sign-off
UNALLOCATED = 0.35  # referrals in the last 3 working days still waiting for a worker
INTENSIVE_CHILDREN_PER_60K = 220  # long cases with many notes (long chronologies)
TARGET_CASELOAD = 20  # agency workers join teams whose caseloads would run above this
CP_VISIT_LATE = 0.08  # visits more than 10 working days after the last

SEVERITY = {
    "sexual_abuse": 0.75,
    "fgm": 0.7,
    "child_sexual_exploitation": 0.6,
    "physical_abuse": 0.45,
    "child_criminal_exploitation": 0.45,
    "radicalisation": 0.4,
    "domestic_abuse": 0.25,
    "neglect": 0.25,
    "missing": 0.2,
    "parental_substance_misuse": 0.2,
    "emotional_abuse": 0.2,
    "parental_mental_health": 0.15,
    "other": 0.06,
}
CATEGORY_FOR_NEED = {  # calls and emails carry no category: read it from the primary need
    "N1": (["neglect", "domestic_abuse", "physical_abuse", "emotional_abuse"], [4, 4, 2, 2]),
    "N3": (["parental_mental_health"], [1]),
    "N4": (["other", "missing"], [3, 1]),
    "N5": (["parental_substance_misuse"], [1]),
    "N6": (["radicalisation"], [1]),
}
THEME = {
    "neglect": "neglect",
    "physical_abuse": "physical",
    "emotional_abuse": "emotional",
    "sexual_abuse": "sexual",
    "domestic_abuse": "domestic",
    "child_sexual_exploitation": "exploitation",
    "child_criminal_exploitation": "exploitation",
    "missing": "exploitation",
    "parental_mental_health": "mental_health",
    "parental_substance_misuse": "substance",
    "radicalisation": "radicalisation",
    "fgm": "fgm",
    "other": "other",
}
# Category of abuse for a child protection plan, by the worry (neglect most common).
CP_CATEGORY = {
    "neglect": ([CategoryOfAbuse.NEGLECT, CategoryOfAbuse.EMOTIONAL], [9, 1]),
    "domestic_abuse": (
        [CategoryOfAbuse.EMOTIONAL, CategoryOfAbuse.NEGLECT, CategoryOfAbuse.PHYSICAL],
        [6, 3, 1],
    ),
    "physical_abuse": (
        [CategoryOfAbuse.PHYSICAL, CategoryOfAbuse.EMOTIONAL, CategoryOfAbuse.NEGLECT],
        [6, 2, 2],
    ),
    "emotional_abuse": ([CategoryOfAbuse.EMOTIONAL, CategoryOfAbuse.NEGLECT], [8, 2]),
    "sexual_abuse": ([CategoryOfAbuse.SEXUAL], [1]),
    "child_sexual_exploitation": ([CategoryOfAbuse.SEXUAL, CategoryOfAbuse.EMOTIONAL], [7, 3]),
    "child_criminal_exploitation": (
        [CategoryOfAbuse.NEGLECT, CategoryOfAbuse.EMOTIONAL, CategoryOfAbuse.PHYSICAL],
        [4, 4, 2],
    ),
    "missing": ([CategoryOfAbuse.NEGLECT, CategoryOfAbuse.EMOTIONAL], [6, 4]),
    "parental_mental_health": ([CategoryOfAbuse.NEGLECT, CategoryOfAbuse.EMOTIONAL], [7, 3]),
    "parental_substance_misuse": ([CategoryOfAbuse.NEGLECT, CategoryOfAbuse.EMOTIONAL], [8, 2]),
    "radicalisation": ([CategoryOfAbuse.EMOTIONAL], [1]),
    "fgm": ([CategoryOfAbuse.PHYSICAL], [1]),
    "other": ([CategoryOfAbuse.NEGLECT], [1]),
}


def age_band(person: Person, day: date) -> tuple[str, int]:
    """The child's age band on `day`, and their age in months."""
    born = person.date_of_birth
    if born is None or born > day:
        return "unborn", 0
    months = (day.year - born.year) * 12 + day.month - born.month - (day.day < born.day)
    if months < 24:
        return "baby", months
    if months < 84:
        return "little", months
    if months < 144:
        return "middle", months
    return "teen", months


def casework_days(today: date) -> WorkingDays:
    """The working days a case's dates are counted in."""
    return WorkingDays(today - timedelta(days=4 * 366), today + timedelta(days=5 * 366))


# ---- the single assessment's dates --------------------------------------------------------------


def assessment_start(rng: Random, wd: WorkingDays, d0: date, today: date):
    """When the assessment of a referral made on `d0` is due, starts and first sees the child."""
    due = Assessment.due_from(d0)
    start = max(d0, min(d0 + timedelta(days=rng.choice([0, 0, 1, 1, 1, 2, 3])), today))
    seen = wd.add(d0, rng.randint(1, 8))
    return due, start, seen


def assessment_end(rng: Random, wd: WorkingDays, start: date, due: date, seen: date):
    """When it is authorised (most within the 45 working days, a fifth late), and submitted
    a few working days before that."""
    due_index = wd.after(due) - 1
    if rng.random() < ASSESSMENT_IN_TIME:
        low = max(wd.after(start) + 3, due_index - 32)
        authorised = wd.days[rng.randint(min(low, due_index), due_index)]
    else:
        authorised = wd.days[due_index + rng.randint(1, 25)]
    submitted = max(wd.add(authorised, -rng.randint(0, 3)), seen, start)
    return authorised, submitted


# ---- the simulated case ------------------------------------------------------------------------


@dataclass
class Segment:
    """One allocation: a kind of team (assessment, cin, disabled, care) and later a worker."""

    start: date
    kind: str
    reason: str = ""
    team: str = ""
    worker: Staff | None = None
    end: date | None = None
    id: int = 0


@dataclass
class ProtectionPlan:
    start: date
    category: str
    reviews: list = field(default_factory=list)  # (held_on, outcome, category)
    end: date | None = None
    end_reason: str = ""
    chair: Staff | None = None
    members: list = field(default_factory=list)  # (staff, from_on, to_on)
    core_groups: list = field(default_factory=list)
    previous: "ProtectionPlan | None" = None
    last_visit: date | None = None  # for the demo worker's cases: when the last visit was
    id: int = 0


@dataclass
class Enquiry:
    held_on: date
    decision: str
    completed_on: date | None = None
    outcome: str = ""
    icpc_needed: bool | None = None
    icpc_due: date | None = None
    icpc_on: date | None = None
    icpc_outcome: str = ""
    plan: ProtectionPlan | None = None
    chair: Staff | None = None
    id: int = 0


@dataclass
class NeedPlan:
    start: date
    end: date | None
    reviews: list = field(default_factory=list)
    end_reason: str = ""
    id: int = 0


@dataclass
class Case:
    referral_id: int
    child_id: int
    d0: date
    category: str
    strategy_contact: bool
    limit: date | None  # the day before the child's next referral: closed by then
    alloc_start: date
    force: str = ""
    a_start: date | None = None
    a_due: date | None = None
    a_seen: date | None = None
    a_auth: date | None = None
    a_submitted: date | None = None
    recommendation: str = ""
    enquiries: list = field(default_factory=list)
    cins: list = field(default_factory=list)
    looked_after: date | None = None
    closed_on: date | None = None
    reason: str = ""
    lead: Staff | None = None
    closure_pending: bool = False
    unallocated: bool = False
    segs: list = field(default_factory=list)
    assessment_team: str = ""
    cin_team: str = ""
    care_team: str = ""
    demo: bool = False
    visit_cap: date | None = None  # the demo's CP visits: none after this day
    intensive: bool = False
    assessment_id: int = 0

    @property
    def theme(self) -> str:
        return THEME[self.category]

    def plans(self) -> list[ProtectionPlan]:
        return [e.plan for e in self.enquiries if e.plan]

    def last_activity(self) -> date:
        days = [self.d0, self.a_start, self.a_auth]
        for e in self.enquiries:
            days += [e.held_on, e.completed_on, e.icpc_on]
            if e.plan:
                days += [e.plan.start, e.plan.end]
        for q in self.cins:
            days += [q.start, q.end]
        days.append(self.looked_after)
        return max(d for d in days if d)


class Simulator:
    def __init__(self, b: "Borough", wd: WorkingDays, disabled: set[int]):
        self.b, self.rng, self.wd, self.today = b, b.rng, wd, b.today
        self.disabled = disabled
        self.far = b.today + timedelta(days=3 * 365)

    # -- helpers
    def _wd(self, day: date, low: int, high: int) -> date:
        return self.wd.add(day, self.rng.randint(low, high))

    def _months(self, day: date, months: int) -> date:
        return day + relativedelta(months=months)

    def _choice(self, weights: dict) -> str:
        return self.rng.choices(list(weights), list(weights.values()))[0]

    # -- the trajectory, uncut
    def run(self, case: Case, had_plan: bool) -> None:
        rng, wd = self.rng, self.wd
        case.a_due, case.a_start, case.a_seen = assessment_start(rng, wd, case.d0, self.today)
        case.assessment_team = rng.choice(["assessment_1", "assessment_2"])
        case.segs = [Segment(case.alloc_start, "assessment")]
        case.a_auth, case.a_submitted = assessment_end(
            rng, wd, case.a_start, case.a_due, case.a_seen
        )
        force = case.force
        if force.startswith("assessment"):
            case.a_auth = case.a_submitted = self.far
            if force == "assessment_submitted":
                case.a_submitted = wd.add(self.today, -rng.randint(1, 2))
            return
        severity = SEVERITY[case.category] + (REPEAT_BOOST if had_plan else 0)
        escalate = rng.random() < ESCALATION_BASE + ESCALATIONSEVERITY * severity
        if force == "cp" or case.strategy_contact:
            held = case.d0 if calendar.is_working_day(case.d0) and rng.random() < 0.6 else None
            held = held or self._wd(case.d0, 1, 2)
            self._enquiry(case, held, had_plan, after=case.a_auth)
            return
        if force in {"cin", "open", "closing"}:
            self._cin_phase(case, case.a_auth + timedelta(days=rng.randint(0, 10)))
            case.recommendation = Recommendation.CHILD_IN_NEED
            return
        if escalate:
            held = min(self._wd(case.a_start, 2, 20), case.a_auth)
            self._enquiry(case, held, had_plan, after=case.a_auth)
            return
        outcome = self._choice(ASSESSMENT_OUTCOMES)
        self._after_assessment(case, outcome)

    def _after_assessment(self, case: Case, outcome: str) -> None:
        rng, start = self.rng, case.a_auth
        if outcome == "cin":
            case.recommendation = Recommendation.CHILD_IN_NEED
            self._cin_phase(case, start + timedelta(days=rng.randint(0, 10)))
        elif outcome == "looked_after":
            case.recommendation = Recommendation.LOOKED_AFTER
            self._looked_after(case, start + timedelta(days=rng.randint(0, 20)))
        else:
            case.recommendation = (
                Recommendation.NO_FURTHER_ACTION if outcome == "nfa" else Recommendation.EARLY_HELP
            )
            self._close(case, "RC8" if outcome == "nfa" else "RC9")

    def _enquiry(self, case: Case, held: date, had_plan: bool, after: date) -> None:
        """A strategy discussion and what follows it; `after`: when the assessment ends."""
        rng, wd = self.rng, self.wd
        forced = case.force == "cp"
        decision = StrategyDecision.SECTION_47 if forced else self._choice(STRATEGY_DECISIONS)
        enquiry = Enquiry(held, decision)
        case.enquiries.append(enquiry)
        if decision != StrategyDecision.SECTION_47:
            if decision == StrategyDecision.NO_S47_CHILD_IN_NEED:
                self._after_assessment(case, "cin")
            else:
                self._after_assessment(case, self.rng.choice(["nfa", "nfa", "early_help"]))
            return
        enquiry.icpc_due = Section47Enquiry.icpc_due_from(held)
        risk = CONTINUING_RISK + (REPEAT_BOOST if had_plan else 0.0)
        if case.limit and (case.limit - held).days < 240:
            risk /= 4  # a plan would be cut short by the next referral: rarely one at all
        if forced or rng.random() < risk:
            due_index = wd.after(enquiry.icpc_due) - 1
            if forced or rng.random() < ICPC_IN_TIME:
                on = wd.days[rng.randint(wd.after(held) + 6, due_index)]
            else:
                on = wd.days[due_index + rng.randint(1, 12)]
            enquiry.icpc_on = on
            enquiry.completed_on = wd.days[rng.randint(wd.after(held) + 2, wd.after(on) - 2)]
            enquiry.outcome, enquiry.icpc_needed = Section47Outcome.CONTINUING_RISK, True
            if forced or rng.random() < ICPC_PLAN + (0.05 if had_plan else 0):
                enquiry.icpc_outcome = ConferenceOutcome.PLAN
                case.recommendation = Recommendation.STRATEGY_DISCUSSION
                self._cp_phase(case, enquiry)
            else:
                enquiry.icpc_outcome = ConferenceOutcome.NO_PLAN
                case.recommendation = Recommendation.CHILD_IN_NEED
                self._cin_phase(case, max(on, after) + timedelta(days=rng.randint(0, 10)))
            return
        enquiry.completed_on = self._wd(held, 4, 15)
        enquiry.icpc_needed = False
        if rng.random() < 0.45:
            enquiry.outcome = Section47Outcome.SUBSTANTIATED_NO_RISK
            to_cin = 0.65
        else:
            enquiry.outcome = Section47Outcome.NOT_SUBSTANTIATED
            to_cin = 0.2
        self._after_assessment(
            case, "cin" if rng.random() < to_cin else rng.choice(["nfa", "nfa", "early_help"])
        )

    def _cp_phase(self, case: Case, enquiry: Enquiry) -> None:
        rng = self.rng
        start = enquiry.icpc_on
        category = rng.choices(*CP_CATEGORY[case.category])[0]
        if rng.random() < 0.02:
            category = CategoryOfAbuse.MULTIPLE
        plan = ProtectionPlan(start=start, category=category)
        enquiry.plan = plan
        # Most go to a CIN and protection team after the initial conference.
        if rng.random() < CP_TRANSFER or case.force == "cp":
            case.segs.append(Segment(start + timedelta(days=rng.randint(0, 10)), "cin", "TSPROC"))
        ends_at = rng.choices(*PLAN_REVIEWS)[0]
        if case.force == "cp":
            ends_at = 99
        held, latest = start, category
        for n in range(1, 60):
            due = self._months(start, 3) if n == 1 else self._months(held, 6)
            late = rng.random() < (0.12 if n == 1 else 0.08)
            held = (
                due + timedelta(days=rng.randint(1, 25))
                if late
                else due - timedelta(days=rng.randint(0, 14))
            )
            if rng.random() < 0.05:
                latest = rng.choice(
                    [CategoryOfAbuse.NEGLECT, CategoryOfAbuse.EMOTIONAL, CategoryOfAbuse.MULTIPLE]
                )
            ending = n >= ends_at
            plan.reviews.append(
                (held, ConferenceOutcome.END if ending else ConferenceOutcome.CONTINUE, latest)
            )
            if ending or held > self.far:
                break
        plan.end = held
        meeting = self._wd(start, 5, 10)
        while meeting < plan.end:
            plan.core_groups.append(meeting)
            meeting = self._wd(meeting, 20, 30)
        after = self._choice(AFTER_CP)
        if after == "cin":
            plan.end_reason = END_CP[rng.choice([0, 0, 1])]
            self._cin_phase(case, plan.end, after_cp=True)
        elif after == "looked_after":
            plan.end_reason = END_CP[2]
            self._looked_after(case, plan.end)
        elif after == "moved":
            plan.end_reason = END_CP[3]
            self._close(case, "RC5")
        else:
            plan.end_reason = END_CP[1]
            self._close(case, "RC7")

    def _cin_phase(self, case: Case, start: date, after_cp: bool = False) -> None:
        rng = self.rng
        disabled = case.child_id in self.disabled and not case.demo
        if disabled:
            months = rng.triangular(6, 30, 14)
        elif after_cp:
            months = rng.triangular(3, 9, 5)
        else:
            months = rng.triangular(3, 15, 6)
        end = start + timedelta(days=int(months * 30.4))
        if case.force in {"cin", "open"}:
            end = self.far
        elif case.force == "closing":
            end = self.today - timedelta(days=rng.randint(5, 15))
            start = min(start, end - timedelta(days=40))
        plan = NeedPlan(start, end, end_reason=rng.choice(END_CIN[:2]))
        case.cins.append(plan)
        if not after_cp:
            if disabled:
                case.segs.append(
                    Segment(start + timedelta(days=rng.randint(0, 10)), "disabled", "TSPROC")
                )
            elif rng.random() < CIN_TRANSFER:
                case.segs.append(
                    Segment(start + timedelta(days=rng.randint(0, 15)), "cin", "TSPROC")
                )
        review = start
        while True:
            gap = rng.randint(60, 91) if rng.random() < 0.88 else rng.randint(93, 125)
            review = review + timedelta(days=gap)
            if review >= end:
                break
            plan.reviews.append(review)
        escalation = CIN_REPLAN if after_cp else CIN_ESCALATION
        if not case.force and rng.random() < escalation and months > 2 and start < self.today:
            held = start + timedelta(days=rng.randint(20, max(21, int(months * 30) - 20)))
            if held < end:
                enquiry = Enquiry(held, StrategyDecision.SECTION_47)
                enquiry.icpc_due = Section47Enquiry.icpc_due_from(held)
                enquiry.icpc_on = self._wd(held, 7, 15)
                enquiry.completed_on = self.wd.days[
                    rng.randint(self.wd.after(held) + 2, self.wd.after(enquiry.icpc_on) - 2)
                ]
                enquiry.outcome, enquiry.icpc_needed = Section47Outcome.CONTINUING_RISK, True
                enquiry.icpc_outcome = ConferenceOutcome.PLAN
                plan.end, plan.end_reason = enquiry.icpc_on, "A child protection plan started."
                plan.reviews = [r for r in plan.reviews if r < plan.end]
                case.enquiries.append(enquiry)
                self._cp_phase(case, enquiry)
                return
        if not case.force or case.force == "closing":
            self._close(case, "RC5" if plan.end_reason == END_CIN[2] else "RC7")

    def _looked_after(self, case: Case, start: date) -> None:
        case.looked_after = start
        case.care_team = self.rng.choice(["care_1", "care_2"])
        case.segs.append(Segment(start + timedelta(days=self.rng.randint(0, 5)), "care", "TSPROC"))

    def _close(self, case: Case, reason: str) -> None:
        rng = self.rng
        day = case.last_activity() + timedelta(days=rng.randint(0, 14))
        if case.force == "closing":
            day = case.last_activity() + timedelta(days=rng.randint(0, 3))
            day = min(self.today, day)
        case.closed_on, case.reason = day, reason
        if reason == "RC9":
            case.lead = "early_help" if rng.random() < STEP_DOWN_EARLY_HELP else None
        elif reason == "RC7" and rng.random() < STEP_DOWN_AFTER_PLAN:
            case.lead = "after_plan"

    # -- what happened by the time the next referral came, or by today
    def cut(self, case: Case) -> None:
        """What had happened by the day before the next referral (`horizon`: the case closed
        by then), or by today."""
        horizon = case.limit is not None and case.limit < self.today
        stop = case.limit if horizon else self.today
        if horizon:
            if case.closed_on and case.closed_on <= stop:
                return
            # The case closed before the next referral: stop it a few days before.
            stop = max(case.d0, stop - timedelta(days=self.rng.randint(0, 3)))
        self._cut_assessment(case, stop, horizon)
        case.enquiries = [e for e in case.enquiries if e.held_on <= stop]
        for enquiry in case.enquiries:
            self._cut_enquiry(enquiry, stop, horizon)
        case.cins = [q for q in case.cins if q.start <= stop]
        for plan in case.cins:
            plan.reviews = [r for r in plan.reviews if r <= stop]
            if plan.end and plan.end > stop:
                plan.end = stop if horizon else None
        if case.looked_after and case.looked_after > stop:
            case.looked_after = None
        case.segs = [s for s in case.segs if s.start <= stop]
        self._cut_closure(case, stop, horizon)

    def _cut_assessment(self, case: Case, stop: date, horizon: bool) -> None:
        case.alloc_start = min(case.alloc_start, stop)
        case.segs[0].start = case.alloc_start
        case.a_start = min(case.a_start, stop)
        if case.a_seen and case.a_seen > stop:
            case.a_seen = max(case.a_start, stop) if horizon else None
        if case.a_auth and case.a_auth > stop:
            if horizon:
                case.a_auth = stop
                case.a_submitted = min(case.a_submitted, stop)
                case.a_seen = case.a_seen or stop
            else:
                case.a_auth = None
                if case.a_submitted and case.a_submitted > stop:
                    case.a_submitted = None

    def _cut_enquiry(self, e: Enquiry, stop: date, horizon: bool) -> None:
        if e.completed_on and e.completed_on > stop:
            if horizon:
                e.completed_on = stop
                if e.outcome == Section47Outcome.CONTINUING_RISK and (
                    e.icpc_on is None or e.icpc_on > stop
                ):
                    e.outcome, e.icpc_needed = Section47Outcome.SUBSTANTIATED_NO_RISK, False
            else:
                e.completed_on, e.outcome, e.icpc_needed = None, "", None
        if e.icpc_on and e.icpc_on > stop:
            e.icpc_on, e.icpc_outcome, e.plan = None, "", None
        plan = e.plan
        if plan is None:
            return
        plan.reviews = [r for r in plan.reviews if r[0] <= stop]
        plan.core_groups = [d for d in plan.core_groups if d <= stop]
        if plan.end and plan.end > stop:
            if not horizon:
                plan.end, plan.end_reason = None, ""
            elif stop > plan.start:
                latest = plan.reviews[-1][2] if plan.reviews else plan.category
                if plan.reviews and plan.reviews[-1][0] == stop:
                    plan.reviews.pop()  # the review that day ended the plan
                plan.reviews.append((stop, ConferenceOutcome.END, latest))
                plan.end, plan.end_reason = stop, END_CP[1]
            else:
                e.plan, e.icpc_outcome = None, ConferenceOutcome.NO_PLAN

    def _cut_closure(self, case: Case, stop: date, horizon: bool) -> None:
        if case.closed_on and case.closed_on > stop:
            if horizon:
                case.closed_on = max(stop, case.last_activity())
                case.reason = "RC7" if case.cins or case.plans() else "RC8"
                case.lead = None
            else:
                case.closed_on, case.reason, case.lead = None, "", None
        elif horizon and case.closed_on is None:
            case.closed_on = max(stop, case.last_activity())
            case.reason = "RC7" if case.cins or case.plans() or case.looked_after else "RC8"
        if case.looked_after and case.closed_on:
            case.reason = "RC7"
        case.recommendation = self._recommendation(case)
        # A closure in the last few working days may still wait for the manager.
        if not horizon and case.closed_on:
            recent = case.closed_on >= self.wd.add(self.today, -3)
            if case.force == "closing" or (recent and self.rng.random() < PENDING_CLOSURE):
                case.closure_pending = True

    @staticmethod
    def _recommendation(case: Case) -> str:
        """The recommendation follows what happened (an open assessment has none yet)."""
        if case.a_auth is None and case.a_submitted is None:
            return ""
        if case.plans():
            return Recommendation.STRATEGY_DISCUSSION
        if case.looked_after:
            return Recommendation.LOOKED_AFTER
        if case.cins:
            return Recommendation.CHILD_IN_NEED
        if case.reason == "RC9":
            return Recommendation.EARLY_HELP
        return Recommendation.NO_FURTHER_ACTION
