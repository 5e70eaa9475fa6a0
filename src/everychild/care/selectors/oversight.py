"""Reads for the oversight of a looked-after child's care plan: reviews, the IRO's
challenges, health assessments, PEPs, statutory visits, and the clock of each.

The timescales are the services' (care/services/oversight.py explains each rule). A
statutory visit is a casework CaseNote of kind "visit" at which the child was seen, as for
the child protection visit clock (casework.selectors._last_visits): a visit at which the
child was not seen is listed but does not stop the clock.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import F, Max, Q
from django.utils import timezone

from everychild import access, audit
from everychild.care.models import (
    CareEpisode,
    EducationPlan,
    HealthAssessment,
    HealthAssessmentKind,
    IROChallenge,
    LookedAfterReview,
    PeriodOfCare,
)
from everychild.care.services.oversight import (
    education_plan_clock,
    health_assessment_clock,
    review_clock,
    visit_clock,
)
from everychild.casework.models import CaseNote, NoteKind
from everychild.core.clock import Clock
from everychild.organisations.roles import Role
from everychild.people.models import Person


@dataclass(frozen=True)
class CareClocks:
    """The next of each piece of oversight for a period of care (None once it has ended)."""

    review: Clock | None = None
    review_number: int = 0  # which review of the period is next (1 for the first)
    health_assessment: Clock | None = None
    health_assessment_kind: str = ""  # HealthAssessmentKind of the next one
    education_plan: Clock | None = None
    visit: Clock | None = None
    today: date | None = None  # the day the statuses are for (None: the real today)

    def items(self) -> list[tuple[str, Clock]]:
        """(what, clock) for each clock running, in the order a page shows them."""
        labels = [
            ("Looked-after review", self.review),
            (
                "Initial health assessment"
                if self.health_assessment_kind == HealthAssessmentKind.INITIAL
                else "Review health assessment",
                self.health_assessment,
            ),
            ("Personal education plan", self.education_plan),
            ("Statutory visit (child seen)", self.visit),
        ]
        return [(what, clock) for what, clock in labels if clock is not None]

    @property
    def overdue(self) -> list[tuple[str, Clock]]:
        return [(what, clock) for what, clock in self.items() if clock.is_overdue(self.today)]


def current_period(child: Person) -> PeriodOfCare | None:
    """The child's open period of care, or else their latest one (None if never in care)."""
    if not child.pk:
        return None
    open_first = F("ended_on").desc(nulls_first=True)
    return child.periods_of_care.order_by(open_first, "-started_on").first()


def _with_placement(episodes):
    """Episodes with what the visit clock needs of their placement."""
    return episodes.select_related("placement").only(
        "id",
        "period_id",
        "placement_type",
        "ended_on",
        "placement__id",
        "placement__started_on",
        "placement__placement_type",
    )


def _current_episode(period: PeriodOfCare) -> CareEpisode | None:
    return _with_placement(period.episodes.filter(ended_on__isnull=True)).first()


def _visits_since(child: Person, day: date):
    return CaseNote.objects.filter(
        child=child, kind=NoteKind.VISIT, occurred_at__date__gte=day
    ).order_by("-occurred_at")


def clocks_from(
    *,
    period: PeriodOfCare,
    born: date | None,
    held: list[date],
    last_health: date | None,
    last_pep: date | None,
    episode: CareEpisode | None,
    seen_on: list[date],
    today: date | None,
) -> CareClocks:
    """The clocks from what has been fetched; `seen_on` are the dates of visits at which the
    child was seen, in any order."""
    if period.ended_on is not None:
        return CareClocks(today=today)
    visit = None
    if episode is not None:
        placement = episode.placement
        # A change of placement type without a move (say, confirmed as long-term) opens a new
        # episode of the same placement: the episode has the type that applies now.
        placement_type = episode.placement_type or placement.placement_type
        since = [d for d in seen_on if d >= placement.started_on]
        visit = visit_clock(placement.started_on, placement_type, max(since, default=None))
    return CareClocks(
        review=review_clock(period.started_on, held),
        review_number=len(held) + 1,
        health_assessment=health_assessment_clock(period.started_on, last_health, born),
        health_assessment_kind=(
            HealthAssessmentKind.REVIEW if last_health else HealthAssessmentKind.INITIAL
        ),
        education_plan=education_plan_clock(period.started_on, last_pep),
        visit=visit,
        today=today,
    )


def care_clocks(*, child: Person, period: PeriodOfCare, today: date | None = None) -> CareClocks:
    """The next looked-after review, health assessment, PEP and statutory visit of a period
    of care, each a Clock (None for all once the period has ended).

    No access check or audit: for callers that have made both (the child's page, lists).
    The due dates run from the records alone; `today` is the day the result's `overdue`
    list is for (by default the real today).
    """
    if period.ended_on is not None:
        return CareClocks(today=today)
    held = list(period.reviews.values_list("held_on", flat=True))
    last_health = (
        period.health_assessments.order_by("-done_on").values_list("done_on", flat=True).first()
    )
    last_pep = period.education_plans.order_by("-held_on").values_list("held_on", flat=True).first()
    episode = _current_episode(period)
    seen_on: list[date] = []
    if episode is not None:
        last = (
            _visits_since(child, episode.placement.started_on)
            .filter(child_seen=True)
            .values_list("occurred_at", flat=True)
            .first()
        )
        seen_on = [timezone.localdate(last)] if last else []
    return clocks_from(
        period=period,
        born=child.date_of_birth,
        held=held,
        last_health=last_health,
        last_pep=last_pep,
        episode=episode,
        seen_on=seen_on,
        today=today,
    )


def care_clocks_on(*, child_ids, today: date | None = None) -> dict[int, CareClocks]:
    """The care plan's clocks for each of these children in care on `today` (child id ->
    CareClocks, from the records made by then), for lists: My work, Team, the corporate
    parenting board.

    `child_ids` may be a list or a subquery. Six queries however many children; no access
    check or audit (the caller has made both).
    """
    today = today or timezone.localdate()
    in_force = Q(started_on__lte=today) & (Q(ended_on__isnull=True) | Q(ended_on__gt=today))
    periods = list(
        PeriodOfCare.objects.filter(in_force, child_id__in=child_ids).values_list(
            "pk", "child_id", "started_on", "child__date_of_birth"
        )
    )
    if not periods:
        return {}
    period_ids = [p[0] for p in periods]
    held: dict[int, list[date]] = defaultdict(list)
    for period_id, held_on in LookedAfterReview.objects.filter(
        period_id__in=period_ids, held_on__lte=today
    ).values_list("period_id", "held_on"):
        held[period_id].append(held_on)
    last_health = _latest(HealthAssessment.objects, "done_on", period_ids, today)
    last_pep = _latest(EducationPlan.objects, "held_on", period_ids, today)
    episodes = {
        e.period_id: e
        for e in _with_placement(CareEpisode.objects.filter(in_force, period_id__in=period_ids))
    }
    last_seen = {
        child_id: timezone.localdate(when)
        for child_id, when in CaseNote.objects.filter(
            child_id__in=[p[1] for p in periods],
            kind=NoteKind.VISIT,
            child_seen=True,
            occurred_at__date__lte=today,
        )
        .values_list("child_id")
        .annotate(last=Max("occurred_at"))
    }
    return {
        child_id: clocks_from(
            period=PeriodOfCare(pk=pk, child_id=child_id, started_on=started_on),
            born=born,
            held=held[pk],
            last_health=last_health.get(pk),
            last_pep=last_pep.get(pk),
            episode=episodes.get(pk),
            seen_on=[last_seen[child_id]] if child_id in last_seen else [],
            today=today,
        )
        for pk, child_id, started_on, born in periods
    }


def _latest(records, field: str, period_ids, today: date) -> dict[int, date]:
    return dict(
        records.filter(period_id__in=period_ids, **{f"{field}__lte": today})
        .values_list("period_id")
        .annotate(last=Max(field))
    )


# ---- the oversight panel of the looked-after child's page -----------------------------------


@dataclass
class ChildOversight:
    period: PeriodOfCare | None
    reviews: list[LookedAfterReview] = field(default_factory=list)
    challenges_open: list[IROChallenge] = field(default_factory=list)
    challenges_resolved: list[IROChallenge] = field(default_factory=list)
    health_assessments: list[HealthAssessment] = field(default_factory=list)
    education_plans: list[EducationPlan] = field(default_factory=list)
    visits: list[CaseNote] = field(default_factory=list)
    clocks: CareClocks = field(default_factory=CareClocks)


def oversight_for_child(
    *,
    user,
    child: Person,
    today: date | None = None,
    period: PeriodOfCare | None = None,
    caller_audits: bool = False,
) -> ChildOversight:
    """The care plan's oversight for one period of care (by default the open one, else the
    latest): its reviews, health assessments, PEPs and the visits since it began, newest
    first; all the child's IRO challenges, open and resolved; and the clocks.

    About eight queries whatever the history's length. Audited, unless `caller_audits` (a
    page that records its own look at the child).
    """
    access.require(user, "view", child)
    if period is None:
        period = current_period(child)
    elif period.child_id != child.pk:
        raise ValueError("That period of care is another child's.")
    oversight = ChildOversight(period=period)
    challenges = list(
        child.iro_challenges.select_related("raised_by", "review").order_by("-raised_on", "-pk")
    )
    oversight.challenges_open = [c for c in challenges if c.resolved_on is None]
    oversight.challenges_resolved = [c for c in challenges if c.resolved_on is not None]
    if period is not None:
        oversight.reviews = list(period.reviews.select_related("chair").order_by("-held_on"))
        oversight.health_assessments = list(
            period.health_assessments.select_related("recorded_by").order_by("-done_on")
        )
        oversight.education_plans = list(
            period.education_plans.select_related("recorded_by").order_by("-held_on")
        )
        visits = _visits_since(child, period.started_on)
        if period.ended_on is not None:
            visits = visits.filter(occurred_at__date__lte=period.ended_on)
        oversight.visits = list(visits.select_related("written_by"))
        oversight.clocks = clocks_from(
            period=period,
            born=child.date_of_birth,
            held=[r.held_on for r in oversight.reviews],
            last_health=oversight.health_assessments[0].done_on
            if oversight.health_assessments
            else None,
            last_pep=oversight.education_plans[0].held_on if oversight.education_plans else None,
            episode=_current_episode(period) if period.ended_on is None else None,
            seen_on=[timezone.localdate(v.occurred_at) for v in oversight.visits if v.child_seen],
            today=today,
        )
    if not caller_audits:
        audit.record(
            actor=user,
            verb="viewed_care_oversight",
            obj=period or child,
            child=child,
        )
    return oversight


# ---- an IRO's open challenges ---------------------------------------------------------------


@dataclass(frozen=True)
class OpenChallenge:
    challenge: IROChallenge
    clock: Clock  # from raising it to the response being due
    today: date

    @property
    def child(self) -> Person:
        return self.challenge.child

    @property
    def overdue(self) -> bool:
        return self.clock.is_overdue(self.today)

    @property
    def overdue_by(self) -> int:
        """Working days past the response date (0 if not yet due)."""
        return self.clock.overdue_by(self.today)

    @property
    def days_overdue(self) -> int:
        """Calendar days past the response date (0 if not yet due)."""
        return max(0, (self.today - self.challenge.respond_by).days)


def iro_challenges_open(*, user, today: date | None = None) -> list[OpenChallenge]:
    """The challenges this IRO raised that are not yet resolved, on children they may still
    see: the most overdue response first, then by the date the response is due. Audited."""
    if user.role != Role.CONFERENCE_CHAIR:
        raise PermissionDenied("Only an independent reviewing officer has challenges.")
    today = today or timezone.localdate()
    visible = access.children_visible_to(user, "view").values("pk")
    challenges = (
        IROChallenge.objects.filter(raised_by=user, resolved_on__isnull=True, child_id__in=visible)
        .select_related("child", "review")
        .order_by("respond_by", "pk")
    )
    # Ordered by the response date, the most overdue come first.
    rows = [OpenChallenge(c, Clock(c.raised_on, c.respond_by), today) for c in challenges]
    audit.record(
        actor=user,
        verb="listed_iro_challenges",
        payload={"challenges": [r.challenge.pk for r in rows]},
    )
    return rows
