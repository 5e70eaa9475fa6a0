"""What the care step's areas share: `CareHistory` holds the borough, the step's rows and
clocks, the periods of care, the carers and the staff, and says who held a child's case on a
day (the social worker who wrote a record, or one of the children in care team's)."""

from collections import defaultdict
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta

from everychild.care.models import (
    Adoption,
    CareEpisode,
    CareLeaver,
    CareLeaverContact,
    Carer,
    EducationPlan,
    HealthAssessment,
    IROChallenge,
    LookedAfterReview,
    MissingEpisode,
    PathwayPlanReview,
    PeriodOfCare,
    PermanencePlan,
    Placement,
    ReturnInterview,
)
from everychild.casework.models import CaseNote
from everychild.demo.care_history.carers import Carers
from everychild.demo.care_history.periods import FAR, Period, PeriodSimulator
from everychild.demo.chance import pick
from everychild.demo.writer import (
    LONDON,
    BoroughClock,
    ChronologyEntry,
    Involvement,
    RecordRestriction,
    Rows,
    WorkingDays,
    bulk,
    update,
)
from everychild.organisations.models import Staff, TeamMembership
from everychild.organisations.roles import Role
from everychild.people.models import Address
from everychild.workforce.models import Allocation

YEARS = 3  # the front door's history: the borough's own children come into care within it

# Parents before children.
ORDER = [
    Carer,
    PeriodOfCare,
    Placement,
    CareEpisode,
    LookedAfterReview,
    IROChallenge,
    HealthAssessment,
    EducationPlan,
    PermanencePlan,
    Adoption,
    MissingEpisode,
    ReturnInterview,
    CareLeaver,
    PathwayPlanReview,
    CareLeaverContact,
    Involvement,
    CaseNote,
]


def long_date(day: date) -> str:
    return f"{day:%-d %B %Y}"


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def moment_words(when: datetime) -> str:
    local = when.astimezone(LONDON)
    return f"{local:%H:%M} on {local.day} {local:%B %Y}"


class CareHistory:
    def __init__(self, b):
        self.b, self.rng, self.today = b, b.rng, b.today
        self.clock = BoroughClock(b.today, b.rng)
        self.window_start = b.today - relativedelta(years=YEARS) + timedelta(days=14)
        # Working days back to the oldest care leaver's childhood.
        self.wd = WorkingDays(b.today - timedelta(days=23 * 366), b.today + timedelta(days=3 * 366))
        self.rows = Rows(b.ids)
        self.put, self.entry = self.rows.put, self.rows.entry
        self.at = self.clock.on
        self.restrictions: list[dict] = []  # sealed adoption records
        self.periods: list[Period] = []
        self.carers = Carers(b)
        self.simulator = PeriodSimulator(b, self.carers)
        self.people = {p.pk: p for p in b.children}
        self.updates: list[tuple] = []  # (involvement pk, ended_on) for the casework's IROs
        self.counts: dict[str, int] = defaultdict(int)
        self.addresses: dict[int, str] = {}
        self._load_staff()

    def _load_staff(self) -> None:
        b = self.b
        social = {
            k: [s for s in v if s.role == Role.SOCIAL_WORKER] for k, v in b.staff_by_team.items()
        }
        self.care_workers = social["care_1"] + social["care_2"]
        self.chairs = [s for s in b.staff_by_team["reviewing"] if s.role == Role.CONFERENCE_CHAIR]
        self.rhi_workers = social["early_help"] or self.care_workers
        self.advisers = [
            s for s in b.staff_by_team["leaving_care"] if s.role == Role.PERSONAL_ADVISER
        ]
        self.mash_workers = [s for s in b.staff_by_team["mash"] if s.role == Role.MASH]
        manager_ids = set(
            TeamMembership.objects.filter(team=b.teams["mash"], is_manager=True).values_list(
                "staff_id", flat=True
            )
        )
        self.mash_manager = next(s for s in b.staff_by_team["mash"] if s.pk in manager_ids)
        self.staff_by_pk = {s.pk: s for members in b.staff_by_team.values() for s in members}
        self.staff_by_pk.update({s.pk: s for s in b.accounts.values()})
        self.cp_chair = b.accounts["cp.chair"]

    # -- helpers
    def pick(self, weights: dict) -> str:
        return pick(self.rng, weights)

    def between(self, low: date, high: date) -> date:
        if high <= low:
            return low
        return low + timedelta(days=self.rng.randint(0, (high - low).days))

    def held_by(self, after: date, due: date, window: int, on_time: float, late: int) -> date:
        """When something due on `due` was done: with chance `on_time`, in the `window` days
        before it (and after `after`); otherwise 1 to `late` days late."""
        if self.rng.random() < on_time:
            return self.between(max(after + timedelta(days=1), due - timedelta(days=window)), due)
        return due + timedelta(days=self.rng.randint(1, late))

    def period_record(self, model, period: Period, day, hour, kind, summary, by, /, **fields):
        """A record of the child's period of care, and its chronology entry at `hour` on
        `day`; the record's id."""
        when = self.at(day, hour)
        child = period.child.pk
        return self.rows.record(
            model, child, when, kind, summary, by, period_id=period.id, **fields
        )

    def until(self, period: Period) -> date:
        """The last day of the period so far."""
        return min(period.end or FAR, self.today)

    def postcodes(self, child_ids) -> dict[int, str]:
        """The children's home postcodes."""
        wanted = {self.b.home_of[c] for c in child_ids if c in self.b.home_of}
        wanted -= set(self.addresses)
        if wanted:
            self.addresses.update(
                Address.objects.filter(pk__in=sorted(wanted)).values_list("pk", "postcode")
            )
        return {
            c: self.addresses.get(self.b.home_of.get(c), "")
            for c in child_ids
            if c in self.b.home_of
        }

    # -- who held the case when
    def load_timelines(self) -> None:
        """Each child's allocations (worker from, to), for who wrote what when."""
        children = sorted({p.child.pk for p in self.periods if p.source != "historic"})
        self.allocations: dict[int, list[tuple]] = defaultdict(list)
        for child_id, started, ended, worker_id, team_id in (
            Allocation.objects.filter(child_id__in=children)
            .order_by("child_id", "started_on", "pk")
            .values_list("child_id", "started_on", "ended_on", "worker_id", "team_id")
        ):
            self.allocations[child_id].append((started, ended or FAR, worker_id, team_id))
        self.managers = {
            t.pk: next(
                (s for s in self.b.staff_by_team.get(k, []) if s.role == Role.TEAM_MANAGER), None
            )
            for k, t in self.b.teams.items()
        }

    def worker_at(self, period: Period, day: date) -> Staff | None:
        if period.worker is not None:
            return period.worker
        rows = self.allocations.get(period.child.pk, [])
        for started, ended, worker_id, team_id in reversed(rows):
            if started <= day <= ended:
                worker = self.staff_by_pk.get(worker_id) if worker_id else None
                return worker or self.managers.get(team_id)
        nearest = [r for r in rows if r[0] <= day] or rows[:1]
        if nearest:
            return self.staff_by_pk.get(nearest[-1][2]) or self.managers.get(nearest[-1][3])
        return None

    def by_at(self, period: Period, day: date) -> Staff:
        return self.worker_at(period, day) or self.rng.choice(self.care_workers)

    # -- out to the database
    def flush(self) -> None:
        self.carers.rows(self.rows)
        self.rows.flush(ORDER)
        restrictions = self.restrictions
        bulk(
            RecordRestriction,
            [
                RecordRestriction(
                    id=r["id"],
                    child_id=r["child_id"],
                    reason=r["reason"],
                    restricted_by_id=r["restricted_by_id"],
                    restricted_at=r["restricted_at"],
                )
                for r in restrictions
            ],
        )
        field = RecordRestriction.named_staff.field
        through = field.remote_field.through
        source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
        named = [through(**{source: r["id"], target: s}) for r in restrictions for s in r["named"]]
        bulk(through, named)
        self.rows.flush([ChronologyEntry])
        update(Involvement, ["ended_on"], [(end, pk) for pk, end in self.updates])
