"""The front door's rows: partners' concerns, contacts, decisions and referrals, the
unverified records of children the index did not hold, and the MASH's queue."""

import random
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from everychild.core.calendar import age_in_years
from everychild.demo.frontdoor_history.contacts import (
    contact_summary,
    decision_summary,
    referral_summary,
)
from everychild.demo.frontdoor_history.decisions import decision_times
from everychild.demo.frontdoor_history.partners import details_for
from everychild.demo.frontdoor_history.plans import Plan
from everychild.demo.frontdoor_history.text import (
    CONSENT_REASONS,
    OPEN_CASE_RATIONALE,
    PRIMARY_NEED,
    RATIONALE,
)
from everychild.demo.identities import current_name
from everychild.demo.models import TrueIdentity
from everychild.demo.writer import (
    LONDON,
    BoroughClock,
    ChronologyEntry,
    EntryKind,
    Involvement,
    InvolvementKind,
    Visibility,
    bulk,
    content_type_id,
)
from everychild.frontdoor.models import (
    RAG,
    Concern,
    Consent,
    Contact,
    ContactOutcome,
    ContactSource,
    LawfulBasis,
    LevelOfNeed,
    MatchCandidate,
    MatchOutcome,
    Referral,
)
from everychild.frontdoor.services import concern_summary, is_re_referral, referral_source
from everychild.organisations.models import TeamMembership
from everychild.organisations.roles import Role

# _facts_for is people's own (no public way to score one child); see the demo writer ADR.
from everychild.people.matching import Identity, _facts_for, match_identity, score_identity
from everychild.people.models import Address, Person, PersonAddress, PersonKind, PersonName

if TYPE_CHECKING:
    from everychild.demo.borough import Borough


class ContactRows:
    """The planned contacts as rows: partners' concerns (and the truth behind them), the
    contacts, the MASH's decisions, referrals and their chronology entries."""

    def __init__(self, b: "Borough", children, clock: BoroughClock):
        self.b, self.rng, self.children, self.clock = b, b.rng, children, clock
        mash_staff = b.staff_by_team["mash"]
        manager_ids = set(
            TeamMembership.objects.filter(team=b.teams["mash"], is_manager=True).values_list(
                "staff_id", flat=True
            )
        )
        self.managers = [s for s in mash_staff if s.pk in manager_ids] or [
            s for s in mash_staff if s.role == Role.TEAM_MANAGER
        ]
        self.workers = [s for s in mash_staff if s.role == Role.MASH]
        self.ct_concern, self.ct_contact, self.ct_referral = map(
            content_type_id, (Concern, Contact, Referral)
        )
        self.concerns, self.contacts, self.referrals, self.truths = [], [], [], []
        self.entries, self.candidates = [], []
        self.last_referral: dict[int, Referral] = {}

    def write(self, plans: list[Plan]) -> dict[str, int]:
        b = self.b
        people, names, addresses, residences = _not_in_index_people(b, plans)
        for plan in plans:
            self._plan(plan)
        bulk(Address, addresses)
        bulk(Person, people)
        bulk(PersonName, names)
        bulk(PersonAddress, residences)
        bulk(Concern, self.concerns)
        bulk(Contact, self.contacts)
        bulk(Referral, self.referrals)
        bulk(MatchCandidate, self.candidates)
        bulk(TrueIdentity, self.truths)
        bulk(ChronologyEntry, self.entries)
        b.children.extend(people)
        return {
            "contacts": len(self.contacts),
            "referrals": len(self.referrals),
            "open": sum(1 for c in self.contacts if c.signed_off_at is None),
        }

    def _entry(self, child_id, when, kind, summary, source_type, source_id, by_id, **more):
        """As chronology.services.entry_add writes one (ids and the time recorded from the
        database, as theirs)."""
        self.entries.append(
            ChronologyEntry(
                child_id=child_id,
                occurred_at=when,
                kind=kind,
                summary=summary,
                source_type_id=source_type,
                source_id=str(source_id),
                recorded_by_id=by_id,
                **more,
            )
        )

    def _plan(self, plan: Plan) -> None:
        rng = self.rng
        child_id = plan.child_id if plan.child_id is not None else plan.person.pk
        concern = self._concern(plan, child_id) if plan.draft else None
        worker = rng.choice(self.workers)
        contact = Contact(
            id=self.b.next_id(Contact),
            child_id=concern.child_id if concern else child_id,
            concern=concern,
            source=ContactSource.CONCERN
            if concern
            else rng.choice([ContactSource.PHONE, ContactSource.PHONE, ContactSource.EMAIL]),
            received_at=plan.at,
            summary=concern.details if concern else _call_summary(plan, self.children, rng),
            recorded_by_id=None if concern else worker.pk,
        )
        self.contacts.append(contact)
        if concern is None:
            summary = contact_summary(contact)
            self._entry(
                child_id,
                contact.received_at,
                EntryKind.CONTACT,
                summary,
                self.ct_contact,
                contact.pk,
                worker.pk,
            )
        if plan.is_open and plan.level is None:
            _screening(plan, contact, rng)
            return
        _decision(plan, contact, worker, rng.choice(self.managers), self.clock, rng)
        self._entry(
            contact.child_id,
            contact.decided_at,
            EntryKind.CONTACT_DECISION,
            decision_summary(contact),
            self.ct_contact,
            contact.pk,
            worker.pk,
        )
        if (
            contact.level_of_need == LevelOfNeed.ACUTE
            and contact.outcome != ContactOutcome.OPEN_CASE
        ):
            self._referral(plan, contact, worker)

    def _concern(self, plan: Plan, child_id: int) -> Concern:
        """The partner's concern, the child it is really about and its chronology entry."""
        b = self.b
        concern = _concern(b, plan, child_id)
        self.concerns.append(concern)
        self.truths.append(
            TrueIdentity(
                id=b.next_id(TrueIdentity),
                concern_id=concern.pk,
                person_id=child_id,
                in_index=plan.person is None,
                noise=" ".join(plan.draft.record.noise)[:200],
            )
        )
        if concern.child_id:
            self._entry(
                concern.child_id,
                concern.reported_at,
                EntryKind.CONCERN,
                concern_summary(concern),
                self.ct_concern,
                concern.pk,
                concern.reported_by_id,
                source_organisation_id=concern.agency_id,
            )
        if plan.kind == "identity":
            self.candidates += _identity_candidates(concern, plan, child_id)
        return concern

    def _referral(self, plan: Plan, contact: Contact, worker) -> None:
        referral_date = contact.received_at.astimezone(LONDON).date()
        previous = self.last_referral.get(contact.child_id)
        referral = Referral(
            id=self.b.next_id(Referral),
            child_id=contact.child_id,
            contact_id=contact.pk,
            referral_date=referral_date,
            source=referral_source(contact),
            primary_need=PRIMARY_NEED[plan.category],
            is_re_referral=is_re_referral(previous, referral_date),
            previous_referral_id=previous.pk if previous else None,
            opened_by_id=worker.pk,
        )
        self.last_referral[contact.child_id] = referral
        self.referrals.append(referral)
        self._entry(
            contact.child_id,
            datetime.combine(referral_date, time(9), tzinfo=LONDON),
            EntryKind.REFERRAL,
            referral_summary(referral),
            self.ct_referral,
            referral.pk,
            worker.pk,
            visibility=Visibility.PARTNERS,
        )


def _not_in_index_people(b, plans: list[Plan]):
    """Unverified records of the children the index did not hold, as the front door made them
    (frontdoor.services.unverified_child)."""
    people, names, addresses, residences = [], [], [], []
    for plan in plans:
        if plan.kind != "not_in_index":
            continue
        record = plan.draft.record
        born, estimated = record.date_of_birth, False
        if born is None:
            born = plan.day - timedelta(days=int((record.age + 0.5) * 365.25))
            estimated = True
        person = Person(
            id=b.next_id(Person),
            kind=PersonKind.CHILD,
            given_name=record.given_name,
            family_name=record.family_name or "(not known)",
            date_of_birth=born,
            date_of_birth_estimated=estimated,
            gender=record.gender or "U",
            identity_verified=False,
        )
        plan.person = person
        people.append(person)
        names.append(current_name(person))
        home = Address(id=b.next_id(Address), line_1=record.address, postcode=record.postcode)
        addresses.append(home)
        residences.append(PersonAddress(person_id=person.pk, address_id=home.pk))
    return people, names, addresses, residences


def _concern(b, plan: Plan, child_id: int) -> Concern:
    draft, record = plan.draft, plan.draft.record
    if plan.kind == "not_in_index":
        outcome = MatchOutcome.NEW_PERSON
    elif plan.kind == "identity":
        outcome = MatchOutcome.CANDIDATES
    elif (
        record.nhs_number
        or record.upn
        or not (set(record.noise) - {"nhs_given", "upn_given", "old_address", "sex_not_given"})
    ):
        outcome = MatchOutcome.LINKED  # strong enough for the matcher to link it
    else:
        outcome = MatchOutcome.CONFIRMED  # the front door checked who the child was
    return Concern(
        id=b.next_id(Concern),
        agency=draft.agency,
        reported_by=draft.reporter.staff,
        reporter_name=draft.reporter.name,
        reported_at=plan.at,
        # The showcase's police incident was last night.
        observed_on=plan.day
        - timedelta(days=1 if plan.kind == "showcase" and plan.day == b.today else 0),
        category=draft.category,
        details=draft.details,
        child_given_name=record.given_name,
        child_family_name=record.family_name,
        child_date_of_birth=record.date_of_birth,
        child_age=record.age,
        child_gender=record.gender,
        child_address=record.address,
        child_postcode=record.postcode,
        child_nhs_number=record.nhs_number,
        child_upn=record.upn,
        child_id=None if outcome == MatchOutcome.CANDIDATES else child_id,
        match_outcome=outcome,
    )


def _identity_candidates(concern, plan, child_id) -> list[MatchCandidate]:
    """People the matcher offers for a concern it could not settle, the true child among them."""
    record = plan.draft.record
    identity = Identity(
        given_name=record.given_name,
        family_name=record.family_name,
        date_of_birth=record.date_of_birth,
        age=record.age,
        gender=record.gender,
        postcode=record.postcode,
        known_on=plan.day,
    )
    match = match_identity(identity)
    offered = {c.person_id: c for c in match.candidates}
    if child_id not in offered:
        facts = _facts_for({child_id})
        offered[child_id] = score_identity(identity, facts[child_id], child_id)
    best = sorted(offered.values(), key=lambda c: -c.score)[:5]
    if all(c.person_id != child_id for c in best):
        best[-1] = offered[child_id]
    concern.match_score = round(max(c.score for c in best), 2)
    return [
        MatchCandidate(
            concern=concern, person_id=c.person_id, score=round(c.score, 2), reasons=c.reasons
        )
        for c in best
    ]


def _call_summary(plan: Plan, children, rng) -> str:
    child = children[plan.child_id]
    age = age_in_years(child.date_of_birth, plan.day)
    worry = details_for(plan.category, child.given_name, age, rng)
    return f"Call from {plan.caller}: {worry}"


def _consent(contact: Contact, rng: random.Random) -> None:
    contact.consent = rng.choices(
        [Consent.GIVEN, Consent.NOT_SOUGHT, Consent.REFUSED_OVERRIDDEN], [60, 30, 10]
    )[0]
    contact.consent_reason = CONSENT_REASONS.get(contact.consent, "")
    if contact.consent == Consent.GIVEN:
        contact.lawful_basis = rng.choice([LawfulBasis.CONSENT, LawfulBasis.PUBLIC_TASK])
    else:
        contact.lawful_basis = LawfulBasis.PUBLIC_TASK


def _decision(plan: Plan, contact: Contact, worker, manager, clock, rng) -> None:
    _consent(contact, rng)
    level = plan.level
    contact.level_of_need, contact.outcome = level, plan.outcome
    if level == LevelOfNeed.ACUTE:
        contact.rag = RAG.RED if rng.random() < 0.7 else RAG.AMBER
        if plan.outcome == ContactOutcome.STRATEGY_DISCUSSION and rng.random() < 0.2:
            contact.lawful_basis = LawfulBasis.VITAL_INTERESTS
    else:
        contact.rag = RAG.AMBER if level == LevelOfNeed.COMPLEX else RAG.GREEN
    contact.rationale = (
        OPEN_CASE_RATIONALE
        if plan.outcome == ContactOutcome.OPEN_CASE
        else RATIONALE[(level, plan.outcome)]
    )
    decided, signed = decision_times(plan, clock, rng)
    contact.decided_by_id, contact.decided_at = worker.pk, decided
    if plan.is_open:
        contact.version = 4
        return  # waiting for a manager's sign-off
    contact.signed_off_by_id, contact.signed_off_at = manager.pk, signed
    contact.version = 5


def _screening(plan: Plan, contact: Contact, rng: random.Random) -> None:
    """An open contact part way through screening."""
    contact.version = 1
    if plan.kind == "showcase":
        contact.rag = RAG.RED
        contact.version = 2
        return
    if contact.child_id and rng.random() < 0.5:
        contact.rag = rng.choice([RAG.AMBER, RAG.GREEN, RAG.GREEN])
        contact.version += 1
        if rng.random() < 0.5:
            _consent(contact, rng)
            contact.version += 1


def open_front_door(b, started: dict[int, date]) -> None:
    """The MASH may see the children whose contacts are on its queue."""
    mash = b.teams["mash"]
    bulk(
        Involvement,
        [
            Involvement(
                child_id=child_id, kind=InvolvementKind.FRONT_DOOR, team=mash, started_on=day
            )
            for child_id, day in sorted(started.items())
        ],
    )
