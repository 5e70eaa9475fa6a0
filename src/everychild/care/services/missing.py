"""Children missing from home, school or care, and the return home interview (RHI).

Any child may go missing, in care or not; `missing_from` says where from (home, school or a
care placement), and a child missing from care is the SSDA903 Missing table's. Statutory
guidance (*Children who run away or go missing from home or care*, DfE 2014): when a child
returns they are offered an independent return home interview within 72 hours.

Who may do what (decided here, tested in tests/care/test_missing.py):

- Report a child missing, and record their return: children's social care staff who may
  write to the child's record (access "edit"); and police officers - partner practitioners
  whose organisation is the police - for any child whose record they may know exists
  (access "view_minimal"), because the police are often first to know and need not be part
  of the child's plan. Other partners (a school, a GP) raise a concern of category
  "missing" at the front door instead; it counts towards the same alert.
- Offer the RHI and record how it went: children's social care staff who may write to the
  child's record. The interviewer may be any active member of staff (an independent worker
  from a commissioned service has an account too).

The 72-hour clock (`rhi_clock`) runs in real, elapsed hours from the moment of return:
weekends and bank holidays do not stop it (it is not a working-day clock), and across a
change to or from British Summer Time it is still 72 hours, not 72 hours of wall-clock time.
A late offer is recorded, never refused: its lateness is in the audit row and on the
chronology, and the clock says by how many hours.

Chronology (kinds MISSING and RETURN_INTERVIEW): an episode reported by the police, and its
return, are shared with partners in the child's plan (Visibility.PARTNERS) and carry the
police as their source agency; an episode reported by social care, and every RHI entry, are
for children's social care only.

The rules each write keeps:
- A child has at most one open episode (missing, not yet back), and episodes do not
  overlap: a new one cannot start while another is open or within one already recorded.
- Missing from care needs a period of care that covers the day the child went missing, and
  "away from placement without authorisation" (903 type A) is only for a child missing
  from care.
- A return is after the start, not in the future, and only once.
- An RHI is offered after the child has returned, once; it is accepted (held, with a time,
  or still to be held) or declined with the reason. A declined or held interview is final.

Reporting an episode re-evaluates the front door's alert rules for the child: repeated
episodes raise the "repeated missing" alert (the alerts app listens for them).
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from everychild import access, audit
from everychild.care.models import ExploitationRisk, MissingEpisode, ReturnInterview
from everychild.chronology.models import EntryKind, Visibility
from everychild.chronology.services import entry_add
from everychild.core import hooks
from everychild.core.clock import ClockStatus
from everychild.core.codes import MissingType
from everychild.core.errors import DomainError, clean_or_refuse, not_future
from everychild.organisations.models import OrganisationKind
from everychild.organisations.roles import SOCIAL_CARE_ROLES, Role
from everychild.people.models import Person

RHI_HOURS = 72
_HOUR = timedelta(hours=1)


# ---- the 72-hour clock ----------------------------------------------------------------------


def _utc(when: datetime) -> datetime:
    """The moment in UTC. Python compares and subtracts two datetimes with the same tzinfo
    by their wall-clock times, which is an hour out across a change of the clocks; in UTC
    every comparison and difference is in real time."""
    return when.astimezone(UTC)


def rhi_due(returned_at: datetime) -> datetime:
    """When the return home interview must have been offered by: 72 real hours after the
    return (in UTC, so that a change of the clocks does not add or take an hour). Show it
    with timezone.localtime."""
    return _utc(returned_at) + timedelta(hours=RHI_HOURS)


def _whole_hours(delta: timedelta) -> int:
    return max(0, int(delta // _HOUR))


def _hours_between(start: datetime, end: datetime) -> int:
    """Whole real hours from `start` to `end` (0 if `end` is not later)."""
    return _whole_hours(_utc(end) - _utc(start))


def _hours(n: int) -> str:
    if n == 0:
        return "less than an hour"
    return "1 hour" if n == 1 else f"{n} hours"


def due_words(when: datetime) -> str:
    """'14:00 on Thursday 26 November' (local time)."""
    local = timezone.localtime(when)
    return f"{local:%H:%M} on {local:%A} {local.day} {local:%B}"


@dataclass(frozen=True)
class RhiClock:
    """The 72-hour clock of one return: started at the return, stopped by the offer."""

    returned_at: datetime
    offered_at: datetime | None = None

    @property
    def due(self) -> datetime:
        """The due moment, in UTC (show it with timezone.localtime)."""
        return rhi_due(self.returned_at)

    @property
    def due_words(self) -> str:
        return f"due by {due_words(self.due)}"

    def status(self, now: datetime | None = None) -> ClockStatus:
        if self.offered_at is not None:
            in_time = _utc(self.offered_at) <= self.due
            return ClockStatus.DONE_IN_TIME if in_time else ClockStatus.DONE_LATE
        now = _utc(now or timezone.now())
        if now > self.due:
            return ClockStatus.OVERDUE
        if timezone.localdate(now) == timezone.localdate(self.due):
            return ClockStatus.DUE_TODAY
        return ClockStatus.RUNNING

    def is_overdue(self, now: datetime | None = None) -> bool:
        return self.status(now) is ClockStatus.OVERDUE

    def hours_left(self, now: datetime | None = None) -> int:
        """Whole hours until the offer is due (0 once due, or once offered)."""
        if self.offered_at is not None:
            return 0
        return _hours_between(now or timezone.now(), self.due)

    def overdue_by(self, now: datetime | None = None) -> int:
        """Whole hours past the due time (0 if not late); once offered, how late it was."""
        return _hours_between(self.due, self.offered_at or now or timezone.now())

    def describe(self, now: datetime | None = None) -> str:
        """Plain words for the worker: 'Due by 18:00 on Monday 27 December (5 hours left)'."""
        status = self.status(now)
        if status is ClockStatus.OVERDUE:
            return f"Overdue by {_hours(self.overdue_by(now))}: was {self.due_words}"
        if status in (ClockStatus.RUNNING, ClockStatus.DUE_TODAY):
            left = self.hours_left(now)
            return f"Due by {due_words(self.due)} ({_hours(left)} left)"
        if status is ClockStatus.DONE_LATE:
            return f"Offered {_hours(self.overdue_by())} late (was {self.due_words})"
        return "Offered within 72 hours"


def rhi_clock(episode: MissingEpisode) -> RhiClock | None:
    """The episode's 72-hour clock, or None while the child is still missing."""
    if episode.ended_at is None:
        return None
    interview = getattr(episode, "return_interview", None)
    return RhiClock(episode.ended_at, interview.offered_at if interview else None)


# ---- who may act ----------------------------------------------------------------------------


def is_police(user) -> bool:
    """A police officer: a partner practitioner whose organisation is the police."""
    organisation = getattr(user, "organisation", None)
    return (
        getattr(user, "role", None) == Role.PARTNER
        and organisation is not None
        and organisation.kind == OrganisationKind.POLICE
    )


def require_missing_reporter(user, child: Person) -> None:
    """Report a missing child or their return: social care who may edit the record, or the
    police (any child whose record they may know exists)."""
    if is_police(user):
        access.require(user, "view_minimal", child)
        return
    if getattr(user, "role", None) not in SOCIAL_CARE_ROLES:
        raise PermissionDenied(
            "Only children's social care and the police record missing episodes: raise a "
            "concern about a missing child instead."
        )
    access.require(user, "edit", child)


def require_rhi_worker(user, child: Person) -> None:
    """Return home interviews are children's social care's (the authority's duty)."""
    if getattr(user, "role", None) not in SOCIAL_CARE_ROLES:
        raise PermissionDenied("Only children's social care records return home interviews.")
    access.require(user, "edit", child)


# ---- shared checks --------------------------------------------------------------------------


def _aware(when, field: str) -> datetime:
    if not isinstance(when, datetime):
        raise DomainError("Enter a date and a time.", field=field)
    if timezone.is_naive(when):
        raise DomainError("The time must say which time zone it is in.", field=field)
    return _utc(when)


def _choice(value: str, choices, field: str, message: str) -> str:
    if value not in choices.values:
        raise DomainError(message, field=field)
    return value


def _in_care_on(child: Person, when: datetime) -> bool:
    day = timezone.localdate(when)
    return child.periods_of_care.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=day), started_on__lte=day
    ).exists()


def _words(when: datetime) -> str:
    local = timezone.localtime(when)
    return f"{local:%H:%M} on {local.day} {local:%B %Y}"


def _visibility(episode: MissingEpisode) -> str:
    return Visibility.PARTNERS if is_police(episode.reported_by) else Visibility.SOCIAL_CARE


def _source_organisation(episode: MissingEpisode):
    return episode.reported_by.organisation if is_police(episode.reported_by) else None


def _locked(episode: MissingEpisode) -> MissingEpisode:
    return (
        # (of self: PostgreSQL cannot lock the nullable side of the organisation's outer join)
        MissingEpisode.objects.select_for_update(of=("self",))
        .select_related("child", "reported_by__organisation")
        .get(pk=episode.pk)
    )


def _interview(episode: MissingEpisode) -> ReturnInterview | None:
    return ReturnInterview.objects.select_for_update().filter(episode=episode).first()


# ---- missing episodes -----------------------------------------------------------------------


@transaction.atomic
def missing_report(
    *,
    child: Person,
    reported_by,
    started_at: datetime,
    missing_type: str,
    missing_from: str,
    police_reference: str = "",
    exploitation_risk: str = "none",
) -> MissingEpisode:
    """Record that a child is missing (from when), and re-evaluate the front door's alerts."""
    require_missing_reporter(reported_by, child)
    if not child.is_child:
        raise DomainError("Missing episodes are recorded for children only.")
    started_at = _aware(started_at, "started_at")
    not_future(started_at, "started_at")
    _choice(missing_type, MissingType, "missing_type", "Choose whether missing or away.")
    _choice(missing_from, MissingEpisode.From, "missing_from", "Choose where they went from.")
    _choice(
        exploitation_risk,
        ExploitationRisk,
        "exploitation_risk",
        "Choose the risk of exploitation, or none identified.",
    )
    if missing_from == MissingEpisode.From.CARE and not _in_care_on(child, started_at):
        raise DomainError(
            "The child was not in care then: choose missing from home or school.",
            field="missing_from",
        )
    if missing_type == MissingType.AWAY and missing_from != MissingEpisode.From.CARE:
        raise DomainError(
            "Away from placement without authorisation is only for a child in care.",
            field="missing_type",
        )
    # Lock the child's record, so that two reports at once cannot both find none open.
    list(Person.objects.select_for_update().filter(pk=child.pk).values_list("pk", flat=True))
    episodes = list(MissingEpisode.objects.filter(child=child))
    still_missing = next((e for e in episodes if e.ended_at is None), None)
    if still_missing is not None:
        raise DomainError(
            f"The child is already recorded as missing since {_words(still_missing.started_at)}"
            ": record their return first.",
            field="started_at",
        )
    during = next((e for e in episodes if e.started_at <= started_at < e.ended_at), None)
    if during is not None:
        raise DomainError(
            f"The child was already recorded as missing then, from "
            f"{_words(during.started_at)} to {_words(during.ended_at)}.",
            field="started_at",
        )
    episode = MissingEpisode(
        child=child,
        missing_type=missing_type,
        missing_from=missing_from,
        started_at=started_at,
        exploitation_risk=exploitation_risk,
        reported_by=reported_by,
        police_reference=(police_reference or "").strip(),
    )
    clean_or_refuse(episode)
    episode.save()
    audit.record(
        actor=reported_by,
        verb="missing_reported",
        obj=episode,
        child=child,
        payload={
            "missing_type": missing_type,
            "missing_from": missing_from,
            "exploitation_risk": exploitation_risk,
            "by_police": is_police(reported_by),
        },
    )
    summary = (
        f"{episode.get_missing_type_display()} from {episode.get_missing_from_display().lower()}"
        f" since {_words(started_at)}."
    )
    if episode.police_reference:
        summary += f" Police reference {episode.police_reference}."
    if exploitation_risk != ExploitationRisk.NONE_IDENTIFIED:
        summary += f" Risk of exploitation: {episode.get_exploitation_risk_display().lower()}."
    entry_add(
        child=child,
        when=started_at,
        kind=EntryKind.MISSING,
        summary=summary,
        source=episode,
        source_organisation=_source_organisation(episode),
        visibility=_visibility(episode),
        recorded_by=reported_by,
    )
    hooks.run("care.missing_episode_recorded", child=child, episode=episode, by=reported_by)
    return episode


@transaction.atomic
def missing_return(
    *,
    episode: MissingEpisode,
    by,
    ended_at: datetime,
    where_found: str,
    exploitation_risk: str | None = None,
) -> MissingEpisode:
    """Record the child's return (when and where found); the 72-hour RHI clock starts."""
    require_missing_reporter(by, episode.child)
    episode = _locked(episode)
    if episode.ended_at is not None:
        raise DomainError(
            f"The child's return was already recorded, at {_words(episode.ended_at)}."
        )
    ended_at = _aware(ended_at, "ended_at")
    not_future(ended_at, "ended_at")
    if ended_at <= episode.started_at:
        raise DomainError(
            f"The return must be after the child went missing ({_words(episode.started_at)}).",
            field="ended_at",
        )
    later = (
        MissingEpisode.objects.filter(child=episode.child, started_at__gt=episode.started_at)
        .order_by("started_at")
        .first()
    )
    if later is not None and ended_at > later.started_at:
        raise DomainError(
            f"The return must be before the next episode, from {_words(later.started_at)}.",
            field="ended_at",
        )
    where_found = (where_found or "").strip()
    if not where_found:
        raise DomainError(
            "Say where the child was found, or how they came back.", field="where_found"
        )
    fields = ["ended_at", "where_found"]
    if exploitation_risk is not None:
        _choice(
            exploitation_risk,
            ExploitationRisk,
            "exploitation_risk",
            "Choose the risk of exploitation, or none identified.",
        )
        episode.exploitation_risk = exploitation_risk
        fields.append("exploitation_risk")
    episode.ended_at, episode.where_found = ended_at, where_found
    clean_or_refuse(episode)
    episode.save(update_fields=fields)
    clock = RhiClock(ended_at)
    audit.record(
        actor=by,
        verb="missing_returned",
        obj=episode,
        child=episode.child,
        payload={
            "exploitation_risk": episode.exploitation_risk,
            "hours_missing": _hours_between(episode.started_at, ended_at),
            "interview_due_by": clock.due,
        },
    )
    summary = f"Back from missing at {_words(ended_at)}. Found: {where_found}"
    if exploitation_risk is not None and exploitation_risk != ExploitationRisk.NONE_IDENTIFIED:
        summary += f" Risk of exploitation: {episode.get_exploitation_risk_display().lower()}."
    entry_add(
        child=episode.child,
        when=ended_at,
        kind=EntryKind.MISSING,
        summary=summary,
        source=episode,
        source_organisation=_source_organisation(episode),
        visibility=_visibility(episode),
        recorded_by=by,
    )
    return episode


# ---- return home interviews -----------------------------------------------------------------


@transaction.atomic
def return_interview_offer(*, episode: MissingEpisode, by, offered_at: datetime) -> ReturnInterview:
    """Offer the return home interview. A late offer (after 72 hours) is recorded as late."""
    require_rhi_worker(by, episode.child)
    episode = _locked(episode)
    if episode.ended_at is None:
        raise DomainError("Record the child's return first: they are still missing.")
    if _interview(episode) is not None:
        raise DomainError("A return home interview has already been offered for this episode.")
    offered_at = _aware(offered_at, "offered_at")
    not_future(offered_at, "offered_at")
    if offered_at < episode.ended_at:
        raise DomainError(
            f"The offer cannot be before the child came back ({_words(episode.ended_at)}).",
            field="offered_at",
        )
    interview = ReturnInterview(episode=episode, offered_at=offered_at, recorded_by=by)
    clean_or_refuse(interview)
    interview.save()
    clock = RhiClock(episode.ended_at, offered_at)
    late = clock.status() is ClockStatus.DONE_LATE
    audit.record(
        actor=by,
        verb="return_interview_offered",
        obj=interview,
        child=episode.child,
        payload={"due_by": clock.due, "late": late, "hours_late": clock.overdue_by()},
    )
    timing = (
        f"late: {_hours(clock.overdue_by())} after the 72 hours, which ended at "
        f"{due_words(clock.due)}"
        if late
        else "within 72 hours of the return"
    )
    entry_add(
        child=episode.child,
        when=offered_at,
        kind=EntryKind.RETURN_INTERVIEW,
        summary=f"Return home interview offered {timing}.",
        source=interview,
        visibility=Visibility.SOCIAL_CARE,
        recorded_by=by,
    )
    return interview


@transaction.atomic
def return_interview_record(
    *,
    episode: MissingEpisode,
    by,
    accepted: bool,
    held_at: datetime | None = None,
    interviewer=None,
    declined_reason: str = "",
    child_words: str = "",
    push_factors: str = "",
) -> ReturnInterview:
    """Record the child's answer: accepted (held at a time, or still to be held) or declined
    with the reason. An accepted interview still to be held can be recorded again once held."""
    require_rhi_worker(by, episode.child)
    episode = _locked(episode)
    interview = _interview(episode)
    if interview is None:
        raise DomainError("Offer the return home interview first.")
    if interview.held_at is not None:
        raise DomainError("The return home interview has already been recorded as held.")
    if interview.accepted is False:
        raise DomainError("The child has already declined this return home interview.")
    if accepted not in (True, False):
        raise DomainError("Say whether the child accepted the interview.", field="accepted")
    declined_reason = (declined_reason or "").strip()
    child_words, push_factors = (child_words or "").strip(), (push_factors or "").strip()
    if accepted:
        if declined_reason:
            raise DomainError(
                "Give a reason only when the child declined.", field="declined_reason"
            )
        if held_at is not None:
            held_at = _aware(held_at, "held_at")
            not_future(held_at, "held_at")
            if held_at < interview.offered_at:
                raise DomainError(
                    f"The interview cannot be before it was offered "
                    f"({_words(interview.offered_at)}).",
                    field="held_at",
                )
            interviewer = interviewer or by
            if not interviewer.is_active:
                raise DomainError(f"{interviewer} no longer works here.", field="interviewer")
        elif child_words or push_factors or interviewer is not None:
            raise DomainError(
                "Enter when the interview was held to record who held it and what was said.",
                field="held_at",
            )
    else:
        if not declined_reason:
            raise DomainError("Say why the child declined the interview.", field="declined_reason")
        if held_at is not None or interviewer is not None or child_words or push_factors:
            raise DomainError("A declined interview was not held.", field="held_at")
    interview.accepted, interview.held_at = accepted, held_at
    interview.interviewer = interviewer if accepted else None
    interview.declined_reason = declined_reason
    interview.child_words, interview.push_factors = child_words, push_factors
    clean_or_refuse(interview)
    interview.save()
    if not accepted:
        verb, summary = "return_interview_declined", "Return home interview declined."
    elif held_at is None:
        verb, summary = "return_interview_accepted", "Return home interview accepted; to be held."
    else:
        verb = "return_interview_held"
        summary = f"Return home interview held at {_words(held_at)} by {interviewer}."
    audit.record(
        actor=by,
        verb=verb,
        obj=interview,
        child=episode.child,
        payload={"accepted": accepted, "held": held_at is not None},
    )
    entry_add(
        child=episode.child,
        when=held_at or timezone.now(),
        kind=EntryKind.RETURN_INTERVIEW,
        summary=summary,
        source=interview,
        visibility=Visibility.SOCIAL_CARE,
        recorded_by=by,
    )
    return interview
