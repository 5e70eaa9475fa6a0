"""Reads for returning home, permanence and adoption, and the adoption scorecard.

The scorecard's measures (DOMAIN.md; the DfE's adoption scorecards, thresholds as last
published):

- A1: for children adopted (adoption order) in the window, the average days from entering
  care (the start of the period of care the adoption belongs to) to moving in with the
  adoptive family (placed for adoption). Threshold 426 days.
- A2: for the same children, the average days from the court's authority to place (the
  placement order) to the match with the adopters. Threshold 121 days.

The DfE counts a child adopted by their foster carers from the day they moved in with them;
this record has no link from the foster placement to the adoption, so A1 uses the day the
child was placed for adoption, which can only overstate it.

Who sees what on the scorecard page: team managers see the figures and the children behind
them that they may open (adopted children's records are sealed, so normally only those whose
adoption they recorded, or are allocated to), with a count of the rows they may not see;
performance analysts and directors see the figures only, never a child.
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils import timezone

from everychild import access, audit
from everychild.care.models import (
    Adoption,
    Carer,
    CarerKind,
    PeriodOfCare,
    PermanencePlan,
    ReturnHome,
)
from everychild.care.services.permanence import return_home_warning
from everychild.organisations.roles import Role
from everychild.people.models import Person

A1_THRESHOLD_DAYS = 426
A2_THRESHOLD_DAYS = 121
SCORECARD_ROLES = frozenset({Role.TEAM_MANAGER, Role.ANALYST, Role.DIRECTOR})
SCORECARD_ROW_ROLES = frozenset({Role.TEAM_MANAGER})


# ---- returning home -------------------------------------------------------------------------


@dataclass
class ReturnHomeRow:
    plan: ReturnHome
    warning: str
    revocation_delay_days: int | None  # application to revocation, or to today while waiting

    @property
    def status(self) -> str:
        plan = self.plan
        if plan.abandoned_on:
            return "Abandoned"
        if plan.returned_on:
            return "Returned home"
        if plan.revocation_needed and plan.revocation_applied_on and not plan.revoked_on:
            return "Waiting for the court"
        return "Planned"

    @property
    def is_open(self) -> bool:
        return self.plan.abandoned_on is None and self.plan.returned_on is None


def revocation_delay(plan: ReturnHome, today: date | None = None) -> int | None:
    """Days from the application to revoke the care order to its revocation (or to today
    while it waits); None before an application."""
    if not plan.revocation_applied_on:
        return None
    end = plan.revoked_on or today or timezone.localdate()
    return (end - plan.revocation_applied_on).days


def _row(plan: ReturnHome, today: date | None) -> ReturnHomeRow:
    return ReturnHomeRow(plan, return_home_warning(plan, today), revocation_delay(plan, today))


def return_home_record(*, user, pk: int, action: str = "view", today=None) -> ReturnHomeRow:
    """One plan to return home, if the user may take `action` on the child; the look is
    audited."""
    plan = get_object_or_404(
        ReturnHome.objects.select_related("child", "period", "assessment", "planned_by"), pk=pk
    )
    access.require(user, action, plan.child)
    audit.record(actor=user, verb="viewed_care_record", obj=plan, child=plan.child)
    return _row(plan, today)


def revocations_waiting(*, user, today: date | None = None) -> list[ReturnHomeRow]:
    """Applications to revoke a care order not yet decided, longest wait first, for the
    children the user may see."""
    plans = ReturnHome.objects.filter(
        revocation_needed=True,
        revocation_applied_on__isnull=False,
        revoked_on__isnull=True,
        abandoned_on__isnull=True,
        child__in=access.children_visible_to(user, "view"),
    ).select_related("child", "assessment")
    rows = [_row(p, today) for p in plans]
    return sorted(rows, key=lambda r: -(r.revocation_delay_days or 0))


# ---- the child's permanence, for the child's page -------------------------------------------


@dataclass
class ChildPermanence:
    period: PeriodOfCare | None  # the open period of care, if the child is in care
    returns_home: list[ReturnHomeRow]
    decisions: list[PermanencePlan]
    adoption: Adoption | None

    @property
    def open_return_home(self) -> ReturnHomeRow | None:
        return next((r for r in self.returns_home if r.is_open), None)


def open_period(child: Person) -> PeriodOfCare | None:
    return child.periods_of_care.filter(ended_on__isnull=True).first()


def child_permanence(*, user, child: Person, today: date | None = None) -> ChildPermanence:
    """The permanence panel of the child's care page. The caller (the page) audits the read."""
    access.require(user, "view", child)
    adoption = Adoption.objects.filter(child=child).select_related("adopters", "period").first()
    return ChildPermanence(
        period=open_period(child),
        returns_home=[
            _row(p, today) for p in child.returns_home.select_related("assessment", "planned_by")
        ],
        decisions=list(child.permanence_plans.select_related("decided_by")),
        adoption=adoption,
    )


def adopters_available():
    """Approved prospective adopters whose approval has not ended."""
    return Carer.objects.filter(kind=CarerKind.ADOPTERS, ended_on__isnull=True).order_by("name")


# ---- the adoption scorecard -----------------------------------------------------------------


@dataclass
class ScorecardRow:
    child: Person
    entered_care_on: date
    should_be_placed_on: date
    placement_order_on: date | None
    matched_on: date | None
    placed_on: date | None
    adoption_order_on: date

    @property
    def a1_days(self) -> int | None:
        return (self.placed_on - self.entered_care_on).days if self.placed_on else None

    @property
    def a2_days(self) -> int | None:
        if self.placement_order_on and self.matched_on:
            return (self.matched_on - self.placement_order_on).days
        return None

    @property
    def a1_within(self) -> bool | None:
        return None if self.a1_days is None else self.a1_days <= A1_THRESHOLD_DAYS

    @property
    def a2_within(self) -> bool | None:
        return None if self.a2_days is None else self.a2_days <= A2_THRESHOLD_DAYS


def _average(values: list[int]) -> int | None:
    return round(sum(values) / len(values)) if values else None


@dataclass
class Scorecard:
    since: date
    until: date
    rows: list[ScorecardRow]
    a1_threshold: int = A1_THRESHOLD_DAYS
    a2_threshold: int = A2_THRESHOLD_DAYS

    @property
    def adopted(self) -> int:
        return len(self.rows)

    @property
    def a1_days(self) -> list[int]:
        return [r.a1_days for r in self.rows if r.a1_days is not None]

    @property
    def a2_days(self) -> list[int]:
        return [r.a2_days for r in self.rows if r.a2_days is not None]

    @property
    def a1_average(self) -> int | None:
        return _average(self.a1_days)

    @property
    def a2_average(self) -> int | None:
        return _average(self.a2_days)

    @property
    def a1_met(self) -> bool | None:
        return None if self.a1_average is None else self.a1_average <= self.a1_threshold

    @property
    def a2_met(self) -> bool | None:
        return None if self.a2_average is None else self.a2_average <= self.a2_threshold

    @property
    def a1_within_count(self) -> int:
        return sum(1 for d in self.a1_days if d <= self.a1_threshold)

    @property
    def a2_within_count(self) -> int:
        return sum(1 for d in self.a2_days if d <= self.a2_threshold)


def adoption_scorecard(*, since: date, until: date) -> Scorecard:
    """A1 and A2 for the children adopted from `since` to `until` (both included), with the
    row behind each child. Figures for everyone: no access filter (see adoption_scorecard_for
    for a page)."""
    adoptions = (
        Adoption.objects.filter(adoption_order_on__gte=since, adoption_order_on__lte=until)
        .select_related("child", "period")
        .order_by("adoption_order_on", "pk")
    )
    rows = [
        ScorecardRow(
            child=a.child,
            entered_care_on=a.period.started_on,
            should_be_placed_on=a.should_be_placed_on,
            placement_order_on=a.placement_order_on,
            matched_on=a.matched_on,
            placed_on=a.placed_on,
            adoption_order_on=a.adoption_order_on,
        )
        for a in adoptions
    ]
    return Scorecard(since=since, until=until, rows=rows)


@dataclass
class ScorecardPage:
    scorecard: Scorecard
    rows: list[ScorecardRow] = field(default_factory=list)  # the rows this user may see
    rows_hidden: int = 0
    shows_rows: bool = False


def adoption_scorecard_for(*, user, since: date, until: date) -> ScorecardPage:
    """The scorecard as `user` may see it: figures for managers, analysts and directors;
    the children behind them only for managers, only those they may open, each look
    audited."""
    if user.role not in SCORECARD_ROLES:
        raise PermissionDenied("The adoption scorecard is for managers, analysts and directors.")
    if until < since:
        raise ValueError("the window ends before it starts")
    scorecard = adoption_scorecard(since=since, until=until)
    if user.role not in SCORECARD_ROW_ROLES:
        return ScorecardPage(scorecard=scorecard)
    ids = [r.child.pk for r in scorecard.rows]
    visible = set(
        access.children_visible_to(user, "view", Person.objects.filter(pk__in=ids)).values_list(
            "pk", flat=True
        )
    )
    shown = [r for r in scorecard.rows if r.child.pk in visible]
    for row in shown:
        audit.record(
            actor=user,
            verb="viewed_adoption_scorecard",
            obj=row.child,
            child=row.child,
            payload={"since": since.isoformat(), "until": until.isoformat()},
        )
    return ScorecardPage(
        scorecard=scorecard,
        rows=shown,
        rows_hidden=len(scorecard.rows) - len(shown),
        shows_rows=True,
    )
