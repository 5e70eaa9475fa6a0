"""Reads of children's care: one child's periods, episodes and placements with their
stability figures, and the list of children in care a user may see.

Stability, as shown on the child's page:

- `moves_last_12_months` (after NI 62): the placements the child started in the 12 months
  to `today` (from the same date a year before, inclusive, to `today`), in any period of
  care, not counting the first placement of a period (coming into care is not a move). A
  move to the same carer with a new placement type (RNE T or B) is a new placement and
  counts; a placement amended on the day it began (services/episodes.py) is one placement.
- `placed_since` and `days_in_current_placement`: since the child began living with the
  current carer, without a break, in this period of care (a change of placement type with
  the same carer does not restart it).
- `long_term_stable` (NI 63): in care, continuously for two and a half years or more, and
  either with the current carer for two years or more or placed for adoption (A3 to A6).

Every read of one child's care is audited ("viewed_care") unless the caller says it audits
the page itself. Each function takes a fixed, small number of queries.
"""

from dataclasses import dataclass, field
from datetime import date

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from everychild import access, audit
from everychild.care.models import CareEpisode, Carer, PeriodOfCare, Placement
from everychild.core.codes import ADOPTION_PLACEMENTS
from everychild.organisations.roles import SOCIAL_CARE_ROLES
from everychild.people.models import Person


@dataclass
class PeriodHistory:
    """One period of care with its episodes and placements, oldest first."""

    period: PeriodOfCare
    episodes: list[CareEpisode]
    placements: list[Placement]  # each with its carer


@dataclass
class CareSummary:
    child: Person
    today: date
    periods: list[PeriodHistory] = field(default_factory=list)  # newest first
    current_period: PeriodOfCare | None = None
    current_episode: CareEpisode | None = None
    current_placement: Placement | None = None  # with its carer
    placed_since: date | None = None
    days_in_current_placement: int | None = None
    moves_last_12_months: int = 0
    long_term_stable: bool = False

    @property
    def in_care(self) -> bool:
        return self.current_period is not None

    @property
    def current_carer(self) -> Carer | None:
        return self.current_placement.carer if self.current_placement else None


def _histories(child: Person) -> list[PeriodHistory]:
    periods = child.periods_of_care.order_by("-started_on").prefetch_related(
        Prefetch("episodes", queryset=CareEpisode.objects.order_by("started_on", "pk")),
        Prefetch(
            "placements",
            queryset=Placement.objects.select_related("carer").order_by("started_on", "pk"),
        ),
    )
    return [PeriodHistory(p, list(p.episodes.all()), list(p.placements.all())) for p in periods]


def _in_force(records, on: date):
    """The record (episode or placement) in force on `on`: started by then, not yet ended."""
    for record in reversed(records):
        if record.started_on <= on and (record.ended_on is None or record.ended_on > on):
            return record
    return None


def with_carer_since(placements: list[Placement], current: Placement) -> date:
    """When the child began living with the current carer, without a break."""
    since = current.started_on
    earlier = [p for p in placements if p.started_on < current.started_on]
    for placement in reversed(earlier):
        if placement.carer_id != current.carer_id or placement.ended_on != since:
            break
        since = placement.started_on
    return since


def moves_in_year(histories: list[PeriodHistory], today: date) -> int:
    """Placements started in the 12 months to `today`, less the first of each period."""
    year_ago = today - relativedelta(years=1)
    return sum(
        1
        for h in histories
        for p in h.placements
        if year_ago <= p.started_on <= today and p.started_on != h.period.started_on
    )


def is_long_term_stable(period: PeriodOfCare | None, placement, since, today: date) -> bool:
    """NI 63: in care 2.5 years or more, and with the same carer 2 years or more or placed
    for adoption."""
    if period is None or placement is None or since is None:
        return False
    if period.started_on > today - relativedelta(years=2, months=6):
        return False
    return (
        since <= today - relativedelta(years=2) or placement.placement_type in ADOPTION_PLACEMENTS
    )


def care_summary(
    *, user, child: Person, today: date | None = None, caller_audits: bool = False
) -> CareSummary:
    """The child's care: every period with its episodes and placements, what is in force
    `today`, and the stability figures (module docstring). Three queries, plus the access
    check and the audit row."""
    access.require(user, "view", child)
    today = today or timezone.localdate()
    histories = _histories(child)
    summary = CareSummary(child=child, today=today, periods=histories)
    for history in histories:
        period = history.period
        if period.started_on <= today and (period.ended_on is None or period.ended_on > today):
            summary.current_period = period
            summary.current_episode = _in_force(history.episodes, today)
            summary.current_placement = _in_force(history.placements, today)
            if summary.current_placement is not None:
                since = with_carer_since(history.placements, summary.current_placement)
                summary.placed_since = since
                summary.days_in_current_placement = (today - since).days
            break
    summary.moves_last_12_months = moves_in_year(histories, today)
    summary.long_term_stable = is_long_term_stable(
        summary.current_period, summary.current_placement, summary.placed_since, today
    )
    if not caller_audits:
        audit.record(actor=user, verb="viewed_care", obj=child, child=child)
    return summary


@dataclass
class ChildInCare:
    """One row of a list of children in care."""

    child: Person
    period: PeriodOfCare
    episode: CareEpisode | None
    placement: Placement | None  # with its carer

    @property
    def carer(self) -> Carer | None:
        return self.placement.carer if self.placement else None


def children_in_care(*, user, on: date | None = None, caller_audits: bool = False):
    """The children looked after on `on` (today by default) whom `user` may see, with their
    legal status and placement, by name. Four queries, plus the audit row of the listing."""
    on = on or timezone.localdate()
    visible = access.children_visible_to(user, "view")
    periods = (
        PeriodOfCare.objects.filter(started_on__lte=on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))
        .filter(child__in=visible.values("pk"))
        .select_related("child")
        .prefetch_related(
            Prefetch(
                "episodes",
                queryset=CareEpisode.objects.filter(started_on__lte=on)
                .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))
                .order_by("started_on"),
                to_attr="in_force_episodes",
            ),
            Prefetch(
                "placements",
                queryset=Placement.objects.filter(started_on__lte=on)
                .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))
                .select_related("carer")
                .order_by("started_on"),
                to_attr="in_force_placements",
            ),
        )
        .order_by("child__family_name", "child__given_name", "child_id")
    )
    rows = [
        ChildInCare(
            child=p.child,
            period=p,
            episode=p.in_force_episodes[-1] if p.in_force_episodes else None,
            placement=p.in_force_placements[-1] if p.in_force_placements else None,
        )
        for p in periods
    ]
    if not caller_audits:
        audit.record(
            actor=user, verb="listed_children_in_care", payload={"on": on, "count": len(rows)}
        )
    return rows


@dataclass
class CarerRow:
    carer: Carer
    children_placed: int


def carers(*, user, today: date | None = None) -> list[CarerRow]:
    """Carers, with how many children each has placed with them now (no child is named).
    Children's social care staff only."""
    if getattr(user, "role", None) not in SOCIAL_CARE_ROLES:
        raise PermissionDenied("Only children's social care staff see the carers.")
    today = today or timezone.localdate()
    now_placed = Q(placements__started_on__lte=today) & (
        Q(placements__ended_on__isnull=True) | Q(placements__ended_on__gt=today)
    )
    rows = Carer.objects.annotate(
        children_placed=Count("placements__child", filter=now_placed, distinct=True)
    ).order_by("name", "pk")
    return [CarerRow(carer=c, children_placed=c.children_placed) for c in rows]


def carers_available(on: date | None = None):
    """The carers a child may be placed with on `on`: approval not ended by then."""
    on = on or timezone.localdate()
    return Carer.objects.filter(Q(ended_on__isnull=True) | Q(ended_on__gte=on)).order_by("name")
