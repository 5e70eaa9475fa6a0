"""The corporate parenting board's figures: how the authority is doing as the parent of the
children in its care and of its care leavers. Counts and percentages only, no child named.

As on `today` (by default the real today), for the children in care that day:

- numbers: in care, the rate per 10,000 children (0 to 17 in the person index), started and
  left care in the 12 months to today; by legal status, placement and age;
- stability: NI 62, three or more placements in the 12 months (placements in force at any
  time in the year, in any period of care); NI 63, of those under 16 in care for two and a half
  years or more, the share long-term stable (selectors/episodes.py); placed more than
  20 miles from home;
- timeliness (the care plan's clocks, selectors/oversight.py, the same rules as the child's
  page): reviews — of the children in care 20 working days or more, those whose every review
  in the 12 months was held by its due date and whose next is not overdue (after NI 66);
  health assessments and PEPs (school age, 4 to 15 on 1 September) up to date; statutory
  visits not overdue; the IRO's challenges open and overdue;
- missing children and their return home interviews in the 12 months (selectors/missing.py);
- care leavers (selectors/leavers.py) and the adoption scorecard over three years
  (selectors/permanence.py).

A fixed number of queries however many children are in care: each kind of record is read
once for all of them and the clocks are worked out in Python.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied
from django.db.models import F, Q
from django.utils import timezone

from everychild import audit
from everychild.care.models import (
    CareEpisode,
    IROChallenge,
    LookedAfterReview,
    PeriodOfCare,
    Placement,
)
from everychild.care.selectors.episodes import is_long_term_stable, with_carer_since
from everychild.care.selectors.leavers import CareLeaverFigures, care_leaver_figures
from everychild.care.selectors.missing import MissingFigures, missing_figures
from everychild.care.selectors.oversight import care_clocks_on
from everychild.care.selectors.permanence import Scorecard, adoption_scorecard
from everychild.core import calendar
from everychild.core.calendar import age_in_years
from everychild.core.codes import ADOPTION_PLACEMENTS, FOSTER_PLACEMENTS
from everychild.organisations.roles import Role
from everychild.people.models import Person, PersonKind

CORPORATE_PARENTING_ROLES = frozenset(
    {Role.TEAM_MANAGER, Role.CONFERENCE_CHAIR, Role.ANALYST, Role.DIRECTOR}
)

FAR_FROM_HOME_MILES = 20
SCORECARD_YEARS = 3

LEGAL_STATUS_GROUPS = (
    ("Care order (interim or full)", {"C1", "C2"}),
    ("Placement order or freeing order", {"E1", "D1"}),
    ("Accommodated under section 20", {"V2"}),
    ("Short breaks", {"V3", "V4"}),
    ("Police protection or an emergency order", {"L1", "L2", "L3"}),
    ("Youth justice (remand, PACE, YRO)", {"J1", "J2", "J3"}),
)
PLACEMENT_GROUPS = (
    ("Fostered with relatives or friends", {"U1", "U2", "U3"}),
    ("Fostered with other carers", FOSTER_PLACEMENTS - {"U1", "U2", "U3"}),
    ("Placed for adoption", ADOPTION_PLACEMENTS),
    ("Placed with parents", {"P1"}),
    ("Children's homes and other residential settings", {"K1", "K2", "R1", "R2", "R3", "S1"}),
    ("Supported accommodation", {"K3", "Z13"}),
    ("Youth justice settings", {"R5"}),
)
# The DfE's age bands for children looked after.
AGE_BANDS = (("Under 1", 0, 0), ("1 to 4", 1, 4), ("5 to 9", 5, 9), ("10 to 15", 10, 15))
AGE_BANDS_LAST = ("16 and over", 16)


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


@dataclass(frozen=True)
class Measure:
    """One line of the board's report: `part` of `whole`, and what the share means."""

    label: str
    part: int
    whole: int
    higher_is_better: bool = True

    @property
    def percent(self) -> float | None:
        return _percent(self.part, self.whole)


@dataclass
class CorporateParenting:
    today: date
    in_care: int
    children: int  # 0 to 17 in the person index, for the rate
    started_in_year: int
    ceased_in_year: int
    by_legal_status: list[tuple[str, int]] = field(default_factory=list)
    by_placement: list[tuple[str, int]] = field(default_factory=list)
    by_age: list[tuple[str, int]] = field(default_factory=list)
    stability: list[Measure] = field(default_factory=list)
    timeliness: list[Measure] = field(default_factory=list)
    challenges_open: int = 0
    challenges_overdue: int = 0
    missing: MissingFigures | None = None
    care_leavers: CareLeaverFigures | None = None
    adoption: Scorecard | None = None

    @property
    def rate_per_10000(self) -> float | None:
        return round(10_000 * self.in_care / self.children, 1) if self.children else None


def _grouped(codes: Counter, groups) -> list[tuple[str, int]]:
    rows = [(label, sum(codes[c] for c in members)) for label, members in groups]
    known = set().union(*(members for _, members in groups))
    other = sum(n for code, n in codes.items() if code not in known)
    if other:
        rows.append(("Other", other))
    return rows


def _age_band(age: int) -> str:
    for label, low, high in AGE_BANDS:
        if low <= age <= high:
            return label
    return AGE_BANDS_LAST[0]


def _school_age(born: date | None, today: date) -> bool:
    """Of compulsory school age: 4 to 15 on the last 1 September (reception to year 11)."""
    if born is None:
        return False
    september = date(today.year if today.month >= 9 else today.year - 1, 9, 1)
    return 4 <= age_in_years(born, september) <= 15


def corporate_parenting(*, user, today: date | None = None) -> CorporateParenting:
    """The board's figures (module docstring) for those who may see them; audited as one
    look at the figures (no child is named)."""
    if getattr(user, "role", None) not in CORPORATE_PARENTING_ROLES:
        raise PermissionDenied(
            "The corporate parenting figures are for managers, IROs, analysts and directors."
        )
    figures = corporate_parenting_figures(today=today)
    audit.record(actor=user, verb="viewed_corporate_parenting", payload={"on": figures.today})
    return figures


def corporate_parenting_figures(*, today: date | None = None) -> CorporateParenting:
    today = today or timezone.localdate()
    year_ago = today - relativedelta(years=1)
    in_force = Q(started_on__lte=today) & (Q(ended_on__isnull=True) | Q(ended_on__gt=today))
    periods = list(
        PeriodOfCare.objects.filter(in_force).values_list(
            "pk", "child_id", "started_on", "child__date_of_birth"
        )
    )
    period_ids = [p[0] for p in periods]
    children = Person.objects.filter(
        kind=PersonKind.CHILD, date_of_birth__gt=today - relativedelta(years=18)
    ).count()
    started = PeriodOfCare.objects.filter(started_on__gt=year_ago, started_on__lte=today).count()
    ceased = PeriodOfCare.objects.filter(ended_on__gt=year_ago, ended_on__lte=today).count()
    figures = CorporateParenting(
        today=today,
        in_care=len(periods),
        children=children,
        started_in_year=started,
        ceased_in_year=ceased,
    )

    # What is in force today, for each child: the episode (with its placement).
    episodes = {
        e.period_id: e
        for e in CareEpisode.objects.filter(period_id__in=period_ids)
        .filter(in_force)
        .select_related("placement")
        .only(
            "id",
            "period_id",
            "legal_status",
            "placement_type",
            "ended_on",
            "placement__id",
            "placement__started_on",
            "placement__placement_type",
            "placement__distance_miles",
        )
    }
    figures.by_legal_status = _grouped(
        Counter(e.legal_status for e in episodes.values()), LEGAL_STATUS_GROUPS
    )
    figures.by_placement = _grouped(
        Counter(e.placement_type for e in episodes.values()), PLACEMENT_GROUPS
    )
    ages = Counter(_age_band(age_in_years(born, today)) for *_, born in periods if born)
    figures.by_age = [(label, ages[label]) for label, *_ in AGE_BANDS] + [
        (AGE_BANDS_LAST[0], ages[AGE_BANDS_LAST[0]])
    ]

    figures.stability = _stability(periods, episodes, today, year_ago)
    figures.timeliness = _timeliness(periods, today, year_ago)
    challenges = IROChallenge.objects.filter(resolved_on__isnull=True, raised_on__lte=today)
    figures.challenges_open = challenges.count()
    figures.challenges_overdue = challenges.filter(respond_by__lt=today).count()
    figures.missing = missing_figures(since=year_ago + timedelta(days=1), until=today)
    figures.care_leavers = care_leaver_figures(on=today)
    figures.adoption = adoption_scorecard(
        since=today - relativedelta(years=SCORECARD_YEARS) + timedelta(days=1), until=today
    )
    return figures


def _stability(periods, episodes, today: date, year_ago: date) -> list[Measure]:
    period_ids = [p[0] for p in periods]
    child_ids = [p[1] for p in periods]
    placements: dict[int, list[Placement]] = defaultdict(list)  # this period's, by period
    in_year: Counter = Counter()  # placements in force in the year, any period, by child
    # Every placement of these children (not only this year's): how long a child has been
    # with their carer runs back across changes of placement type with the same carer.
    rows = (
        Placement.objects.filter(child_id__in=child_ids, started_on__lte=today)
        .only("id", "period_id", "child_id", "carer_id", "started_on", "ended_on")
        .order_by("started_on", "pk")
    )
    current = set(period_ids)
    for placement in rows:
        if placement.ended_on is None or placement.ended_on > year_ago:
            in_year[placement.child_id] += 1
        if placement.period_id in current:
            placements[placement.period_id].append(placement)
    three_or_more = sum(1 for c in child_ids if in_year[c] >= 3)
    long_term, stable = 0, 0
    far, with_distance = 0, 0
    threshold = today - relativedelta(years=2, months=6)
    for pk, _child_id, started_on, born in periods:
        episode = episodes.get(pk)
        if episode is None:
            continue
        miles = episode.placement.distance_miles
        if miles is not None:
            with_distance += 1
            far += miles > FAR_FROM_HOME_MILES
        if started_on > threshold or born is None or age_in_years(born, today) >= 16:
            continue
        long_term += 1
        mine = [p for p in placements[pk] if p.pk == episode.placement_id]
        if not mine:
            continue
        since = with_carer_since(placements[pk], mine[0])
        period = PeriodOfCare(pk=pk, started_on=started_on)
        placement = episode.placement
        placement.placement_type = episode.placement_type or placement.placement_type
        stable += is_long_term_stable(period, placement, since, today)
    return [
        Measure(
            "Three or more placements in the last 12 months (NI 62)",
            three_or_more,
            len(periods),
            higher_is_better=False,
        ),
        Measure(
            "Under 16, in care 2½ years or more: with the same carer 2 years or placed for "
            "adoption (NI 63)",
            stable,
            long_term,
        ),
        Measure(
            f"Placed more than {FAR_FROM_HOME_MILES} miles from home",
            far,
            with_distance,
            higher_is_better=False,
        ),
    ]


def _timeliness(periods, today: date, year_ago: date) -> list[Measure]:
    period_ids = [p[0] for p in periods]
    clocks = care_clocks_on(child_ids=[p[1] for p in periods], today=today)
    late_in_year = set(
        LookedAfterReview.objects.filter(
            period_id__in=period_ids, held_on__gt=year_ago, held_on__lte=today
        )
        .filter(held_on__gt=F("due_on"))
        .values_list("period_id", flat=True)
    )
    reviewed = reviews_in_time = 0
    health_due = health_ok = 0
    pep_due = pep_ok = 0
    visits_ok = 0
    for pk, child_id, started_on, born in periods:
        child_clocks = clocks[child_id]
        if calendar.add_working_days(started_on, 20) <= today:
            reviewed += 1
            reviews_in_time += pk not in late_in_year and not child_clocks.review.is_overdue(today)
        # Health assessments: of those in care 12 months or more (as in the DfE's OC2).
        if started_on <= year_ago:
            health_due += 1
            health_ok += not child_clocks.health_assessment.is_overdue(today)
        if _school_age(born, today):
            pep_due += 1
            pep_ok += not child_clocks.education_plan.is_overdue(today)
        visit = child_clocks.visit
        visits_ok += visit is not None and not visit.is_overdue(today)
    return [
        Measure(
            "Reviews all held in time in the last 12 months (after NI 66)",
            reviews_in_time,
            reviewed,
        ),
        Measure("Health assessment up to date (in care 12 months or more)", health_ok, health_due),
        Measure("Personal education plan up to date (school age)", pep_ok, pep_due),
        Measure("Statutory visits up to date", visits_ok, len(periods)),
    ]
