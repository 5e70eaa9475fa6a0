"""The single assessment: started on a referral, drafted by the worker (no lost updates),
submitted, and authorised or returned by a manager (services.oversight signs it off)."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from everychild import access, audit
from everychild.casework.models import Assessment, DecisionKind, KeyDecision
from everychild.casework.services._common import ask_sign_off, recorded, require_open_case
from everychild.chronology.models import EntryKind, Visibility
from everychild.chronology.services import event
from everychild.core.codes import AssessmentFactor
from everychild.core.errors import DomainError, clean_or_refuse, not_future
from everychild.core.versioning import locked_for_edit, save_versioned
from everychild.frontdoor.models import Referral
from everychild.frontdoor.services import referral_outcome_record
from everychild.organisations.roles import SOCIAL_CARE_ROLES


@transaction.atomic
def assessment_start(
    *, referral: Referral, worker, started_by, started_on: date | None = None
) -> Assessment:
    require_open_case(started_by, referral)
    started_on = started_on or timezone.localdate()
    not_future(started_on, "started_on")
    if started_on < referral.referral_date:
        raise DomainError("An assessment cannot start before its referral.", field="started_on")
    if referral.assessments.filter(authorised_on__isnull=True).exists():
        raise DomainError("This referral already has an assessment under way.")
    if worker.role not in SOCIAL_CARE_ROLES or not access.can(worker, "edit", referral.child):
        raise DomainError(f"{worker} is not a social worker on this child's case.", field="worker")
    assessment = Assessment(
        child=referral.child,
        referral=referral,
        worker=worker,
        started_on=started_on,
        due_on=Assessment.due_from(referral.referral_date),
        modified_by=started_by,
    )
    clean_or_refuse(assessment)
    assessment.save()
    recorded(
        assessment,
        "assessment_started",
        by=started_by,
        when=started_on,
        summary=f"Single assessment started; due {assessment.due_on:%d %B %Y}.",
    )
    return assessment


# The fields the worker's draft saves (and its form shows).
ASSESSMENT_FIELDS = [
    "child_seen_on",
    "child_seen_alone",
    "child_views",
    "family_views",
    "analysis",
    "factors",
    "recommendation",
]


@transaction.atomic
def assessment_update(*, assessment: Assessment, updated_by, version: int, **changes) -> Assessment:
    """Save the worker's draft. Refuses, showing the other's changes, if someone saved first."""
    access.require(updated_by, "edit", assessment.child)
    assessment = locked_for_edit(Assessment, assessment, version)
    if assessment.authorised_on is not None:
        raise DomainError("This assessment is authorised: it can no longer be changed.")
    if assessment.submitted_at is not None:
        raise DomainError(
            "This assessment is waiting for a manager: it cannot change until "
            "they authorise it or return it."
        )
    unknown = set(changes) - set(ASSESSMENT_FIELDS)
    if unknown:
        raise ValueError(f"not assessment fields: {sorted(unknown)}")
    factors = changes.get("factors", assessment.factors)
    bad = [f for f in factors if f not in AssessmentFactor.values]
    if bad:
        raise DomainError(f"Unknown factors: {', '.join(bad)}.", field="factors")
    seen_on = changes.get("child_seen_on", assessment.child_seen_on)
    not_future(seen_on, "child_seen_on")
    if seen_on and seen_on < assessment.referral.referral_date:
        raise DomainError("The child was seen before the referral?", field="child_seen_on")
    for name, value in changes.items():
        setattr(assessment, name, value)
    save_versioned(assessment, updated_by, list(changes))
    audit.record(
        actor=updated_by,
        verb="assessment_updated",
        obj=assessment,
        child=assessment.child,
        payload={"fields": sorted(changes)},
    )
    return assessment


def _missing_for_authorisation(assessment: Assessment) -> list[str]:
    missing = [
        label
        for field, label in (
            ("child_seen_on", "when the child was seen"),
            ("analysis", "the analysis"),
            ("recommendation", "the recommended outcome"),
        )
        if not getattr(assessment, field)
    ]
    if assessment.child_seen_on and assessment.child_seen_alone is None:
        missing.append("whether the child was seen alone")
    return missing


@transaction.atomic
def assessment_submit(
    *, assessment: Assessment, submitted_by, version: int, **changes
) -> KeyDecision:
    """The worker saves any last changes and asks a manager to authorise the assessment:
    both, or neither."""
    if changes:
        assessment = assessment_update(
            assessment=assessment, updated_by=submitted_by, version=version, **changes
        )
        version = assessment.version
    access.require(submitted_by, "edit", assessment.child)
    assessment = locked_for_edit(Assessment, assessment, version)
    if assessment.authorised_on is not None:
        raise DomainError("This assessment is already authorised.")
    missing = _missing_for_authorisation(assessment)
    if missing:
        raise DomainError(
            f"Before it is authorised, record {', '.join(missing)}.", field="recommendation"
        )
    assessment.submitted_at = timezone.now()
    save_versioned(assessment, submitted_by, ["submitted_at"])
    decision = ask_sign_off(
        child=assessment.child,
        kind=DecisionKind.ASSESSMENT,
        subject=assessment,
        by=submitted_by,
        summary=f"Assessment recommends: {assessment.get_recommendation_display()}.",
    )
    audit.record(
        actor=submitted_by, verb="assessment_submitted", obj=assessment, child=assessment.child
    )
    return decision


def assessment_signed_off(decision: KeyDecision, manager, agree: bool, note: str) -> None:
    """A manager's sign-off of the assessment (inside key_decision_sign_off): authorised,
    with the referral's outcome recorded, or returned to the worker with the note."""
    assessment = locked_for_edit(Assessment, decision.subject, None)
    if not agree:
        assessment.submitted_at, assessment.return_note = None, note
        save_versioned(assessment, manager, ["submitted_at", "return_note"])
        return
    assessment.authorised_by, assessment.authorised_on = manager, timezone.localdate()
    save_versioned(assessment, manager, ["authorised_by", "authorised_on"])
    late = assessment.clock.describe()
    event(
        assessment.child,
        manager,
        timezone.now(),
        EntryKind.ASSESSMENT,
        f"Assessment authorised ({late}): {assessment.get_recommendation_display()}.",
        assessment,
        Visibility.PARTNERS,
    )
    referral_outcome_record(
        referral=assessment.referral, outcome=assessment.recommendation, recorded_by=manager
    )
