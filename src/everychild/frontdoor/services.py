"""Writes at the front door. Each is one transaction, checked, audited and, where it is an
event in the child's life, put on the chronology.

A concern (from a partner's form or a partner system's file) is matched to the person index
and becomes a contact on the MASH queue. The MASH rates it, gathers information, records
consent and the lawful basis for sharing, and makes the threshold decision within one
working day; a manager signs the decision off. A level-4 decision opens a referral.
"""

from datetime import date, datetime, time, timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from everychild import access, audit
from everychild.access import services as access_services
from everychild.access.models import Involvement, InvolvementKind, RecordRestriction
from everychild.chronology.models import EntryKind, Visibility
from everychild.chronology.services import entries_remove, entry_add
from everychild.core import hooks
from everychild.core.errors import DomainError, clean_or_refuse
from everychild.core.versioning import locked_for_edit
from everychild.frontdoor.models import (
    OUTCOMES_FOR_LEVEL,
    Concern,
    ConcernCategory,
    Consent,
    Contact,
    ContactOutcome,
    ContactSource,
    InformationRequest,
    LawfulBasis,
    LevelOfNeed,
    MatchCandidate,
    MatchOutcome,
    Referral,
    ReferralSource,
)
from everychild.frontdoor.selectors import require_front_door
from everychild.organisations.models import Organisation, OrganisationKind, Team, TeamKind
from everychild.organisations.roles import FRONT_DOOR_ROLES, Role
from everychild.people import identifiers
from everychild.people import services as people_services
from everychild.people.matching import Identity, MatchResult, match_identity
from everychild.people.models import Person, PersonKind

RE_REFERRAL_MONTHS = 12


def _aware(day: date, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def front_door_team() -> Team | None:
    return Team.objects.filter(kind=TeamKind.FRONT_DOOR).order_by("pk").first()


# ---- concerns -----------------------------------------------------------------------------


def identity_problems(identity: Identity, *, today: date, prefix: str = "child_") -> list:
    """Every problem with a child's details as a referrer gave them: (field, message) pairs."""
    problems = []
    if not (identity.given_name.strip() or identity.family_name.strip()):
        problems.append(
            (f"{prefix}family_name", "Enter the child's name, or as much of it as you know.")
        )
    born = identity.date_of_birth
    if born and born > today:
        problems.append((f"{prefix}date_of_birth", "The date of birth cannot be in the future."))
    elif born and (today.year - born.year) > 25:
        problems.append(
            (
                f"{prefix}date_of_birth",
                "The date of birth is more than 25 years ago: is this a child?",
            )
        )
    if identity.age is not None and not 0 <= identity.age <= 17:
        problems.append((f"{prefix}age", "A child's age is between 0 and 17."))
    for key, clean in (
        ("nhs_number", identifiers.clean_nhs_number),
        ("upn", identifiers.clean_upn),
    ):
        value = getattr(identity, key)
        if value:
            try:
                clean(value)
            except ValueError as error:
                problems.append((f"{prefix}{key}", str(error)))
    return problems


def clean_identity(identity: Identity, *, today: date, prefix: str = "child_") -> Identity:
    """The child's details tidied (identifiers and postcode in standard form); refuses the
    first problem, naming its field."""
    problems = identity_problems(identity, today=today, prefix=prefix)
    if problems:
        field, message = problems[0]
        raise DomainError(message, field=field)
    return Identity(
        given_name=identity.given_name.strip(),
        family_name=identity.family_name.strip(),
        other_names=tuple(n.strip() for n in identity.other_names if n.strip()),
        date_of_birth=identity.date_of_birth,
        age=identity.age,
        gender=identity.gender if identity.gender in {"M", "F", "U"} else "U",
        postcode=identifiers.normalise_postcode(identity.postcode),
        nhs_number=identifiers.clean_nhs_number(identity.nhs_number) if identity.nhs_number else "",
        upn=identifiers.clean_upn(identity.upn) if identity.upn else "",
        known_on=identity.known_on or today,
    )


def _estimated_birth(identity: Identity) -> tuple[date | None, bool]:
    if identity.date_of_birth:
        return identity.date_of_birth, False
    if identity.age is not None and identity.known_on:
        # Midway through the year of age the referrer gave.
        return identity.known_on - timedelta(days=int((identity.age + 0.5) * 365.25)), True
    return None, False


def unverified_child(identity: Identity, *, address: str, created_by) -> Person:
    """A child nobody in the index matches: a new record, marked "identity not verified".
    An NHS number or UPN already someone else's is left off (the MASH sorts it out)."""
    born, estimated = _estimated_birth(identity)
    nhs_taken = identity.nhs_number and Person.objects.filter(nhs_number=identity.nhs_number)
    upn_taken = identity.upn and Person.objects.filter(upn=identity.upn)
    return people_services.person_create(
        created_by=created_by,
        verified=False,
        kind=PersonKind.CHILD,
        given_name=identity.given_name,
        family_name=identity.family_name or "(not known)",
        date_of_birth=born,
        date_of_birth_estimated=estimated,
        gender=identity.gender or "U",
        nhs_number="" if nhs_taken and nhs_taken.exists() else identity.nhs_number,
        upn="" if upn_taken and upn_taken.exists() else identity.upn,
        other_names=tuple((other, "", "Referrer") for other in identity.other_names),
        address=(
            (address or "(address not given)", identity.postcode or "")
            if address or identity.postcode
            else None
        ),
    )


def _candidates_for(concern: Concern, match: MatchResult) -> list[MatchCandidate]:
    return [
        MatchCandidate(
            concern=concern, person_id=c.person_id, score=round(c.score, 2), reasons=c.reasons
        )
        for c in match.candidates
    ]


def _concern(
    *,
    agency,
    reported_by,
    reporter_name,
    reported_at,
    observed_on,
    category,
    details,
    identity: Identity,
    address: str,
    batch=None,
) -> Concern:
    return Concern(
        agency=agency,
        reported_by=reported_by if getattr(reported_by, "pk", None) else None,
        reporter_name=reporter_name,
        reported_at=reported_at,
        observed_on=observed_on,
        category=category,
        details=details,
        child_given_name=identity.given_name,
        child_family_name=identity.family_name,
        child_other_names="; ".join(identity.other_names),
        child_date_of_birth=identity.date_of_birth,
        child_age=identity.age,
        child_gender=identity.gender,
        child_address=address,
        child_postcode=identity.postcode,
        child_nhs_number=identity.nhs_number,
        child_upn=identity.upn,
        batch=batch,
    )


def concern_summary(concern: Concern) -> str:
    details = concern.details if len(concern.details) <= 300 else concern.details[:297] + "..."
    return f"{concern.get_category_display()} concern from {concern.agency}: {details}"


@transaction.atomic
def concern_raise(
    *,
    reported_by,
    category: str,
    details: str,
    identity: Identity,
    address: str = "",
    observed_on: date | None = None,
) -> Concern:
    """A practitioner records a worry about a child; it reaches the front door at once."""
    if not (reported_by.is_authenticated and reported_by.organisation_id):
        raise PermissionDenied("Only staff of a partner agency or the council raise concerns.")
    if category not in ConcernCategory.values:
        raise DomainError("Choose what the worry is about.", field="category")
    if not details.strip():
        raise DomainError("Say what you saw or heard, and when.", field="details")
    now = timezone.now()
    if observed_on and observed_on > timezone.localdate(now):
        raise DomainError("The date you saw it cannot be in the future.", field="observed_on")
    identity = clean_identity(identity, today=timezone.localdate(now))
    match = match_identity(identity)
    concern = _concern(
        agency=reported_by.organisation,
        reported_by=reported_by,
        reporter_name=reported_by.get_full_name(),
        reported_at=now,
        observed_on=observed_on,
        category=category,
        details=details.strip(),
        identity=identity,
        address=address.strip(),
    )
    _link(concern, match, identity, address=address.strip(), actor=reported_by)
    clean_or_refuse(concern)
    concern.save()
    MatchCandidate.objects.bulk_create(_candidates_for(concern, match))
    contact = Contact.objects.create(
        child=concern.child,
        concern=concern,
        source=ContactSource.CONCERN,
        received_at=concern.reported_at,
        summary=concern.details,
    )
    _open_front_door(contact, reported_by)
    audit.record(
        actor=reported_by,
        verb="concern_raised",
        obj=concern,
        child=concern.child,
        payload={"category": category, "match": concern.match_outcome},
    )
    if concern.child:
        entry_add(
            child=concern.child,
            when=concern.reported_at,
            kind=EntryKind.CONCERN,
            summary=concern_summary(concern),
            source=concern,
            source_organisation=concern.agency,
            recorded_by=reported_by,
        )
        hooks.run("frontdoor.concerns_recorded", child_ids=[concern.child_id], by=reported_by)
    return concern


def _link(concern: Concern, match: MatchResult, identity: Identity, *, address: str, actor):
    """Set the concern's child from the match: linked, offered for review, or new."""
    concern.match_score = match.score
    if match.linked is not None:
        concern.child_id, concern.match_outcome = match.linked, MatchOutcome.LINKED
    elif match.candidates:
        concern.child, concern.match_outcome = None, MatchOutcome.CANDIDATES
    else:
        concern.child = unverified_child(identity, address=address, created_by=actor)
        concern.match_outcome = MatchOutcome.NEW_PERSON


def _open_front_door(contact: Contact, by) -> None:
    """The MASH may see a child while their contact is at the front door."""
    team = front_door_team()
    if team is None or contact.child_id is None:
        return
    # An involvement that ended (even today) does not count: the MASH needs a running one.
    already = Involvement.objects.filter(
        child_id=contact.child_id, team=team, kind=InvolvementKind.FRONT_DOOR, ended_on=None
    )
    if not already.exists():
        access_services.involvement_start(
            child=contact.child,
            kind=InvolvementKind.FRONT_DOOR,
            by=by,
            team=team,
            started_on=min(contact.received_on, timezone.localdate()),
        )


def _close_front_door(contact: Contact, on: date, by) -> None:
    """When no other contact about the child is open, the MASH's involvement ends."""
    team = front_door_team()
    open_contacts = Contact.objects.filter(child_id=contact.child_id, signed_off_at__isnull=True)
    if team is None or open_contacts.exclude(pk=contact.pk).exists():
        return
    access_services.involvements_end(
        involvements=Involvement.objects.current().filter(
            child_id=contact.child_id, team=team, kind=InvolvementKind.FRONT_DOOR
        ),
        by=by,
        ended_on=on,
    )


# ---- the MASH's work on a contact ---------------------------------------------------------


def _locked(contact: Contact, version: int | None = None) -> Contact:
    """The contact, locked for this transaction; refuse if someone changed it meanwhile."""
    return locked_for_edit(
        Contact,
        contact,
        version,
        "Someone else changed this contact while you were working on it. "
        "Check their changes below, then try again.",
    )


def _save(contact: Contact, fields: list[str]) -> None:
    contact.version += 1
    clean_or_refuse(contact)
    contact.save(update_fields=[*fields, "version"])


def opens_record(user, child: Person) -> bool:
    """Whether a contact the front door records itself would open a record it cannot see."""
    return not access.can(user, "view", child)


@transaction.atomic
def contact_record(
    *,
    recorded_by,
    child: Person,
    source: str,
    summary: str,
    received_at: datetime | None = None,
    reason: str = "",
) -> Contact:
    """A call, email or visit to the front door about a known child. If the front door could
    not already see the child's record, recording the contact opens it: `reason` says why,
    and the data protection officer reviews it (access.services.front_door_opened)."""
    require_front_door(recorded_by)
    access.require(recorded_by, "view_minimal", child)
    if source not in {ContactSource.PHONE, ContactSource.EMAIL, ContactSource.IN_PERSON}:
        raise DomainError("Say how the contact arrived.", field="source")
    if not summary.strip():
        raise DomainError("Record what the caller or writer said.", field="summary")
    received_at = received_at or timezone.now()
    if received_at > timezone.now():
        raise DomainError("A contact cannot be received in the future.", field="received_at")
    if opens_record(recorded_by, child):
        access_services.front_door_opened(user=recorded_by, child=child, reason=reason)
    contact = Contact.objects.create(
        child=child,
        source=source,
        received_at=received_at,
        summary=summary.strip(),
        recorded_by=recorded_by,
    )
    _open_front_door(contact, recorded_by)
    audit.record(actor=recorded_by, verb="contact_recorded", obj=contact, child=child)
    entry_add(
        child=child,
        when=received_at,
        kind=EntryKind.CONTACT,
        summary=f"{contact.get_source_display()} to the front door: {summary.strip()[:280]}",
        source=contact,
        recorded_by=recorded_by,
    )
    return contact


@transaction.atomic
def contact_confirm_child(
    *, contact: Contact, confirmed_by, person: Person | None, version: int | None = None
) -> Contact:
    """The MASH settles who the child is: one of the candidates, or a new record."""
    require_front_door(confirmed_by)
    contact = _locked(contact, version)
    concern = contact.concern
    if contact.child_id is not None and person is not None and contact.child_id == person.pk:
        raise DomainError("This contact is already linked to that child.")
    if concern is None:
        raise DomainError("Only a partner's concern needs its child confirmed.")
    if contact.decided_at is not None:
        raise DomainError("This contact has been decided: its child can no longer be changed.")
    if person is not None:
        offered = concern.candidates.filter(person=person).exists()
        if not (offered or access.can(confirmed_by, "view_minimal", person)):
            raise DomainError("Choose one of the children offered, or a new record.")
        child = person
    else:
        identity = Identity(
            given_name=concern.child_given_name,
            family_name=concern.child_family_name,
            other_names=tuple(n for n in concern.child_other_names.split("; ") if n),
            date_of_birth=concern.child_date_of_birth,
            age=concern.child_age,
            gender=concern.child_gender,
            postcode=concern.child_postcode,
            nhs_number=concern.child_nhs_number,
            upn=concern.child_upn,
            known_on=timezone.localdate(concern.reported_at),
        )
        child = unverified_child(identity, address=concern.child_address, created_by=confirmed_by)
    previous = contact.child_id
    if previous is not None:
        _unlink_concern(concern, previous, confirmed_by)
    contact.child = concern.child = child
    concern.match_outcome = MatchOutcome.CONFIRMED
    concern.save(update_fields=["child", "match_outcome"])
    _save(contact, ["child"])
    _open_front_door(contact, confirmed_by)
    audit.record(
        actor=confirmed_by,
        verb="identity_confirmed",
        obj=contact,
        child=child,
        payload={"previous_child": previous, "new_record": person is None},
    )
    entry_add(
        child=child,
        when=concern.reported_at,
        kind=EntryKind.CONCERN,
        summary=concern_summary(concern),
        source=concern,
        source_organisation=concern.agency,
        recorded_by=confirmed_by,
    )
    hooks.run("frontdoor.concerns_recorded", child_ids=[child.pk], by=confirmed_by)
    return contact


def _unlink_concern(concern: Concern, child_id: int, by) -> None:
    """Take a concern off a child it turned out not to be about: their chronology, their
    alerts (re-evaluated without it: the alerts app listens), and the MASH's involvement if
    nothing else is open."""
    entries_remove(child_id=child_id, source=concern)
    others = Contact.objects.filter(child_id=child_id, signed_off_at__isnull=True).exclude(
        concern=concern
    )
    team = front_door_team()
    if team and not others.exists():
        access_services.involvements_end(
            involvements=Involvement.objects.filter(
                child_id=child_id, team=team, kind=InvolvementKind.FRONT_DOOR
            ),
            by=by,
            ended_on=timezone.localdate(),
        )
    audit.record(
        actor=by,
        verb="concern_unlinked",
        obj=concern,
        child=child_id,
        payload={"reason": "the front door found it is about another child"},
    )
    hooks.run("frontdoor.concern_unlinked", concern=concern, child_id=child_id)


def _require_open(contact: Contact) -> None:
    if contact.child_id is None:
        raise DomainError("Confirm who the child is first.")
    if contact.signed_off_at is not None:
        raise DomainError("This contact has been decided and signed off.")


@transaction.atomic
def contact_rate(*, contact: Contact, rated_by, rag: str, version: int | None = None) -> Contact:
    require_front_door(rated_by)
    contact = _locked(contact, version)
    _require_open(contact)
    access.require(rated_by, "edit", contact.child)
    from everychild.frontdoor.models import RAG

    if rag not in RAG.values:
        raise DomainError("Choose red, amber or green.", field="rag")
    previous, contact.rag = contact.rag, rag
    _save(contact, ["rag"])
    audit.record(
        actor=rated_by,
        verb="contact_rated",
        obj=contact,
        child=contact.child,
        payload={"from": previous, "to": rag},
    )
    return contact


@transaction.atomic
def contact_record_consent(
    *,
    contact: Contact,
    recorded_by,
    consent: str,
    reason: str,
    lawful_basis: str,
    version: int | None = None,
) -> Contact:
    """Consent to share information, and the lawful basis for sharing it."""
    require_front_door(recorded_by)
    contact = _locked(contact, version)
    _require_open(contact)
    access.require(recorded_by, "edit", contact.child)
    if consent not in Consent.values:
        raise DomainError("Say whether consent was given, not sought, or refused.", field="consent")
    if consent != Consent.GIVEN and not reason.strip():
        why = "not sought" if consent == Consent.NOT_SOUGHT else "overridden"
        raise DomainError(f"Say why consent was {why}.", field="consent_reason")
    if lawful_basis not in LawfulBasis.values:
        raise DomainError("Choose the lawful basis for sharing.", field="lawful_basis")
    if consent != Consent.GIVEN and lawful_basis == LawfulBasis.CONSENT:
        raise DomainError(
            "Without consent, consent cannot be the lawful basis.", field="lawful_basis"
        )
    contact.consent, contact.consent_reason = consent, reason.strip()
    contact.lawful_basis = lawful_basis
    _save(contact, ["consent", "consent_reason", "lawful_basis"])
    audit.record(
        actor=recorded_by,
        verb="consent_recorded",
        obj=contact,
        child=contact.child,
        reason=reason.strip(),
        payload={"consent": consent, "basis": lawful_basis},
    )
    return contact


@transaction.atomic
def information_request_send(
    *, contact: Contact, requested_by, agency: Organisation, question: str, due_by: datetime
) -> InformationRequest:
    require_front_door(requested_by)
    contact = _locked(contact)
    _require_open(contact)
    access.require(requested_by, "edit", contact.child)
    if not question.strip():
        raise DomainError("Say what you need to know.", field="question")
    if due_by <= timezone.now():
        raise DomainError("The reply is due in the future.", field="due_by")
    if agency.kind == OrganisationKind.LOCAL_AUTHORITY and agency == requested_by.organisation:
        raise DomainError("Ask a partner agency, not the front door itself.", field="agency")
    if RecordRestriction.objects.filter(child=contact.child).exists():
        # The agency would see the child's name: a restricted record's existence is sensitive.
        raise DomainError(
            "This child's record is restricted: ask the agency by telephone, not through "
            "everychild.",
            field="agency",
        )
    request = InformationRequest.objects.create(
        contact=contact,
        agency=agency,
        question=question.strip(),
        requested_by=requested_by,
        due_by=due_by,
    )
    audit.record(
        actor=requested_by,
        verb="information_requested",
        obj=request,
        child=contact.child,
        payload={"agency": agency.name, "due_by": due_by},
    )
    return request


@transaction.atomic
def information_request_respond(
    *, request: InformationRequest, responded_by, response: str, responder_name: str = ""
) -> InformationRequest:
    """A partner's answer: by someone in the agency asked, or typed in by the MASH."""
    request = InformationRequest.objects.select_for_update().get(pk=request.pk)
    own_agency = responded_by.organisation_id == request.agency_id
    if not (own_agency or responded_by.role in FRONT_DOOR_ROLES):
        raise PermissionDenied("Only the agency asked, or the front door, records the answer.")
    if request.responded_at is not None:
        raise DomainError("This request has already been answered.")
    if not response.strip():
        raise DomainError(
            "Enter what the agency knows (or that it knows nothing).", field="response"
        )
    request.response = response.strip()
    request.responded_by, request.responded_at = responded_by, timezone.now()
    request.responder_name = responder_name.strip() or responded_by.get_full_name()
    request.save(update_fields=["response", "responded_by", "responded_at", "responder_name"])
    audit.record(
        actor=responded_by, verb="information_given", obj=request, child=request.contact.child
    )
    entry_add(
        child=request.contact.child,
        when=request.responded_at,
        kind=EntryKind.CONTACT,
        summary=f"{request.agency} shared information with the front door: "
        f"{request.response[:280]}",
        source=request.contact,
        source_organisation=request.agency,
        recorded_by=responded_by,
    )
    return request


@transaction.atomic
def contact_decide(
    *,
    contact: Contact,
    decided_by,
    level_of_need: int,
    outcome: str,
    rationale: str,
    version: int | None = None,
) -> Contact:
    """The threshold decision; the one-working-day clock stops here."""
    require_front_door(decided_by)
    contact = _locked(contact, version)
    _require_open(contact)
    access.require(decided_by, "edit", contact.child)
    if contact.decided_at is not None:
        raise DomainError("This contact has already been decided.")
    if level_of_need not in LevelOfNeed.values:
        raise DomainError("Choose the level of need.", field="level_of_need")
    allowed = OUTCOMES_FOR_LEVEL[LevelOfNeed(level_of_need)]
    if outcome not in allowed:
        fits = "; ".join(ContactOutcome(o).label.lower() for o in sorted(allowed))
        raise DomainError(
            f"At {LevelOfNeed(level_of_need).label.lower()} the outcome is one of: {fits}.",
            field="outcome",
        )
    open_case = Referral.objects.filter(
        child=contact.child, closed_on__isnull=True, withdrawn_at__isnull=True
    ).exists()
    if open_case and outcome in {ContactOutcome.REFERRAL, ContactOutcome.STRATEGY_DISCUSSION}:
        raise DomainError(
            "The child's case is already open: pass the contact to the allocated "
            "team, who will arrange any strategy discussion.",
            field="outcome",
        )
    if outcome == ContactOutcome.OPEN_CASE and not open_case:
        raise DomainError("The child has no open case to pass this to.", field="outcome")
    if len(rationale.strip()) < 20:
        raise DomainError("Explain the decision: what you weighed, and why.", field="rationale")
    if not contact.lawful_basis:
        raise DomainError(
            "Record consent and the lawful basis for sharing first.", field="lawful_basis"
        )
    contact.level_of_need, contact.outcome = level_of_need, outcome
    contact.rationale = rationale.strip()
    contact.decided_by, contact.decided_at = decided_by, timezone.now()
    _save(contact, ["level_of_need", "outcome", "rationale", "decided_by", "decided_at"])
    audit.record(
        actor=decided_by,
        verb="contact_decided",
        obj=contact,
        child=contact.child,
        payload={"level": level_of_need, "outcome": outcome, "clock": contact.clock.describe()},
    )
    entry_add(
        child=contact.child,
        when=contact.decided_at,
        kind=EntryKind.CONTACT_DECISION,
        summary=f"{LevelOfNeed(level_of_need).label}: {contact.get_outcome_display()}. "
        f"{contact.rationale[:240]}",
        source=contact,
        recorded_by=decided_by,
    )
    if level_of_need == LevelOfNeed.ACUTE and outcome != ContactOutcome.OPEN_CASE:
        referral_open(contact=contact, opened_by=decided_by)
    return contact


@transaction.atomic
def contact_sign_off(
    *, contact: Contact, manager, agree: bool, note: str, version: int | None = None
) -> Contact:
    """A manager signs the decision off, or returns it to be made again."""
    if manager.role != Role.TEAM_MANAGER:
        raise PermissionDenied("A team manager signs off front-door decisions.")
    contact = _locked(contact, version)
    access.require(manager, "edit", contact.child)
    if contact.decided_at is None:
        raise DomainError("There is no decision to sign off yet.")
    if contact.signed_off_at is not None:
        raise DomainError("This decision has already been signed off.")
    if contact.decided_by_id == manager.pk:
        raise DomainError("Another manager must sign off a decision you made yourself.")
    if not agree and not note.strip():
        raise DomainError("Say why the decision is returned.", field="note")
    now = timezone.now()
    if agree:
        contact.signed_off_by, contact.signed_off_at = manager, now
        contact.sign_off_note = note.strip()
        _save(contact, ["signed_off_by", "signed_off_at", "sign_off_note"])
        _close_front_door(contact, timezone.localdate(now), manager)
        verb, summary = "decision_signed_off", "Front-door decision signed off by a manager."
    else:
        referral = Referral.objects.filter(contact=contact, withdrawn_at__isnull=True).first()
        if referral:
            referral.withdrawn_at = now
            referral.save(update_fields=["withdrawn_at"])
            entry_add(
                child=contact.child,
                when=now,
                kind=EntryKind.REFERRAL,
                summary="Referral withdrawn: the front-door decision was returned.",
                source=referral,
                recorded_by=manager,
                visibility=Visibility.PARTNERS,
            )
        contact.level_of_need, contact.outcome, contact.rationale = None, "", ""
        contact.decided_by, contact.decided_at = None, None
        contact.sign_off_note = note.strip()
        _save(
            contact,
            ["level_of_need", "outcome", "rationale", "decided_by", "decided_at", "sign_off_note"],
        )
        verb, summary = "decision_returned", f"Front-door decision returned: {note.strip()}"
    audit.record(actor=manager, verb=verb, obj=contact, child=contact.child, reason=note.strip())
    entry_add(
        child=contact.child,
        when=now,
        kind=EntryKind.CONTACT_DECISION,
        summary=summary,
        source=contact,
        recorded_by=manager,
    )
    return contact


# ---- referrals -------------------------------------------------------------------------------

_SOURCE_FOR_AGENCY = {
    OrganisationKind.SCHOOL: ReferralSource.SCHOOLS,
    OrganisationKind.EARLY_YEARS: ReferralSource.EDUCATION_SERVICES,
    OrganisationKind.GP_PRACTICE: ReferralSource.GP,
    OrganisationKind.HEALTH_TRUST: ReferralSource.OTHER_HEALTH,
    OrganisationKind.POLICE: ReferralSource.POLICE,
    OrganisationKind.HOUSING: ReferralSource.HOUSING,
    OrganisationKind.LOCAL_AUTHORITY: ReferralSource.LA_OTHER_INTERNAL,
    OrganisationKind.VOLUNTARY: ReferralSource.OTHER,
    OrganisationKind.FAITH: ReferralSource.OTHER,
    OrganisationKind.OTHER: ReferralSource.OTHER,
}


def referral_source(contact: Contact) -> str:
    """The CIN census referral source, from who raised the worry."""
    concern = contact.concern
    if concern is None:
        return ReferralSource.UNKNOWN
    job = concern.reported_by.job_title.lower() if concern.reported_by else ""
    if "health visitor" in job:
        return ReferralSource.HEALTH_VISITOR
    if "school nurse" in job:
        return ReferralSource.SCHOOL_NURSE
    return _SOURCE_FOR_AGENCY.get(concern.agency.kind, ReferralSource.OTHER)


def previous_referral(child: Person, before: date) -> Referral | None:
    return (
        Referral.objects.filter(child=child, referral_date__lte=before, withdrawn_at__isnull=True)
        .order_by("-referral_date")
        .first()
    )


def is_re_referral(previous: Referral | None, referral_date: date) -> bool:
    """A referral within 12 months of the previous one (CIN census definition)."""
    if previous is None:
        return False
    from dateutil.relativedelta import relativedelta

    return referral_date - relativedelta(months=RE_REFERRAL_MONTHS) <= previous.referral_date


@transaction.atomic
def referral_outcome_record(*, referral: Referral, outcome: str, recorded_by) -> Referral:
    """What the referral led to, from the first authorised assessment (casework's
    recommendation: no further action, a child in need plan, a strategy discussion, early
    help, looked after). Kept once: a later assessment on the same referral does not change
    it. Called by casework's services, which have checked who may act."""
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if referral.outcome or not outcome:
        return referral
    referral.outcome = outcome
    referral.save(update_fields=["outcome"])
    audit.record(
        actor=recorded_by,
        verb="referral_outcome_recorded",
        obj=referral,
        child=referral.child,
        payload={"outcome": outcome},
    )
    return referral


@transaction.atomic
def referral_open(*, contact: Contact, opened_by) -> Referral:
    """Open a referral (the start of a CIN episode) from a level-4 decision."""
    if Referral.objects.filter(contact=contact, withdrawn_at__isnull=True).exists():
        raise DomainError("This contact already has a referral.")
    referral_date = contact.received_on
    previous = previous_referral(contact.child, referral_date)
    referral = Referral(
        child=contact.child,
        contact=contact,
        referral_date=referral_date,
        source=referral_source(contact),
        previous_referral=previous,
        is_re_referral=is_re_referral(previous, referral_date),
        opened_by=opened_by,
    )
    Referral.objects.filter(contact=contact).delete()  # a withdrawn one, superseded
    clean_or_refuse(referral)
    referral.save()
    audit.record(
        actor=opened_by,
        verb="referral_opened",
        obj=referral,
        child=contact.child,
        payload={"source": referral.source, "re_referral": referral.is_re_referral},
    )
    again = " (a re-referral within 12 months)" if referral.is_re_referral else ""
    entry_add(
        child=contact.child,
        when=_aware(referral_date),
        kind=EntryKind.REFERRAL,
        summary=f"Referred to children's social care{again}.",
        source=referral,
        recorded_by=opened_by,
        visibility=Visibility.PARTNERS,
    )
    return referral


@transaction.atomic
def referral_set_primary_need(*, referral: Referral, set_by, code: str) -> Referral:
    """The CIN census primary need, usually settled at the end of the assessment."""
    from everychild.core.codes import PrimaryNeed

    access.require(set_by, "edit", referral.child)
    if code not in PrimaryNeed.values:
        raise DomainError("Choose the child's primary need.", field="primary_need")
    previous, referral.primary_need = referral.primary_need, code
    referral.save(update_fields=["primary_need"])
    audit.record(
        actor=set_by,
        verb="primary_need_set",
        obj=referral,
        child=referral.child,
        payload={"from": previous, "to": code},
    )
    return referral


@transaction.atomic
def referral_close(*, referral: Referral, closed_by, closed_on: date, reason: str) -> Referral:
    """Close the CIN episode (called by casework once a manager has agreed the closure)."""
    from everychild.core.codes import ReasonForClosure

    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if referral.closed_on is not None:
        raise DomainError("This case is already closed.")
    if reason not in ReasonForClosure.values:
        raise DomainError("Choose the reason for closure.", field="reason")
    if closed_on < referral.referral_date:
        raise DomainError("A case cannot close before its referral.", field="closed_on")
    if closed_on > timezone.localdate():
        raise DomainError("The closure date cannot be in the future.", field="closed_on")
    referral.closed_on, referral.closure_reason = closed_on, reason
    referral.save(update_fields=["closed_on", "closure_reason"])
    audit.record(
        actor=closed_by,
        verb="case_closed",
        obj=referral,
        child=referral.child,
        payload={"reason": reason, "closed_on": closed_on},
    )
    entry_add(
        child=referral.child,
        when=_aware(closed_on, 17),
        kind=EntryKind.CASE_CLOSED,
        summary=f"Case closed: {ReasonForClosure(reason).label}.",
        source=referral,
        recorded_by=closed_by,
        visibility=Visibility.PARTNERS,
    )
    return referral
