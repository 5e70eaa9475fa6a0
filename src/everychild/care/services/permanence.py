"""Permanence for children in care: a plan to return home (and the revocation of the care
order it may need), the permanence decision with every option weighed, and the adoption
milestones that the adoption scorecard (A1, A2) measures.

Decisions recorded here (a newcomer would otherwise undo them):

- A plan to return home rests on the child's latest authorised single assessment. When there
  is none, or it was authorised more than six months before the plan, the plan is still
  recorded but comes back with a warning (shown on the page, put on the chronology, and in
  the audit payload). It is not refused: a child may come into care from another authority,
  or before this record began, with no assessment here, and refusing would keep the plan off
  the record rather than get the assessment done. The warning is worked out again every time
  the plan is shown (`return_home_warning`).
- A child whose current legal status is a care order (C1, C2) needs the order revoked before
  they go home: the plan says so (`revocation_needed`) and records the application, hearing
  and revocation dates in that order. Such a child is not recorded as returned home before
  the order is revoked unless they are placed with parents under the order (placement type
  P1, the Placement with Parents regulations): that is how a child goes home while the order
  still stands. Recording the return does not end the period of care: leaving care is
  services/episodes.py's (with its SSDA903 reason).
- The permanence decision must weigh the four core options (return home, kinship care or
  special guardianship, long-term fostering, adoption), each with a note; residential care
  and supported independence may be weighed too. The decision is one of the options weighed.
- Adoption starts from the agency decision maker's decision that the child should be placed
  for adoption, and only after a permanence decision for adoption. The milestones come in
  order (placement order, match, placed, adoption order), each on or after the one before;
  being placed needs the adopters (a Carer of kind "adopters"), named at the match or the
  placement. A plan for adoption that changes before the order (`adoption_plan_change`)
  takes no more milestones; the model keeps one Adoption per child, so a later decision for
  adoption starts the journey again on the same row (the earlier one stays on the
  chronology and the audit log).
- An abandoned plan to return home is closed: a new plan is made instead.
- The adoption order seals the child's record: the chronology entry and the audit row are
  written first, then an access.models.RecordRestriction names who may still open it: the
  person who recorded the order and the child's current allocated worker(s) (the open
  workforce Allocation's worker and anyone with a current allocated-worker Involvement).
  Everyone else, even the rest of the team, then gets 404 on the child. The DPO's own
  `record_restrict` is not used: sealing follows from the court's order, not from a request
  to the DPO. A record already restricted keeps its named staff; the reason gains a line.
  A second chronology entry, "record sealed", follows the seal.
"""

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from everychild import audit
from everychild.access.models import Involvement, InvolvementKind, RecordRestriction
from everychild.care.models import (
    Adoption,
    CareEpisode,
    Carer,
    CarerKind,
    PeriodOfCare,
    PermanenceOption,
    PermanencePlan,
    ReturnHome,
)
from everychild.care.services._common import require_case_holder
from everychild.casework.models import Assessment
from everychild.chronology.models import EntryKind
from everychild.chronology.services import event
from everychild.core.codes import CARE_ORDERS
from everychild.core.errors import DomainError, clean_or_refuse, not_future
from everychild.core.versioning import locked_for_edit, save_versioned
from everychild.people.models import Person
from everychild.workforce.models import Allocation

ASSESSMENT_MAX_AGE_MONTHS = 6
PLACED_WITH_PARENTS = "P1"


def _open_period(period: PeriodOfCare) -> None:
    if period.ended_on is not None:
        raise DomainError("This period of care has ended.")


def _current_episode(period: PeriodOfCare) -> CareEpisode | None:
    return period.episodes.order_by("-started_on", "-pk").first()


def latest_authorised_assessment(child: Person, on: date) -> Assessment | None:
    """The child's most recent single assessment authorised on or before `on`."""
    return (
        Assessment.objects.filter(child=child, authorised_on__isnull=False, authorised_on__lte=on)
        .order_by("-authorised_on", "-pk")
        .first()
    )


def return_home_warning(plan: ReturnHome, today: date | None = None) -> str:
    """Why the assessment behind the plan is not enough, or "" when it is up to date.

    While the plan is open, the assessment must be no more than six months old today (the
    latest authorised one, which may be newer than the one the plan was made on); once the
    child has gone home or the plan is abandoned, on the day the plan was made.
    """
    is_open = plan.returned_on is None and plan.abandoned_on is None
    on = (today or timezone.localdate()) if is_open else plan.planned_on
    assessment = latest_authorised_assessment(plan.child, on) if is_open else plan.assessment
    if assessment is None:
        return (
            "There is no authorised assessment behind this plan: assess the child's family "
            "before the child goes home."
        )
    authorised = assessment.authorised_on
    if authorised < on - relativedelta(months=ASSESSMENT_MAX_AGE_MONTHS):
        when = "today" if is_open else "when the plan was made"
        return (
            f"The latest assessment was authorised on {authorised:%-d %B %Y}, more than six "
            f"months before {when}: update it before the child goes home."
        )
    return ""


@dataclass
class ReturnHomePlanned:
    plan: ReturnHome
    warning: str  # "" when the assessment is up to date


@transaction.atomic
def return_home_plan(
    *,
    period: PeriodOfCare,
    planned_by,
    planned_on: date,
    planned_return_on: date | None = None,
    notes: str = "",
) -> ReturnHomePlanned:
    """Record a plan for the child to go home, resting on their latest authorised assessment.

    Comes back with a warning (not a refusal) when that assessment is missing or more than
    six months old; says whether the care order must be revoked first."""
    child = period.child
    require_case_holder(planned_by, child)
    _open_period(period)
    not_future(planned_on, "planned_on")
    if planned_on < period.started_on:
        raise DomainError(
            "A plan to return home cannot come before the child came into care.",
            field="planned_on",
        )
    if planned_return_on and planned_return_on < planned_on:
        raise DomainError(
            "The planned return cannot come before the plan.", field="planned_return_on"
        )
    open_plans = period.returns_home.filter(returned_on__isnull=True, abandoned_on__isnull=True)
    if open_plans.exists():
        raise DomainError(
            "There is already a plan for this child to return home: update it, or record "
            "that it was abandoned, first."
        )
    episode = _current_episode(period)
    plan = ReturnHome(
        period=period,
        child=child,
        planned_on=planned_on,
        planned_return_on=planned_return_on,
        assessment=latest_authorised_assessment(child, planned_on),
        revocation_needed=bool(episode and episode.legal_status in CARE_ORDERS),
        notes=notes.strip(),
        planned_by=planned_by,
        modified_by=planned_by,
    )
    clean_or_refuse(plan)
    plan.save()
    warning = return_home_warning(plan, today=planned_on)
    audit.record(
        actor=planned_by,
        verb="return_home_planned",
        obj=plan,
        child=child,
        payload={
            "assessment": plan.assessment_id,
            "warning": bool(warning),
            "revocation_needed": plan.revocation_needed,
        },
    )
    summary = "Plan for the child to return home."
    if plan.planned_return_on:
        summary += f" Planned return {plan.planned_return_on:%-d %B %Y}."
    if plan.revocation_needed:
        summary += " The care order must be revoked."
    if warning:
        summary += f" {warning}"
    event(child, planned_by, planned_on, EntryKind.RETURN_HOME, summary, plan)
    return ReturnHomePlanned(plan=plan, warning=warning)


RETURN_HOME_DATES = (
    "revocation_applied_on",
    "revocation_hearing_on",
    "revoked_on",
    "returned_on",
    "abandoned_on",
)
_DATE_WORDS = {
    "revocation_applied_on": "Application to revoke the care order made",
    "revocation_hearing_on": "Revocation hearing",
    "revoked_on": "Care order revoked",
    "returned_on": "Returned home",
    "abandoned_on": "Plan to return home abandoned",
}


def _placed_with_parents_on(period: PeriodOfCare, day: date) -> bool:
    """Whether the child's episode on `day` is a placement with parents (P1)."""
    episode = period.episodes.filter(started_on__lte=day).order_by("-started_on", "-pk").first()
    return bool(episode and episode.placement_type == PLACED_WITH_PARENTS)


def _check_return_home_dates(plan: ReturnHome) -> None:
    for name in RETURN_HOME_DATES:
        day = getattr(plan, name)
        if name != "revocation_hearing_on":  # a hearing may be listed ahead
            not_future(day, name)
        if day and day < plan.planned_on:
            raise DomainError("This cannot come before the plan to return home.", field=name)
    applied, hearing, revoked = (
        plan.revocation_applied_on,
        plan.revocation_hearing_on,
        plan.revoked_on,
    )
    if not plan.revocation_needed and (applied or hearing or revoked):
        raise DomainError(
            "The child is not on a care order: there is no order to revoke.",
            field="revocation_applied_on",
        )
    if (hearing or revoked) and not applied:
        raise DomainError(
            "Record when the application to revoke the care order was made.",
            field="revocation_applied_on",
        )
    if hearing and hearing < applied:
        raise DomainError(
            "The hearing cannot come before the application.", field="revocation_hearing_on"
        )
    if revoked and revoked < (hearing or applied):
        raise DomainError(
            "The order cannot be revoked before the " + ("hearing." if hearing else "application."),
            field="revoked_on",
        )
    if plan.returned_on and plan.abandoned_on:
        raise DomainError(
            "A plan is either carried out or abandoned, not both.", field="abandoned_on"
        )
    returned = plan.returned_on
    if (
        returned
        and plan.revocation_needed
        and (revoked is None or returned < revoked)
        and not _placed_with_parents_on(plan.period, returned)
    ):
        raise DomainError(
            "The child is on a care order: they go home once it is revoked, or while placed "
            "with parents under the order (P1). Record the revocation or the placement first.",
            field="returned_on",
        )


@transaction.atomic
def return_home_update(*, plan: ReturnHome, by, version: int, **dates) -> ReturnHome:
    """Record the revocation's dates and the return (or that the plan was abandoned).

    `dates` are any of RETURN_HOME_DATES; None clears one. Refused, showing the other
    person's changes, if someone saved the plan after `version`."""
    unknown = set(dates) - set(RETURN_HOME_DATES)
    if unknown:
        raise ValueError(f"not return home dates: {sorted(unknown)}")
    require_case_holder(by, plan.child)
    plan = locked_for_edit(ReturnHome, plan, version)
    if plan.abandoned_on is not None:
        raise DomainError("This plan was abandoned: make a new plan instead.")
    changed = {n: v for n, v in dates.items() if getattr(plan, n) != v}
    if not changed:
        return plan
    for name, value in changed.items():
        setattr(plan, name, value)
    _check_return_home_dates(plan)
    save_versioned(plan, by, list(changed))
    audit.record(
        actor=by,
        verb="return_home_updated",
        obj=plan,
        child=plan.child,
        payload={n: v.isoformat() if v else None for n, v in changed.items()},
    )
    said = [
        f"{_DATE_WORDS[n]}: {v:%-d %B %Y}." if v else f"{_DATE_WORDS[n]}: date removed."
        for n, v in changed.items()
    ]
    today = timezone.localdate()
    when = min(max((v for v in changed.values() if v), default=today), today)
    event(plan.child, by, when, EntryKind.RETURN_HOME, " ".join(said), plan)
    return plan


# ---- the permanence decision ----------------------------------------------------------------


CORE_OPTIONS = (
    PermanenceOption.RETURN_HOME,
    PermanenceOption.KINSHIP,
    PermanenceOption.LONG_TERM_FOSTERING,
    PermanenceOption.ADOPTION,
)


@transaction.atomic
def permanence_decide(
    *,
    period: PeriodOfCare,
    decided_by,
    decided_on: date,
    options_considered: dict,
    decision: str,
    rationale: str,
) -> PermanencePlan:
    """The permanence decision, with every core option weighed and a note on each.

    A missing note is refused against the option's own field (its value, e.g. "kinship")."""
    child = period.child
    require_case_holder(decided_by, child)
    _open_period(period)
    not_future(decided_on, "decided_on")
    if decided_on < period.started_on:
        raise DomainError(
            "The decision cannot come before the child came into care.", field="decided_on"
        )
    unknown = set(options_considered) - set(PermanenceOption.values)
    if unknown:
        raise DomainError(
            f"Unknown permanence options: {', '.join(sorted(unknown))}.",
            field="options_considered",
        )
    notes = {
        option: (note or "").strip()
        for option, note in options_considered.items()
        if (note or "").strip()
    }
    for option in CORE_OPTIONS:
        if option.value not in notes:
            raise DomainError(
                f"Say why {option.label.lower()} was ruled in or out: every option is considered.",
                field=option.value,
            )
    if decision not in PermanenceOption.values:
        raise DomainError("Choose the permanence decision.", field="decision")
    if decision not in notes:
        raise DomainError(
            "The decision must be one of the options considered: add a note on it.",
            field=decision,
        )
    if not rationale.strip():
        raise DomainError("Record why this is the plan for the child.", field="rationale")
    plan = PermanencePlan(
        child=child,
        period=period,
        decided_on=decided_on,
        options_considered=notes,
        decision=decision,
        rationale=rationale.strip(),
        decided_by=decided_by,
    )
    clean_or_refuse(plan)
    plan.save()
    audit.record(
        actor=decided_by,
        verb="permanence_decided",
        obj=plan,
        child=child,
        payload={"decision": decision, "options": sorted(notes)},
    )
    event(
        child,
        decided_by,
        decided_on,
        EntryKind.PERMANENCE,
        f"Permanence decision: {plan.get_decision_display()}, after considering "
        f"{len(notes)} options. {plan.rationale[:200]}",
        plan,
    )
    return plan


# ---- adoption -------------------------------------------------------------------------------


# The milestones after the agency decision, in the order they happen.
MILESTONES = ("placement_order_on", "matched_on", "placed_on", "adoption_order_on")
_MILESTONE_WORDS = {
    "should_be_placed_on": "decision that the child should be placed for adoption",
    "placement_order_on": "Placement order made",
    "matched_on": "Matched with adopters",
    "placed_on": "Placed for adoption",
    "adoption_order_on": "Adoption order made",
}


@transaction.atomic
def adoption_start(*, period: PeriodOfCare, by, should_be_placed_on: date) -> Adoption:
    """The agency decision maker's decision that the child should be placed for adoption."""
    child = period.child
    require_case_holder(by, child)
    _open_period(period)
    not_future(should_be_placed_on, "should_be_placed_on")
    if should_be_placed_on < period.started_on:
        raise DomainError(
            "The decision cannot come before the child came into care.",
            field="should_be_placed_on",
        )
    earlier = Adoption.objects.filter(child=child).first()
    if earlier is not None and earlier.plan_changed_on is None:
        raise DomainError("This child's adoption is already recorded.")
    latest = period.permanence_plans.order_by("-decided_on", "-pk").first()
    if latest is None or latest.decision != PermanenceOption.ADOPTION:
        raise DomainError(
            "Record the permanence decision for adoption, with every option considered, first."
        )
    if should_be_placed_on < latest.decided_on:
        raise DomainError(
            "The agency decision cannot come before the permanence decision.",
            field="should_be_placed_on",
        )
    # One adoption record per child: after a changed plan, a new decision starts the journey
    # again on it (the earlier one stays on the chronology and the audit log).
    adoption = earlier or Adoption(child=child)
    adoption.period, adoption.should_be_placed_on, adoption.recorded_by = (
        period,
        should_be_placed_on,
        by,
    )
    for name in MILESTONES:
        setattr(adoption, name, None)
    adoption.adopters, adoption.plan_changed_on, adoption.plan_changed_reason = None, None, ""
    clean_or_refuse(adoption)
    adoption.save()
    audit.record(
        actor=by,
        verb="adoption_started",
        obj=adoption,
        child=child,
        payload={"again": earlier is not None},
    )
    event(
        child,
        by,
        should_be_placed_on,
        EntryKind.ADOPTION,
        "Agency decision maker: the child should be placed for adoption.",
        adoption,
    )
    return adoption


def allocated_workers(child: Person) -> list:
    """The child's current allocated worker(s): the open allocation's worker, and anyone with
    a current allocated-worker involvement (the two are normally the same person)."""
    from everychild.organisations.models import Staff

    ids = set(
        Allocation.objects.filter(
            child=child, ended_on__isnull=True, worker__isnull=False
        ).values_list("worker_id", flat=True)
    ) | set(
        Involvement.objects.current()
        .filter(child=child, kind=InvolvementKind.ALLOCATED_WORKER, staff__isnull=False)
        .values_list("staff_id", flat=True)
    )
    return list(Staff.objects.filter(pk__in=ids, is_active=True))


def _seal(adoption: Adoption, by) -> RecordRestriction:
    child = adoption.child
    reason = f"Adoption order made on {adoption.adoption_order_on:%-d %B %Y}."
    named = {by.pk: by} | {s.pk: s for s in allocated_workers(child)}
    restriction = RecordRestriction.objects.filter(child=child).first()
    if restriction is None:
        restriction = RecordRestriction.objects.create(child=child, reason=reason, restricted_by=by)
        restriction.named_staff.set(named.values())
    else:
        restriction.reason = f"{restriction.reason}\n{reason}".strip()
        restriction.save(update_fields=["reason"])
    audit.record(
        actor=by,
        verb="restricted",
        obj=child,
        child=child,
        reason=reason,
        payload={
            "named_staff": sorted(restriction.named_staff.values_list("pk", flat=True)),
            "adoption": adoption.pk,
        },
    )
    event(
        child,
        by,
        timezone.now(),
        EntryKind.RECORD_RESTRICTED,
        "Record sealed after the adoption order: only named staff may open it.",
        child,
    )
    return restriction


@transaction.atomic
def adoption_milestone(
    *, adoption: Adoption, by, milestone: str, on: date, adopters: Carer | None = None
) -> Adoption:
    """Record the next milestone: placement order, match, placed, adoption order, in order.

    The adoption order seals the child's record (see the module's docstring)."""
    child = adoption.child
    require_case_holder(by, child)
    adoption = Adoption.objects.select_for_update().get(pk=adoption.pk)
    if milestone not in MILESTONES:
        raise DomainError("Choose the milestone.", field="milestone")
    if adoption.plan_changed_on is not None:
        raise DomainError("The plan for adoption has changed: no more milestones follow.")
    if getattr(adoption, milestone) is not None:
        raise DomainError(f"{_MILESTONE_WORDS[milestone]} is already recorded.", field="milestone")
    index = MILESTONES.index(milestone)
    previous = MILESTONES[index - 1] if index else "should_be_placed_on"
    before = getattr(adoption, previous)
    if before is None:
        raise DomainError(
            f"Record the milestone before this one first: {_MILESTONE_WORDS[previous].lower()}.",
            field="milestone",
        )
    not_future(on, "on")
    if on < before:
        raise DomainError(
            f"This cannot come before the {_MILESTONE_WORDS[previous].lower()} "
            f"({before:%-d %B %Y}).",
            field="on",
        )
    if adopters is not None:
        if adopters.kind != CarerKind.ADOPTERS:
            raise DomainError("Choose approved prospective adopters.", field="adopters")
        if milestone not in ("matched_on", "placed_on"):
            raise DomainError("Adopters are named at the match or the placement.", field="adopters")
        if adoption.adopters_id and adoption.adopters_id != adopters.pk:
            raise DomainError(
                f"The child was matched with {adoption.adopters}: record a change of plan "
                "if that match has ended.",
                field="adopters",
            )
        adoption.adopters = adopters
    if milestone == "placed_on" and adoption.adopters_id is None:
        raise DomainError("Name the adopters the child is placed with.", field="adopters")
    setattr(adoption, milestone, on)
    clean_or_refuse(adoption)
    adoption.save(update_fields=[milestone, "adopters"])
    audit.record(
        actor=by,
        verb="adoption_milestone",
        obj=adoption,
        child=child,
        payload={"milestone": milestone, "on": on.isoformat(), "adopters": adoption.adopters_id},
    )
    summary = f"{_MILESTONE_WORDS[milestone]}."
    if milestone in ("matched_on", "placed_on") and adoption.adopters_id:
        summary = f"{_MILESTONE_WORDS[milestone]}: {adoption.adopters}."
    # The chronology entry is written before the record is sealed, by someone who can see it.
    event(child, by, on, EntryKind.ADOPTION, summary, adoption)
    if milestone == "adoption_order_on":
        _seal(adoption, by)
    return adoption


@transaction.atomic
def adoption_plan_change(*, adoption: Adoption, by, changed_on: date, reason: str) -> Adoption:
    """The plan for adoption ends before an adoption order (say the match broke down and a
    new permanence decision is needed)."""
    child = adoption.child
    require_case_holder(by, child)
    adoption = Adoption.objects.select_for_update().get(pk=adoption.pk)
    if adoption.adoption_order_on is not None:
        raise DomainError("The adoption order has been made: the plan cannot change.")
    if adoption.plan_changed_on is not None:
        raise DomainError("The plan for adoption has already changed.")
    not_future(changed_on, "changed_on")
    last = max(
        d for d in [adoption.should_be_placed_on, *(getattr(adoption, m) for m in MILESTONES)] if d
    )
    if changed_on < last:
        raise DomainError(
            f"The plan cannot change before its latest milestone ({last:%-d %B %Y}).",
            field="changed_on",
        )
    if not reason.strip():
        raise DomainError("Say why the plan for adoption has changed.", field="reason")
    adoption.plan_changed_on, adoption.plan_changed_reason = changed_on, reason.strip()
    adoption.save(update_fields=["plan_changed_on", "plan_changed_reason"])
    audit.record(
        actor=by,
        verb="adoption_plan_changed",
        obj=adoption,
        child=child,
        reason=reason.strip(),
    )
    event(
        child,
        by,
        changed_on,
        EntryKind.ADOPTION,
        f"The plan for adoption has changed: {reason.strip()[:200]}",
        adoption,
    )
    return adoption
