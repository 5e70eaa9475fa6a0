"""Writes for the LADO service. Allegation records are confidential: only the LADO team
and staff named on an allegation may see or change it. Nothing is written to the
children's or the subject's chronologies (their records show nothing of it); every read
and write is in the audit log."""

from dataclasses import dataclass
from datetime import date, datetime

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from everychild import access, audit
from everychild.core.errors import DomainError, clean_or_refuse
from everychild.lado.models import (
    Allegation,
    AllegationAction,
    AllegationKind,
    AllegationMeeting,
    Consequence,
    EmployerAction,
    EmployerActionKind,
    Engagement,
    InitialDecision,
    MeetingKind,
    Outcome,
    Sector,
)
from everychild.organisations.roles import Role
from everychild.people import services as people_services
from everychild.people.models import Person, PersonKind

EXCEPTIONAL_MONTHS = 12


def is_lado(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.role == Role.LADO)


def can_see(user, allegation: Allegation) -> bool:
    """The LADO team, and staff named on this allegation."""
    if is_lado(user):
        return True
    return bool(user and user.is_authenticated and user.is_active) and (
        allegation.named_staff.filter(pk=user.pk).exists()
    )


def require_lado(user) -> None:
    if not is_lado(user):
        raise PermissionDenied("Only the LADO team manages allegations.")


def _not_future(day: date | None, field: str) -> None:
    if day and day > timezone.localdate():
        raise DomainError("The date cannot be in the future.", field=field)


def _record(user, verb: str, allegation: Allegation, **payload) -> None:
    # The audit row names the subject (an adult), never a child: a child's "who looked at
    # this record" page must not reveal that an allegation exists.
    audit.record(
        actor=user,
        verb=verb,
        obj=allegation,
        child=None,
        payload={"allegation": allegation.pk, **payload},
    )


# ---- receiving an allegation -------------------------------------------------------------------


@dataclass(frozen=True)
class Subject:
    """The person the allegation is about: an adult already in the index, or a new one."""

    person: Person | None = None
    given_name: str = ""
    family_name: str = ""
    date_of_birth: date | None = None


def _subject(subject: Subject, recorded_by) -> Person:
    if subject.person is not None:
        if subject.person.kind != PersonKind.ADULT:
            raise DomainError("The subject of an allegation is an adult.", field="subject")
        return subject.person
    if not subject.family_name.strip():
        raise DomainError("Enter the subject's family name.", field="subject_family_name")
    _not_future(subject.date_of_birth, "subject_date_of_birth")
    return people_services.person_create(
        created_by=recorded_by,
        verified=False,  # as the referrer named them
        kind=PersonKind.ADULT,
        given_name=subject.given_name.strip(),
        family_name=subject.family_name,
        date_of_birth=subject.date_of_birth,
    )


@transaction.atomic
def allegation_receive(
    *,
    recorded_by,
    subject: Subject,
    subject_role: str,
    sector: str,
    kinds: list[str],
    description: str,
    referred_by: str,
    referrer_sector: str,
    received_at: datetime | None = None,
    employer=None,
    employer_name: str = "",
    children=(),
) -> Allegation:
    """A referral to the LADO about an adult who works or volunteers with children."""
    require_lado(recorded_by)
    if sector not in Sector.values:
        raise DomainError("Choose the sector the person works in.", field="sector")
    if referrer_sector not in Sector.values:
        raise DomainError("Choose where the referral came from.", field="referrer_sector")
    kinds = list(dict.fromkeys(kinds))
    if not kinds or any(k not in AllegationKind.values for k in kinds):
        raise DomainError("Choose which of the harm tests the allegation meets.", field="kinds")
    if not subject_role.strip():
        raise DomainError("Enter the person's role.", field="subject_role")
    if employer is None and not employer_name.strip():
        raise DomainError("Enter the employer or organisation.", field="employer_name")
    if not description.strip():
        raise DomainError("Describe the allegation.", field="description")
    if not referred_by.strip():
        raise DomainError("Say who made the referral.", field="referred_by")
    received_at = received_at or timezone.now()
    if received_at > timezone.now():
        raise DomainError("A referral cannot be received in the future.", field="received_at")
    children = list(children)
    if any(not c.is_child for c in children):
        raise DomainError("Only children can be the children involved.", field="children")
    known = access.children_visible_to(recorded_by, "view_minimal").filter(
        pk__in=[c.pk for c in children]
    )
    if known.count() != len(children):
        raise DomainError("No such child.", field="children")
    allegation = Allegation(
        subject=_subject(subject, recorded_by),
        subject_role=subject_role.strip(),
        employer=employer,
        employer_name="" if employer else employer_name.strip(),
        sector=sector,
        kinds=kinds,
        description=description.strip(),
        referred_by=referred_by.strip(),
        referrer_sector=referrer_sector,
        received_at=received_at,
        recorded_by=recorded_by,
    )
    clean_or_refuse(allegation)
    allegation.save()
    allegation.children.set(children)
    _record(
        recorded_by,
        "allegation_received",
        allegation,
        sector=sector,
        kinds=kinds,
        children=len(children),
    )
    return allegation


def _locked(allegation: Allegation) -> Allegation:
    return Allegation.objects.select_for_update().get(pk=allegation.pk)


def _require_open(allegation: Allegation) -> None:
    if allegation.outcome:
        raise DomainError("This allegation has an outcome: it is closed.")


@transaction.atomic
def initial_consideration(
    *, allegation: Allegation, decided_by, decision: str, rationale: str
) -> Allegation:
    """The LADO's first decision, due within one working day of the referral."""
    require_lado(decided_by)
    allegation = _locked(allegation)
    _require_open(allegation)
    if allegation.initial_decision:
        raise DomainError("The initial consideration is already recorded.")
    if decision not in InitialDecision.values:
        raise DomainError("Record the decision.", field="decision")
    if len(rationale.strip()) < 10:
        raise DomainError("Say why.", field="rationale")
    allegation.initial_decision, allegation.initial_rationale = decision, rationale.strip()
    allegation.initial_decided_at = timezone.now()
    allegation.version += 1
    allegation.save(
        update_fields=["initial_decision", "initial_rationale", "initial_decided_at", "version"]
    )
    _record(
        decided_by,
        "allegation_considered",
        allegation,
        decision=decision,
        clock=allegation.initial_clock.describe(),
    )
    return allegation


@dataclass(frozen=True)
class ActionSpec:
    action: str
    owner: str
    due_on: date


def _check_actions(actions, after: date) -> None:
    for spec in actions:
        if not (spec.action.strip() and spec.owner.strip()):
            raise DomainError("Each action needs a description and an owner.", field="actions")
        if spec.due_on is None:
            raise DomainError("Each action needs a due date.", field="actions")
        if spec.due_on < after:
            raise DomainError("An action cannot be due before the meeting.", field="actions")


@transaction.atomic
def meeting_record(
    *,
    allegation: Allegation,
    recorded_by,
    kind: str,
    held_on: date,
    attendees: str,
    agencies=(),
    notes: str = "",
    actions=(),
) -> AllegationMeeting:
    """A strategy or evaluation meeting, with the actions it agreed."""
    require_lado(recorded_by)
    allegation = _locked(allegation)
    _require_open(allegation)
    if kind not in MeetingKind.values:
        raise DomainError("Choose strategy or evaluation meeting.", field="kind")
    _not_future(held_on, "held_on")
    if held_on < allegation.received_on:
        raise DomainError("A meeting cannot come before the referral.", field="held_on")
    if not attendees.strip():
        raise DomainError("Record who attended.", field="attendees")
    _check_actions(actions, held_on)
    meeting = AllegationMeeting.objects.create(
        allegation=allegation,
        kind=kind,
        held_on=held_on,
        attendees=attendees.strip(),
        notes=notes.strip(),
        recorded_by=recorded_by,
    )
    meeting.agencies.set(list(agencies))
    AllegationAction.objects.bulk_create(
        [
            AllegationAction(
                allegation=allegation,
                meeting=meeting,
                action=s.action.strip(),
                owner=s.owner.strip(),
                due_on=s.due_on,
            )
            for s in actions
        ]
    )
    _record(recorded_by, "allegation_meeting", allegation, kind=kind, actions=len(actions))
    return meeting


@transaction.atomic
def action_done(
    *, action: AllegationAction, done_by, done_on: date | None = None
) -> AllegationAction:
    require_lado(done_by)
    if action.done_on is not None:
        raise DomainError("This action is already done.")
    done_on = done_on or timezone.localdate()
    _not_future(done_on, "done_on")
    if action.meeting and done_on < action.meeting.held_on:
        raise DomainError("It cannot be done before the meeting that agreed it.", field="done_on")
    action.done_on = done_on
    action.save(update_fields=["done_on"])
    _record(done_by, "allegation_action_done", action.allegation, action=action.pk)
    return action


@transaction.atomic
def employer_action_record(
    *,
    allegation: Allegation,
    recorded_by,
    kind: str,
    started_on: date,
    ended_on: date | None = None,
    notes: str = "",
) -> EmployerAction:
    require_lado(recorded_by)
    if kind not in EmployerActionKind.values:
        raise DomainError("Choose what the employer did.", field="kind")
    _not_future(started_on, "started_on")
    if ended_on and ended_on < started_on:
        raise DomainError("It cannot end before it started.", field="ended_on")
    action = EmployerAction.objects.create(
        allegation=allegation,
        kind=kind,
        started_on=started_on,
        ended_on=ended_on,
        notes=notes.strip(),
    )
    _record(recorded_by, "employer_action_recorded", allegation, kind=kind)
    return action


@transaction.atomic
def agency_outcomes_record(
    *, allegation: Allegation, recorded_by, police_outcome: str = "", social_care_outcome: str = ""
) -> Allegation:
    require_lado(recorded_by)
    allegation = _locked(allegation)
    if not (police_outcome.strip() or social_care_outcome.strip()):
        raise DomainError(
            "Record the police's or children's social care's outcome.", field="police_outcome"
        )
    if police_outcome.strip():
        allegation.police_outcome = police_outcome.strip()
    if social_care_outcome.strip():
        allegation.social_care_outcome = social_care_outcome.strip()
    allegation.version += 1
    allegation.save(update_fields=["police_outcome", "social_care_outcome", "version"])
    _record(recorded_by, "agency_outcomes_recorded", allegation)
    return allegation


@transaction.atomic
def outcome_record(
    *,
    allegation: Allegation,
    recorded_by,
    outcome: str,
    outcome_on: date | None,
    basis: str,
    consequences: list[str],
    exceptional_delay: str = "",
) -> Allegation:
    """The final outcome, with the date, the basis for it and what follows."""
    require_lado(recorded_by)
    allegation = _locked(allegation)
    _require_open(allegation)
    if not allegation.initial_decision:
        raise DomainError("Record the initial consideration first.")
    if outcome not in Outcome.values:
        raise DomainError("Choose the outcome.", field="outcome")
    if outcome_on is None:
        raise DomainError("Enter the date of the outcome.", field="outcome_on")
    _not_future(outcome_on, "outcome_on")
    if outcome_on < allegation.received_on:
        raise DomainError("The outcome cannot come before the referral.", field="outcome_on")
    if len(basis.strip()) < 20:
        raise DomainError(
            "Record the basis for the outcome: the evidence it rests on.", field="basis"
        )
    consequences = list(dict.fromkeys(consequences))
    if not consequences or any(c not in Consequence.values for c in consequences):
        raise DomainError(
            "Record what follows from the outcome (or no further action).", field="consequences"
        )
    if Consequence.NONE in consequences and len(consequences) > 1:
        raise DomainError("'No further action' cannot go with other actions.", field="consequences")
    late = outcome_on > allegation.received_on + relativedelta(months=EXCEPTIONAL_MONTHS)
    if late and not exceptional_delay.strip():
        raise DomainError(
            "This took over twelve months: record why it was exceptional.",
            field="exceptional_delay",
        )
    allegation.outcome, allegation.outcome_on = outcome, outcome_on
    allegation.outcome_basis, allegation.consequences = basis.strip(), consequences
    allegation.exceptional_delay = exceptional_delay.strip()
    allegation.version += 1
    allegation.save(
        update_fields=[
            "outcome",
            "outcome_on",
            "outcome_basis",
            "consequences",
            "exceptional_delay",
            "version",
        ]
    )
    _record(
        recorded_by,
        "allegation_outcome",
        allegation,
        outcome=outcome,
        days=allegation.days_to_outcome(),
        consequences=consequences,
    )
    return allegation


@transaction.atomic
def named_access_grant(*, allegation: Allegation, staff, granted_by) -> Allegation:
    """Give a named person (an employer's designated officer, a police officer) this one
    allegation, and nothing else."""
    require_lado(granted_by)
    if not staff.is_active:
        raise DomainError("That account is not active.", field="staff")
    if allegation.named_staff.filter(pk=staff.pk).exists():
        raise DomainError(f"{staff} is already named on this allegation.", field="staff")
    allegation.named_staff.add(staff)
    _record(granted_by, "allegation_access_granted", allegation, staff=staff.pk)
    return allegation


@transaction.atomic
def named_access_revoke(*, allegation: Allegation, staff, revoked_by) -> Allegation:
    require_lado(revoked_by)
    if not allegation.named_staff.filter(pk=staff.pk).exists():
        raise DomainError(f"{staff} is not named on this allegation.", field="staff")
    allegation.named_staff.remove(staff)
    _record(revoked_by, "allegation_access_revoked", allegation, staff=staff.pk)
    return allegation


@transaction.atomic
def engagement_record(
    *,
    recorded_by,
    held_on: date,
    sector: str,
    covered: str,
    organisation=None,
    organisation_name: str = "",
    people_reached: int | None = None,
) -> Engagement:
    """Awareness work with an agency or a community or faith group."""
    require_lado(recorded_by)
    _not_future(held_on, "held_on")
    if sector not in Sector.values:
        raise DomainError("Choose the sector.", field="sector")
    if organisation is None and not organisation_name.strip():
        raise DomainError("Name the organisation or group.", field="organisation_name")
    if people_reached is not None and people_reached < 0:
        raise DomainError("Enter how many people were reached (0 or more).", field="people_reached")
    if not covered.strip():
        raise DomainError("Say what was covered.", field="covered")
    engagement = Engagement.objects.create(
        held_on=held_on,
        organisation=organisation,
        organisation_name="" if organisation else organisation_name.strip(),
        sector=sector,
        covered=covered.strip(),
        people_reached=people_reached,
        recorded_by=recorded_by,
    )
    audit.record(
        actor=recorded_by, verb="engagement_recorded", obj=engagement, payload={"sector": sector}
    )
    return engagement
