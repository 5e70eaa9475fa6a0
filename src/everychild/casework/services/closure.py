"""Closing the case, or stepping it down to early help: proposed by the case holder, taking
effect when a manager agrees (services.oversight signs key decisions off)."""

from datetime import date

from django.db import transaction
from django.db.models import Max

from everychild import audit
from everychild.access.models import InvolvementKind
from everychild.access.services import involvement_start
from everychild.casework.models import DecisionKind, KeyDecision
from everychild.casework.services._common import ask_sign_off, require_open_case
from everychild.chronology.models import EntryKind, Visibility
from everychild.chronology.services import event
from everychild.core.calendar import at
from everychild.core.codes import ReasonForClosure
from everychild.core.errors import DomainError, not_future
from everychild.frontdoor.models import Referral
from everychild.frontdoor.services import referral_close
from everychild.organisations.models import Staff
from everychild.workforce.services import allocation_end


def _last_activity(referral: Referral) -> date:
    """The latest date of the case's own work: a closure cannot come before it (CIN census
    validation 8565)."""
    dates = [referral.referral_date]
    for queryset, fields in (
        (referral.assessments, ("started_on", "authorised_on")),
        (referral.section47s, ("started_on",)),
        (referral.conferences, ("held_on",)),
        (referral.cin_plans, ("started_on", "ended_on")),
        (referral.cp_plans, ("started_on", "ended_on")),
    ):
        found = queryset.aggregate(**{f: Max(f) for f in fields})
        dates += [d for d in found.values() if d]
    return max(dates)


def _plans_ended(referral: Referral, message: str) -> None:
    if (
        referral.cin_plans.filter(ended_on__isnull=True).exists()
        or referral.cp_plans.filter(ended_on__isnull=True).exists()
    ):
        raise DomainError(message)


def _propose(*, referral: Referral, proposed_by, on: date, field: str, **decision):
    """Ask a manager to agree closing the case on `on`, not before its latest work."""
    last = _last_activity(referral)
    if on < last:
        raise DomainError(
            f"The case cannot close before {last:%d %B %Y}, the date of its latest work.",
            field=field,
        )
    proposal = ask_sign_off(child=referral.child, subject=referral, by=proposed_by, **decision)
    audit.record(
        actor=proposed_by,
        verb=f"{proposal.kind}_proposed",
        obj=proposal,
        child=referral.child,
        payload=proposal.details,
    )
    return proposal


@transaction.atomic
def closure_propose(
    *, referral: Referral, proposed_by, closed_on: date, reason: str
) -> KeyDecision:
    """Propose closing the case with its CIN census reason; a manager's sign-off closes it."""
    require_open_case(proposed_by, referral)
    if reason not in ReasonForClosure.values:
        raise DomainError("Choose the reason for closure.", field="reason")
    not_future(closed_on, "closed_on")
    _plans_ended(referral, "End the child's open plans before closing the case.")
    return _propose(
        referral=referral,
        proposed_by=proposed_by,
        on=closed_on,
        field="closed_on",
        kind=DecisionKind.CLOSURE,
        summary=f"Close the case: {ReasonForClosure(reason).label}.",
        details={"reason": reason, "closed_on": closed_on.isoformat()},
    )


@transaction.atomic
def step_down_propose(
    *, referral: Referral, proposed_by, lead_professional, stepped_on: date
) -> KeyDecision:
    """Propose stepping down to early help, with a lead professional partners can see."""
    require_open_case(proposed_by, referral)
    not_future(stepped_on, "stepped_on")
    _plans_ended(referral, "End the child's open plans before stepping down.")
    if lead_professional is None or not lead_professional.is_active:
        raise DomainError("Name the lead professional for early help.", field="lead_professional")
    return _propose(
        referral=referral,
        proposed_by=proposed_by,
        on=stepped_on,
        field="stepped_on",
        kind=DecisionKind.STEP_DOWN,
        summary=f"Step down to early help, with {lead_professional} as lead professional.",
        details={"lead_professional": lead_professional.pk, "on": stepped_on.isoformat()},
    )


def closure_agreed(decision: KeyDecision, manager) -> None:
    """A manager agreed the closure (inside key_decision_sign_off): the case closes."""
    referral = decision.subject
    _plans_ended(referral, "A plan has started since closure was proposed: end it first.")
    closed_on = date.fromisoformat(decision.details["closed_on"])
    referral_close(
        referral=referral, closed_by=manager, closed_on=closed_on, reason=decision.details["reason"]
    )
    allocation_end(child=referral.child, ended_by=manager, on=closed_on)


def step_down_agreed(decision: KeyDecision, manager) -> None:
    """A manager agreed the step-down (inside key_decision_sign_off): the case closes and
    the lead professional becomes the person partners see for the child."""
    referral = decision.subject
    _plans_ended(referral, "A plan has started since the step-down was proposed: end it first.")
    on = date.fromisoformat(decision.details["on"])
    lead = Staff.objects.get(pk=decision.details["lead_professional"])
    # Straight after assessment it is RC9; after a plan, services ceased (RC7).
    had_plans = referral.cin_plans.exists() or referral.cp_plans.exists()
    reason = (
        ReasonForClosure.SERVICES_CEASED
        if had_plans
        else ReasonForClosure.CLOSED_AFTER_ASSESSMENT_EARLY_HELP
    )
    referral_close(referral=referral, closed_by=manager, closed_on=on, reason=reason)
    allocation_end(child=referral.child, ended_by=manager, on=on)
    involvement_start(
        child=referral.child,
        kind=InvolvementKind.LEAD_PROFESSIONAL,
        staff=lead,
        started_on=on,
        by=manager,
    )
    event(
        referral.child,
        manager,
        at(on, 17),
        EntryKind.STEP_DOWN,
        f"Stepped down to early help; lead professional {lead}"
        f"{', ' + str(lead.organisation) if lead.organisation else ''}.",
        referral,
        Visibility.PARTNERS,
    )
