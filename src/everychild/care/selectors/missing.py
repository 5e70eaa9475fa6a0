"""Reads for missing children and return home interviews (RHIs): a child's episodes with
their RHI, the "return home interviews due" work list with the 72-hour clock, the figures
for the corporate parenting board, and the episodes the front door's alert rules count.

Who sees what follows the access policy (access.children_visible_to / access.require) and
the chronology's sharing: children's social care see every episode and its RHI; a partner
in the child's plan sees the episodes the police reported (shared with partners), without
the RHI, which is for children's social care only. The 72-hour clock is the services'
(care/services/missing.py: RhiClock).
"""

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from everychild import access, audit
from everychild.care.models import MissingEpisode, ReturnInterview
from everychild.care.services.missing import RhiClock, rhi_clock
from everychild.core.clock import ClockStatus
from everychild.organisations.models import OrganisationKind
from everychild.organisations.roles import SOCIAL_CARE_ROLES, Role
from everychild.people.models import Person


class RhiStatus(StrEnum):
    STILL_MISSING = "still_missing"
    TO_OFFER = "to_offer"
    OFFERED = "offered"
    ACCEPTED = "accepted"
    HELD = "held"
    DECLINED = "declined"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    RhiStatus.STILL_MISSING: "Still missing",
    RhiStatus.TO_OFFER: "Interview to offer",
    RhiStatus.OFFERED: "Offered: waiting for the child's answer",
    RhiStatus.ACCEPTED: "Accepted: to be held",
    RhiStatus.HELD: "Held",
    RhiStatus.DECLINED: "Declined",
}

# RHI statuses still needing the worker: on the "return home interviews due" list.
OUTSTANDING = frozenset({RhiStatus.TO_OFFER, RhiStatus.OFFERED, RhiStatus.ACCEPTED})


def rhi_status(episode: MissingEpisode, interview: ReturnInterview | None) -> RhiStatus:
    if episode.ended_at is None:
        return RhiStatus.STILL_MISSING
    if interview is None:
        return RhiStatus.TO_OFFER
    if interview.held_at is not None:
        return RhiStatus.HELD
    if interview.accepted is None:
        return RhiStatus.OFFERED
    return RhiStatus.ACCEPTED if interview.accepted else RhiStatus.DECLINED


CLOCK_TAGS = {
    ClockStatus.OVERDUE: "govuk-tag--red",
    ClockStatus.DUE_TODAY: "govuk-tag--orange",
    ClockStatus.RUNNING: "govuk-tag--blue",
    ClockStatus.DONE_IN_TIME: "govuk-tag--green",
    ClockStatus.DONE_LATE: "govuk-tag--grey",
}


@dataclass
class EpisodeRow:
    """One missing episode as a page shows it. `interview`, `status` and `clock` are None for
    a partner (the RHI is children's social care's)."""

    episode: MissingEpisode
    interview: ReturnInterview | None
    status: RhiStatus | None
    clock: RhiClock | None
    now: datetime

    @property
    def child(self) -> Person:
        return self.episode.child

    @property
    def clock_words(self) -> str:
        return self.clock.describe(self.now) if self.clock else ""

    @property
    def clock_css(self) -> str:
        return CLOCK_TAGS[self.clock.status(self.now)] if self.clock else ""

    @property
    def clock_status(self) -> str:
        return str(self.clock.status(self.now)) if self.clock else ""

    @property
    def hours_left(self) -> int:
        return self.clock.hours_left(self.now) if self.clock else 0

    @property
    def overdue_by(self) -> int:
        return self.clock.overdue_by(self.now) if self.clock else 0

    @property
    def overdue(self) -> bool:
        return bool(self.clock and self.clock.is_overdue(self.now))


def _police_reported() -> Q:
    return Q(
        reported_by__role=Role.PARTNER, reported_by__organisation__kind=OrganisationKind.POLICE
    )


def _interview_of(episode: MissingEpisode) -> ReturnInterview | None:
    try:
        return episode.return_interview
    except ReturnInterview.DoesNotExist:
        return None


def missing_for_child(
    *, user, child: Person, now: datetime | None = None, caller_audits: bool = False
) -> list[EpisodeRow]:
    """The child's missing episodes, newest first, each with its RHI and 72-hour clock.

    Social care see all; a partner in the child's plan sees those the police reported,
    without the RHI. Audited (a read of the child's record), unless the caller (a page that
    records its own look at the child) says it audits.
    """
    access.require(user, "view", child)
    now = now or timezone.now()
    social_care = user.role in SOCIAL_CARE_ROLES
    episodes = MissingEpisode.objects.filter(child=child).select_related(
        "child", "reported_by__organisation", "return_interview__interviewer"
    )
    if not social_care:
        episodes = episodes.filter(_police_reported())
    rows = []
    for episode in episodes.order_by("-started_at", "-pk"):
        if social_care:
            interview = _interview_of(episode)
            rows.append(
                EpisodeRow(
                    episode, interview, rhi_status(episode, interview), rhi_clock(episode), now
                )
            )
        else:
            rows.append(EpisodeRow(episode, None, None, None, now))
    if caller_audits:
        return rows
    audit.record(
        actor=user,
        verb="viewed_missing",
        obj=child,
        child=child,
        payload={"episodes": len(rows)},
    )
    return rows


def episode_for(*, user, pk: int, action: str = "view") -> MissingEpisode:
    """One episode, with its child, if `user` may take `action` on the child (Http404 or
    PermissionDenied otherwise). For the pages that write to an episode; not audited (the
    write is)."""
    episode = get_object_or_404(
        MissingEpisode.objects.select_related("child", "reported_by__organisation"), pk=pk
    )
    access.require(user, action, episode.child)
    return episode


def return_interviews_due(*, user, now: datetime | None = None) -> list[EpisodeRow]:
    """Returns whose RHI is still to do, for the children `user` may see: not yet offered
    (the 72-hour clock running or overdue, most urgent first), then offered but not yet
    answered, then accepted but not yet held (oldest offer first).

    Children's social care only (empty for anyone else). One query, whatever the length.
    """
    if user.role not in SOCIAL_CARE_ROLES:
        return []
    now = now or timezone.now()
    episodes = (
        MissingEpisode.objects.filter(
            ended_at__isnull=False, child__in=access.children_visible_to(user, "view")
        )
        .filter(
            Q(return_interview__isnull=True)
            | Q(return_interview__accepted__isnull=True)
            | Q(return_interview__accepted=True, return_interview__held_at__isnull=True)
        )
        .select_related("child", "return_interview")
    )
    rows = []
    for episode in episodes:
        interview = _interview_of(episode)
        rows.append(
            EpisodeRow(episode, interview, rhi_status(episode, interview), rhi_clock(episode), now)
        )
    order = {RhiStatus.TO_OFFER: 0, RhiStatus.OFFERED: 1, RhiStatus.ACCEPTED: 2}
    rows.sort(
        key=lambda r: (
            order[r.status],
            r.clock.due if r.status is RhiStatus.TO_OFFER else r.interview.offered_at,
            r.episode.pk,
        )
    )
    return rows


# ---- figures for the corporate parenting board ----------------------------------------------


def _pct(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


@dataclass(frozen=True)
class MissingFigures:
    """Missing children in a period (dates inclusive).

    Episodes are counted by the day they started; the RHI figures are for children missing
    from care who came back in the period (by the day they came back).
    """

    since: date
    until: date
    episodes: int  # all children, from home, school or care
    children_missing: int
    episodes_from_care: int
    children_missing_from_care: int
    returns_from_care: int  # episodes from care ended in the period
    rhi_offered: int  # of those returns, an RHI offered (at any time)
    rhi_offered_in_72_hours: int
    rhi_accepted: int  # of the offers, accepted by the child (held or to be held)
    rhi_held: int

    @property
    def rhi_offered_in_72_hours_pct(self) -> float | None:
        return _pct(self.rhi_offered_in_72_hours, self.returns_from_care)

    @property
    def rhi_accepted_pct(self) -> float | None:
        return _pct(self.rhi_accepted, self.rhi_offered)

    def as_dict(self) -> dict:
        return {
            "since": self.since.isoformat(),
            "until": self.until.isoformat(),
            "episodes": self.episodes,
            "children_missing": self.children_missing,
            "episodes_from_care": self.episodes_from_care,
            "children_missing_from_care": self.children_missing_from_care,
            "returns_from_care": self.returns_from_care,
            "rhi_offered": self.rhi_offered,
            "rhi_offered_in_72_hours": self.rhi_offered_in_72_hours,
            "rhi_offered_in_72_hours_pct": self.rhi_offered_in_72_hours_pct,
            "rhi_accepted": self.rhi_accepted,
            "rhi_accepted_pct": self.rhi_accepted_pct,
            "rhi_held": self.rhi_held,
        }


def missing_figures(*, since: date, until: date) -> MissingFigures:
    """The board's figures for missing children from `since` to `until` (inclusive).

    Aggregate figures, no child named: the page that shows them checks who may see it.
    Two queries.
    """
    started = MissingEpisode.objects.filter(
        started_at__date__gte=since, started_at__date__lte=until
    )
    rows = list(started.values_list("child_id", "missing_from"))
    from_care = [child for child, where in rows if where == MissingEpisode.From.CARE]
    returns = list(
        MissingEpisode.objects.filter(
            missing_from=MissingEpisode.From.CARE,
            ended_at__date__gte=since,
            ended_at__date__lte=until,
        ).values_list(
            "ended_at",
            "return_interview__offered_at",
            "return_interview__accepted",
            "return_interview__held_at",
        )
    )
    offered = [r for r in returns if r[1] is not None]
    return MissingFigures(
        since=since,
        until=until,
        episodes=len(rows),
        children_missing=len({child for child, _ in rows}),
        episodes_from_care=len(from_care),
        children_missing_from_care=len(set(from_care)),
        returns_from_care=len(returns),
        rhi_offered=len(offered),
        rhi_offered_in_72_hours=sum(
            1 for ended, offered_at, _, _ in offered if offered_at <= RhiClock(ended).due
        ),
        rhi_accepted=sum(1 for _, _, accepted, _ in offered if accepted),
        rhi_held=sum(1 for _, _, _, held in offered if held is not None),
    )


# ---- for the front door's alert rules -------------------------------------------------------


def missing_starts(*, since: date, child_ids=None) -> list[tuple[int, int, date]]:
    """(episode id, child id, day it started, local date) of every episode started on or
    after `since`, for the "repeated missing" alert rule (frontdoor/alerts.py). No access
    check: the rules are evaluated by the system, for every child."""
    episodes = MissingEpisode.objects.filter(started_at__date__gte=since)
    if child_ids is not None:
        episodes = episodes.filter(child_id__in=list(child_ids))
    local = timezone.get_current_timezone()
    return [
        (pk, child_id, started_at.astimezone(local).date())
        for pk, child_id, started_at in episodes.values_list(
            "pk", "child_id", "started_at"
        ).iterator(chunk_size=5000)
    ]
