"""The front door's history in the synthetic borough: three years of partners' concerns,
contacts and the MASH's decisions on them, and the referrals that followed.

Volumes follow Tower Hamlets: about 12,000 contacts and 3,000 referrals a year per 60,000
children. Each concern names the child as the partner recorded them, with the noise real
partner records carry (misspellings, transliterations, swapped day and month, an age instead
of a date of birth, an old address); the child each concern is really about is kept in
`demo.models.TrueIdentity`, for the benchmarks. The last working day or two are still on the
MASH's queue, and one showcase child, not known to social care, has worries from their
school, their GP and the police in the last three months, the last of them arriving today.

Partner records are made by `partner_record` and `concern_for`, which bench/frontdoor.py uses
too, so that the benchmark's concerns are noisy in exactly the same way.
"""

import itertools
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta

from everychild.core.calendar import add_working_days, age_in_years, is_working_day
from everychild.demo import names as name_lists
from everychild.demo import places
from everychild.demo.identities import Usernames, current_name, postcode
from everychild.demo.identities import staff as staff_row
from everychild.demo.models import TrueIdentity
from everychild.demo.noise import noisy_name, one_part_wrong, swap_day_month
from everychild.demo.writer import (
    LONDON,
    SOCIAL_CARE_KINDS,
    BoroughClock,
    ChronologyEntry,
    EntryKind,
    Involvement,
    InvolvementKind,
    Visibility,
    bulk,
    content_type_id,
    reset_sequences,
    run_alert_rules,
)
from everychild.frontdoor.models import (
    OUTCOMES_FOR_LEVEL,
    RAG,
    Concern,
    ConcernCategory,
    Consent,
    Contact,
    ContactOutcome,
    ContactSource,
    LawfulBasis,
    LevelOfNeed,
    MatchCandidate,
    MatchOutcome,
    Referral,
    ReferralSource,
)
from everychild.frontdoor.services import concern_summary, is_re_referral, referral_source
from everychild.organisations.models import (
    Organisation,
    OrganisationKind,
    Staff,
    TeamMembership,
)
from everychild.organisations.roles import Role
from everychild.people.models import (
    Address,
    Person,
    PersonAddress,
    PersonKind,
    PersonName,
)

if TYPE_CHECKING:
    from everychild.demo.borough import Borough

YEARS = 3
CONTACTS_PER_CHILD_YEAR = 0.2  # about 12,000 contacts a year per 60,000 children
REFERRAL_SHARE = 0.25  # of decided contacts: about 3,000 referrals a year per 60,000 children
CONCERN_SHARE = 0.9  # the rest are calls and emails to the front door
NOT_IN_INDEX_SHARE = 0.02  # concerns about children the index did not hold
KNOWN_SHARE = 0.3  # contacts about children known to social care (allocated a worker)
POOL_SHARE = 0.15  # children not known to social care whom partners worry about, in 3 years
LATE_SHARE = 0.08  # decisions later than one working day
WEEKEND_SHARE = 0.45  # contacts on a weekend day or bank holiday, relative to a working day
RE_REFERRAL_DAMPING = 0.55  # a child referred in the last (or next) 12 months is referred less
QUEUE_SIZE = 36  # contacts about children at the front door now (about 40 open in all)
OVERDUE, IDENTITY_TO_CONFIRM = 3, 5  # open contacts past their clock; awaiting identity

# How partners' records of a child differ from the index.
NAME_NOISE = 0.4  # a transliteration, a typing slip or both (demo.noise.noisy_name)
DOB_SWAPPED, DOB_ONE_PART, DOB_MISSING = 0.05, 0.05, 0.10  # missing: an age is given instead
_SWAPPABLE = 0.36  # dates whose day and month can be swapped (day 1-12, day != month)
OLD_ADDRESS = 0.5  # of children who have moved (about 30%): about 15% of concerns
NO_ADDRESS = 0.05
NHS_FROM_HEALTH = 0.85  # GP practices and health trusts give the NHS number
UPN_FROM_SCHOOLS = 0.7  # schools give the UPN
SEX_NOT_GIVEN = 0.03

_C = ConcernCategory
AGENCY_WEIGHTS = {  # schools only for school-age children, and only on working days
    "police": 30,
    "school": 50,
    "gp": 6,
    "acute": 8,
    "community_health": 9,
    "group": 8,
    "housing": 5,
}
CATEGORY_WEIGHTS = {
    "police": {
        _C.DOMESTIC_ABUSE: 42,
        _C.MISSING: 12,
        _C.PHYSICAL_ABUSE: 8,
        _C.CHILD_CRIMINAL_EXPLOITATION: 7,
        _C.CHILD_SEXUAL_EXPLOITATION: 3,
        _C.NEGLECT: 8,
        _C.EMOTIONAL_ABUSE: 4,
        _C.PARENTAL_SUBSTANCE_MISUSE: 7,
        _C.SEXUAL_ABUSE: 3,
        _C.RADICALISATION: 0.5,
        _C.OTHER: 5.5,
    },
    "school": {
        _C.NEGLECT: 24,
        _C.EMOTIONAL_ABUSE: 14,
        _C.PHYSICAL_ABUSE: 12,
        _C.DOMESTIC_ABUSE: 10,
        _C.PARENTAL_MENTAL_HEALTH: 8,
        _C.PARENTAL_SUBSTANCE_MISUSE: 4,
        _C.SEXUAL_ABUSE: 3,
        _C.CHILD_SEXUAL_EXPLOITATION: 3,
        _C.CHILD_CRIMINAL_EXPLOITATION: 3,
        _C.MISSING: 3,
        _C.RADICALISATION: 1,
        _C.FGM: 0.5,
        _C.OTHER: 14.5,
    },
    "gp": {
        _C.PARENTAL_MENTAL_HEALTH: 24,
        _C.NEGLECT: 20,
        _C.PARENTAL_SUBSTANCE_MISUSE: 14,
        _C.DOMESTIC_ABUSE: 12,
        _C.PHYSICAL_ABUSE: 8,
        _C.EMOTIONAL_ABUSE: 5,
        _C.SEXUAL_ABUSE: 1.5,
        _C.FGM: 1.5,
        _C.OTHER: 14,
    },
    "acute": {
        _C.PHYSICAL_ABUSE: 28,
        _C.NEGLECT: 14,
        _C.PARENTAL_SUBSTANCE_MISUSE: 12,
        _C.PARENTAL_MENTAL_HEALTH: 12,
        _C.DOMESTIC_ABUSE: 10,
        _C.SEXUAL_ABUSE: 4,
        _C.MISSING: 2,
        _C.FGM: 1.5,
        _C.OTHER: 16.5,
    },
    "community_health": {
        _C.NEGLECT: 34,
        _C.PARENTAL_MENTAL_HEALTH: 20,
        _C.DOMESTIC_ABUSE: 15,
        _C.PHYSICAL_ABUSE: 8,
        _C.PARENTAL_SUBSTANCE_MISUSE: 8,
        _C.EMOTIONAL_ABUSE: 4,
        _C.FGM: 1,
        _C.OTHER: 10,
    },
    "group": {
        _C.NEGLECT: 18,
        _C.DOMESTIC_ABUSE: 16,
        _C.EMOTIONAL_ABUSE: 14,
        _C.PHYSICAL_ABUSE: 10,
        _C.CHILD_CRIMINAL_EXPLOITATION: 6,
        _C.CHILD_SEXUAL_EXPLOITATION: 3,
        _C.MISSING: 3,
        _C.RADICALISATION: 1.5,
        _C.OTHER: 28.5,
    },
    "housing": {
        _C.NEGLECT: 38,
        _C.DOMESTIC_ABUSE: 25,
        _C.PARENTAL_SUBSTANCE_MISUSE: 10,
        _C.PARENTAL_MENTAL_HEALTH: 7,
        _C.OTHER: 20,
    },
}
_OLDER_CHILDREN_ONLY = {
    _C.CHILD_SEXUAL_EXPLOITATION,
    _C.CHILD_CRIMINAL_EXPLOITATION,
    _C.MISSING,
    _C.RADICALISATION,
}
# How likely a contact in each category is to meet the threshold for social care.
SEVERITY = {
    _C.SEXUAL_ABUSE: 0.75,
    _C.FGM: 0.7,
    _C.CHILD_SEXUAL_EXPLOITATION: 0.6,
    _C.PHYSICAL_ABUSE: 0.45,
    _C.CHILD_CRIMINAL_EXPLOITATION: 0.45,
    _C.RADICALISATION: 0.4,
    _C.DOMESTIC_ABUSE: 0.25,
    _C.NEGLECT: 0.25,
    _C.MISSING: 0.2,
    _C.PARENTAL_SUBSTANCE_MISUSE: 0.2,
    _C.EMOTIONAL_ABUSE: 0.2,
    _C.PARENTAL_MENTAL_HEALTH: 0.15,
    _C.OTHER: 0.06,
}
# CIN census primary need (N1 abuse or neglect, N3 parental illness, N4 family in acute
# stress, N5 family dysfunction, N6 socially unacceptable behaviour).
PRIMARY_NEED = {
    _C.NEGLECT: "N1",
    _C.PHYSICAL_ABUSE: "N1",
    _C.EMOTIONAL_ABUSE: "N1",
    _C.SEXUAL_ABUSE: "N1",
    _C.DOMESTIC_ABUSE: "N1",
    _C.CHILD_SEXUAL_EXPLOITATION: "N1",
    _C.CHILD_CRIMINAL_EXPLOITATION: "N1",
    _C.FGM: "N1",
    _C.MISSING: "N4",
    _C.PARENTAL_MENTAL_HEALTH: "N3",
    _C.PARENTAL_SUBSTANCE_MISUSE: "N5",
    _C.RADICALISATION: "N6",
    _C.OTHER: "N4",
}
DETAILS = {
    _C.NEGLECT: [
        "{name} has arrived hungry and in the same unwashed clothes on most days this "
        "fortnight, and says there was no dinner last night.",
        "Home visit: very little food in the flat, mattresses on the floor, dirty nappies "
        "left out. {name} appears underweight.",
        "{name} has missed three health appointments and immunisations, and has untreated "
        "tooth decay causing pain.",
        "{name} ({age}) was left alone at home for several hours while mother was out; "
        "neighbour heard crying.",
    ],
    _C.DOMESTIC_ABUSE: [
        "Police called to the home after a 999 call: mother says her partner pushed her "
        "against a wall while {name} was in the room. DASH risk: {risk}.",
        "Mother disclosed that her partner controls the money and has threatened to take "
        "the children abroad; {name} has heard the arguments.",
        "Neighbours reported shouting and a child crying late at night; officers found "
        "mother with a cut lip. {name} ({age}) was present. DASH risk: {risk}.",
        "{name} told staff that dad 'hurts mum' and that they hide under the bed when he shouts.",
    ],
    _C.PHYSICAL_ABUSE: [
        "{name} has a bruise to the cheek and says dad hit them with a slipper.",
        "Fingertip bruising to {name}'s upper arm; the parents' explanations differ.",
        "{name} ({age}) brought to the emergency department with a fractured arm two days "
        "after the injury; explanation inconsistent with the injury.",
        "{name} has a belt-shaped mark on the back of the leg and was reluctant to go home.",
    ],
    _C.EMOTIONAL_ABUSE: [
        "{name} says mum calls them stupid and locks them in their room; appears withdrawn "
        "and anxious.",
        "Hostile separation: {name} is being used to pass messages between the parents and "
        "is distressed at handovers.",
        "{name} is frightened to go home after a poor report, saying 'dad will go mad'.",
    ],
    _C.SEXUAL_ABUSE: [
        "{name} disclosed that an adult family friend touches them when babysitting.",
        "Sexualised behaviour well beyond {name}'s age; said 'it's our secret' about an uncle.",
        "{name} ({age}) disclosed to a school nurse that a relative comes into their bedroom "
        "at night.",
    ],
    _C.CHILD_SEXUAL_EXPLOITATION: [
        "{name} seen getting into cars with older men after school; has a new phone and "
        "expensive clothes the family cannot explain.",
        "{name} ({age}) found at an adult male's flat at 2am with alcohol; phone contains "
        "explicit images.",
    ],
    _C.CHILD_CRIMINAL_EXPLOITATION: [
        "{name} ({age}) stopped with £400 in cash and two phones far from home; believed to "
        "be running drugs on a county line.",
        "{name} has stopped attending and is seen with older youths linked to a local gang; "
        "found carrying a knife.",
    ],
    _C.MISSING: [
        "{name} reported missing overnight by mother; returned the next day but will not say "
        "where they were.",
        "Third missing episode this month; {name} ({age}) found in Croydon with older youths.",
    ],
    _C.PARENTAL_MENTAL_HEALTH: [
        "Mother has relapsed and stopped her medication; {name} is caring for the younger "
        "children.",
        "Father expressing suicidal thoughts; he is the main carer for {name} ({age}).",
        "Mother very low in mood since the birth, not getting up; {name} is missing meals.",
    ],
    _C.PARENTAL_SUBSTANCE_MISUSE: [
        "Mother smelled strongly of alcohol collecting {name} and was unsteady on her feet.",
        "Drug paraphernalia found at the home during a police visit; {name} ({age}) was present.",
        "Father attended with {name} while intoxicated; known heroin use.",
    ],
    _C.RADICALISATION: [
        "{name} ({age}) has been sharing extremist videos with classmates and talking about "
        "'joining the fight'.",
    ],
    _C.FGM: [
        "Mother spoke of a summer trip abroad for {name}'s 'special ceremony'; family from a "
        "country where FGM is prevalent.",
        "Mother has had FGM (type 2) recorded at the birth of {name}; risk to {name} "
        "discussed, family dismissive.",
    ],
    _C.OTHER: [
        "Family of six living in one room of an overcrowded flat with damp and mould; {name} "
        "has repeated chest infections.",
        "Young carer: {name} ({age}) looks after a disabled parent and is missing school.",
        "Family facing eviction for rent arrears; {name} anxious and tired in class.",
    ],
}
CALLERS = [
    "the child's grandmother",
    "a neighbour",
    "an anonymous caller",
    "the child's aunt",
    "the child's father, who does not live with the family",
    "an adult social care worker",
    "a housing officer",
    "the child's older sister",
]
RATIONALE = {
    (1, ContactOutcome.NO_FURTHER_ACTION): "Single low-level worry; the family is engaged and "
    "universal services are involved. No further action; advice given to the referrer.",
    (1, ContactOutcome.SIGNPOST): "Needs can be met by universal services; the family has been "
    "signposted to the children's centre and their GP.",
    (2, ContactOutcome.NO_FURTHER_ACTION): "Some additional needs, but the referring agency "
    "can meet them; advice given on single-agency support. No further action by the MASH.",
    (2, ContactOutcome.SIGNPOST): "Additional needs; family signposted to parenting support "
    "and the school's pastoral team, who will follow up.",
    (2, ContactOutcome.EARLY_HELP): "Additional needs with parental consent for support; "
    "passed to early help for a single-agency offer.",
    (3, ContactOutcome.EARLY_HELP): "Several unmet needs across agencies and the parents "
    "consent to help: a team around the family through the Early Help Hub.",
    (4, ContactOutcome.REFERRAL): "Threshold for a statutory assessment met: the concerns and "
    "the history together mean the child may be in need of protection. Referred for a "
    "single assessment.",
    (4, ContactOutcome.STRATEGY_DISCUSSION): "Reasonable cause to suspect the child is "
    "suffering, or likely to suffer, significant harm: immediate strategy discussion with "
    "police and health.",
}


def decided_call(
    b: "Borough",
    rng: random.Random,
    *,
    child_id: int,
    worker,
    manager,
    received: datetime,
    decided: datetime,
    consent: str,
    summary: str,
    at_risk: str,
    primary_need: str,
    emergency: bool = False,
) -> tuple[Contact, Referral]:
    """A call to the front door decided at level 4 and signed off, and the referral it
    opened: for the later steps, whose cases begin with a call (the care and casework
    histories). `at_risk` names who seeking consent could put at risk."""
    contact = Contact(
        id=b.next_id(Contact),
        child_id=child_id,
        source=ContactSource.PHONE,
        received_at=received,
        summary=summary,
        recorded_by=worker,
        rag=RAG.RED if emergency or rng.random() < 0.5 else RAG.AMBER,
        consent=consent,
        consent_reason=""
        if consent == Consent.GIVEN
        else f"Seeking consent could place {at_risk} at increased risk of harm.",
        lawful_basis=LawfulBasis.PUBLIC_TASK,
        level_of_need=LevelOfNeed.ACUTE,
        outcome=ContactOutcome.REFERRAL,
        rationale=RATIONALE[(4, ContactOutcome.REFERRAL)],
        decided_by=worker,
        decided_at=decided,
        signed_off_by=manager,
        signed_off_at=decided + timedelta(minutes=rng.randint(20, 240)),
        version=5,
    )
    referral = Referral(
        id=b.next_id(Referral),
        child_id=child_id,
        contact_id=contact.pk,
        referral_date=received.astimezone(LONDON).date(),
        source=ReferralSource.UNKNOWN,  # as frontdoor.services.referral_source: a call
        primary_need=primary_need,
        opened_by=worker,
    )
    return contact, referral


def contact_summary(contact: Contact) -> str:
    """A call or email's chronology entry (a partner's concern has its own)."""
    return f"{contact.get_source_display()} to the front door: {contact.summary[:280]}"


def decision_summary(contact: Contact) -> str:
    return (
        f"{LevelOfNeed(contact.level_of_need).label}: {contact.get_outcome_display()}. "
        f"{contact.rationale[:240]}"
    )


def referral_summary(referral: Referral) -> str:
    again = " (a re-referral within 12 months)" if referral.is_re_referral else ""
    return f"Referred to children's social care{again}."


OPEN_CASE_RATIONALE = (
    "The child's case is open to an allocated social worker: the information has been passed "
    "to them. No further action by the MASH."
)
CONSENT_REASONS = {
    Consent.NOT_SOUGHT: "Seeking consent could place the child at increased risk of harm.",
    Consent.REFUSED_OVERRIDDEN: "Mother refused consent; overridden because the concerns may "
    "amount to significant harm.",
}
_HEALTH = {OrganisationKind.GP_PRACTICE, OrganisationKind.HEALTH_TRUST}


def children_not_in_index(n_children: int) -> int:
    """How many children the front door met who were not in the index: it made unverified
    records of them, which count among the borough's children (see borough.families_step)."""
    return round(n_children * CONTACTS_PER_CHILD_YEAR * YEARS * CONCERN_SHARE * NOT_IN_INDEX_SHARE)


# ---- partner records: the child as another agency recorded them ----------------------------


@dataclass
class ChildFacts:
    """A child as the index holds them, for making partner records of them."""

    id: int
    given_name: str
    family_name: str
    date_of_birth: date
    gender: str
    nhs_number: str = ""
    upn: str = ""
    address: tuple[str, str] | None = None  # (address, postcode) now
    previous: list[tuple[str, str]] = field(default_factory=list)  # addresses moved out of


def load_children(people=None) -> dict[int, ChildFacts]:
    """Children with a date of birth and their addresses (all verified children if `people`
    is None)."""
    if people is None:
        rows = Person.objects.filter(
            kind=PersonKind.CHILD, date_of_birth__isnull=False, identity_verified=True
        ).values_list(
            "pk", "given_name", "family_name", "date_of_birth", "gender", "nhs_number", "upn"
        )
    else:
        rows = [
            (p.pk, p.given_name, p.family_name, p.date_of_birth, p.gender, p.nhs_number, p.upn)
            for p in people
            if p.kind == PersonKind.CHILD and p.date_of_birth
        ]
    facts = {row[0]: ChildFacts(*row) for row in rows}
    for person_id, line_1, line_2, code, moved_out in PersonAddress.objects.filter(
        person__kind=PersonKind.CHILD
    ).values_list(
        "person_id", "address__line_1", "address__line_2", "address__postcode", "moved_out"
    ):
        child = facts.get(person_id)
        if child is None:
            continue
        entry = (", ".join(p for p in (line_1, line_2) if p), code)
        if moved_out is None:
            child.address = entry
        else:
            child.previous.append(entry)
    return facts


@dataclass
class PartnerRecord:
    """The child's identity as a partner agency recorded it."""

    given_name: str
    family_name: str
    date_of_birth: date | None
    age: int | None
    gender: str  # M, F or U
    address: str
    postcode: str
    nhs_number: str = ""
    upn: str = ""
    noise: list[str] = field(default_factory=list)  # how it differs from the index


def _name_noise(part: str, true: str, typed: str) -> list[str]:
    if typed == true:
        return []
    return [f"{part}_variant" if typed in name_lists.variants_of(true) else f"{part}_typo"]


def _can_be_misspelt(given: str, family: str) -> bool:
    # noisy_name loops until something changes: two short names with no known variants
    # ("Li Wu") never do.
    return (
        max(len(given), len(family)) >= 3
        or len(name_lists.variants_of(given)) > 1
        or len(name_lists.variants_of(family)) > 1
    )


def partner_record(
    child: ChildFacts, agency_kind: str, on: date, rng: random.Random
) -> PartnerRecord:
    """The child as an agency of `agency_kind` recorded them on `on`, with realistic noise."""
    noise: list[str] = []
    given, family = child.given_name, child.family_name
    if rng.random() < NAME_NOISE and _can_be_misspelt(given, family):
        typed_given, typed_family = noisy_name(given, family, rng)
        noise += _name_noise("given", given, typed_given)
        noise += _name_noise("family", family, typed_family)
        given, family = typed_given, typed_family
    born, age = child.date_of_birth, None
    swapped = swap_day_month(born)
    if swapped != born and swapped <= on and rng.random() < DOB_SWAPPED / _SWAPPABLE:
        born = swapped
        noise.append("dob_swapped")
    else:
        roll = rng.random()
        if roll < DOB_ONE_PART:
            wrong = one_part_wrong(born, rng)
            if wrong != born and wrong <= on:
                born = wrong
                noise.append("dob_one_part")
        elif roll < DOB_ONE_PART + DOB_MISSING:
            born, age = None, age_in_years(child.date_of_birth, on)
            noise.append("dob_missing_age_given")
    gender = child.gender
    if rng.random() < SEX_NOT_GIVEN:
        gender = "U"
        noise.append("sex_not_given")
    address, postcode = child.address or ("", "")
    if child.previous and rng.random() < OLD_ADDRESS:
        address, postcode = rng.choice(child.previous)
        noise.append("old_address")
    elif rng.random() < NO_ADDRESS:
        address, postcode = "", ""
        noise.append("no_address")
    record = PartnerRecord(given, family, born, age, gender, address, postcode, noise=noise)
    if agency_kind in _HEALTH and child.nhs_number and rng.random() < NHS_FROM_HEALTH:
        record.nhs_number = child.nhs_number
        noise.append("nhs_given")
    if agency_kind == OrganisationKind.SCHOOL and child.upn and rng.random() < UPN_FROM_SCHOOLS:
        record.upn = child.upn
        noise.append("upn_given")
    return record


def new_child_record(namer, on: date, rng: random.Random) -> PartnerRecord:
    """A child nobody in the index is: newly arrived, or never registered anywhere."""
    communities = list(name_lists.COMMUNITIES)
    community = rng.choices(communities, [name_lists.COMMUNITIES[c][3] for c in communities])[0]
    boy = rng.random() < 0.51
    given, family = namer.given(community, boy), namer.family(community)
    born = on - timedelta(days=rng.randint(60, 17 * 365))
    age = None
    if rng.random() < 0.3:
        born, age = None, age_in_years(born, on)
    street = rng.choice(places.STREETS)
    return PartnerRecord(
        given,
        family,
        born,
        age,
        "M" if boy else "F",
        f"{rng.randint(1, 300)} {street}",
        postcode(rng),
        noise=["not_in_index"],
    )


@dataclass
class Reporter:
    staff: Staff | None
    name: str


@dataclass
class Agencies:
    """The partner agencies that raise concerns, and their practitioners."""

    police: Organisation
    acute: Organisation
    community_health: Organisation
    housing: Organisation
    groups: list[Organisation]
    gp_practices: list[Organisation]
    school_of: dict[int, Organisation]  # child id -> school
    gp_of: dict[int, Organisation]  # child id -> GP practice
    reporters: dict[int, list[Reporter]] = field(default_factory=dict)  # organisation id ->

    @classmethod
    def from_database(cls) -> "Agencies":
        """The agencies of a borough already in the database (for the benchmarks)."""
        orgs = list(Organisation.objects.all())
        by_id = {o.pk: o for o in orgs}
        trusts = sorted(
            (o for o in orgs if o.kind == OrganisationKind.HEALTH_TRUST), key=lambda o: o.pk
        )
        community = next((t for t in trusts if "Community" in t.name), trusts[-1])
        acute = next((t for t in trusts if t != community), community)
        links = {InvolvementKind.SCHOOL: {}, InvolvementKind.GP: {}}
        for child_id, kind, org_id in (
            Involvement.objects.current()
            .filter(kind__in=list(links))
            .values_list("child_id", "kind", "organisation_id")
        ):
            links[kind][child_id] = by_id[org_id]
        agencies = cls(
            police=next(o for o in orgs if o.kind == OrganisationKind.POLICE),
            acute=acute,
            community_health=community,
            housing=next(o for o in orgs if o.kind == OrganisationKind.HOUSING),
            groups=[
                o for o in orgs if o.kind in {OrganisationKind.VOLUNTARY, OrganisationKind.FAITH}
            ],
            gp_practices=[o for o in orgs if o.kind == OrganisationKind.GP_PRACTICE],
            school_of=links[InvolvementKind.SCHOOL],
            gp_of=links[InvolvementKind.GP],
        )
        for staff in Staff.objects.filter(role=Role.PARTNER, organisation__isnull=False):
            agencies.reporters.setdefault(staff.organisation_id, []).append(
                Reporter(staff, staff.get_full_name())
            )
        return agencies

    def organisation(self, key: str, child_id: int, rng: random.Random) -> Organisation:
        if key == "school":
            return self.school_of[child_id]
        if key == "gp":
            return self.gp_of.get(child_id) or rng.choice(self.gp_practices)
        if key == "group":
            return rng.choice(self.groups)
        return {
            "police": self.police,
            "acute": self.acute,
            "community_health": self.community_health,
            "housing": self.housing,
        }[key]

    def reporter(self, organisation: Organisation, rng: random.Random) -> Reporter:
        pool = self.reporters.get(organisation.pk)
        if pool:
            return rng.choice(pool)
        return Reporter(None, f"Safeguarding lead, {organisation.name}")


@dataclass
class DraftConcern:
    agency: Organisation
    agency_key: str
    reporter: Reporter
    category: str
    details: str
    record: PartnerRecord


def _category(agency_key: str, age: int, gender: str, rng: random.Random) -> str:
    weights = CATEGORY_WEIGHTS[agency_key]
    category = rng.choices(list(weights), list(weights.values()))[0]
    if (category in _OLDER_CHILDREN_ONLY and age < 10) or (category == _C.FGM and gender != "F"):
        category = rng.choice([_C.NEGLECT, _C.DOMESTIC_ABUSE])
    return category


def details_for(category: str, name: str, age: int, rng: random.Random) -> str:
    template = rng.choice(DETAILS[category])
    words = "a baby" if age < 1 else f"aged {age}"
    risk = rng.choices(["standard", "medium", "high"], [5, 3, 2])[0]
    return template.format(name=name or "the child", age=words, risk=risk)


_OFFICE_HOURS = {"school", "gp", "group", "housing"}


def agency_key_for(
    child_id: int, age: int, on: date, agencies: Agencies, rng: random.Random
) -> str:
    at_school = age >= 4 and child_id in agencies.school_of
    keys = [k for k in AGENCY_WEIGHTS if k != "school" or at_school]
    if age < 1:  # babies: health visitors, GPs, hospitals and the police
        keys = [k for k in keys if k not in {"group", "housing"}]
    if not is_working_day(on):  # weekends and bank holidays: the police and hospitals
        keys = [k for k in keys if k not in _OFFICE_HOURS]
    return rng.choices(keys, [AGENCY_WEIGHTS[k] for k in keys])[0]


def concern_for(
    child: ChildFacts, on: date, agencies: Agencies, rng: random.Random, agency_key: str = ""
) -> DraftConcern:
    """A worry about `child` raised on `on` by a partner agency, with the child's identity as
    that agency recorded it."""
    age = age_in_years(child.date_of_birth, on)
    key = agency_key or agency_key_for(child.id, age, on, agencies, rng)
    agency = agencies.organisation(key, child.id, rng)
    category = _category(key, age, child.gender, rng)
    record = partner_record(child, agency.kind, on, rng)
    return DraftConcern(
        agency=agency,
        agency_key=key,
        reporter=agencies.reporter(agency, rng),
        category=category,
        details=details_for(category, record.given_name, age, rng),
        record=record,
    )


def concern_about_a_new_child(namer, on: date, agencies: Agencies, rng) -> DraftConcern:
    """A worry about a child the index does not hold (newly arrived, or never registered):
    from the police, a hospital, a health visitor, a community group or housing."""
    record = new_child_record(namer, on, rng)
    keys = ["police", "acute", "community_health", "group", "housing"]
    if not is_working_day(on):
        keys = keys[:2]
    key = rng.choices(keys, [40, 20, 20, 15, 5][: len(keys)])[0]
    agency = agencies.organisation(key, 0, rng)
    age = record.age if record.age is not None else age_in_years(record.date_of_birth, on)
    category = _category(key, age, record.gender, rng)
    return DraftConcern(
        agency,
        key,
        agencies.reporter(agency, rng),
        category,
        details_for(category, record.given_name, age, rng),
        record,
    )


# ---- the step ----------------------------------------------------------------------------------


@dataclass
class _Plan:
    """One contact to write, as it is planned."""

    child_id: int | None  # the child it is really about
    at: datetime
    kind: str  # generic, anchor, not_in_index, queue, overdue, identity, showcase
    draft: DraftConcern | None = None  # None: a call or email
    category: str = ""
    caller: str = ""
    open_case: bool = False  # the child's case was open to a social worker at the time
    known_before: bool = False  # the child was allocated a social worker later
    level: int | None = None
    outcome: str = ""
    is_open: bool = False  # still on the MASH's queue
    person: Person | None = None  # the unverified record made of a child not in the index
    day: date = field(init=False)  # received, in local time

    def __post_init__(self):
        self.day = self.at.astimezone(LONDON).date()


def _hour(source: str, rng: random.Random) -> int:
    if source in {"police", "acute"}:
        return rng.choice([*range(7, 23), *range(0, 7, 3)])
    if source == "school":
        return rng.randint(8, 16)
    return rng.randint(9, 18)


def frontdoor_history_step(b: "Borough") -> str:
    """Three years of concerns, contacts, decisions and referrals up to `b.today`, the MASH's
    queue now and the showcase child (`b.showcase_child_id`); then the alert rules, once."""
    rng = b.rng
    clock = BoroughClock(b.today, rng)
    start = b.today - relativedelta(years=YEARS)
    history_end = add_working_days(b.today, -2)  # later contacts are still on the queue
    children = load_children(b.children)
    agencies = _agencies(b)
    involvements = _involvements()
    known = involvements["allocated"]  # child id -> date a worker was allocated
    social_care = involvements["social_care"]
    queue_children = [c for c in involvements["front_door"] if c in children]
    unknown = [c for c in children.values() if c.id not in social_care]
    showcase = _showcase_child(b, unknown, agencies, rng)
    plans: list[_Plan] = []

    def when(day: date, source: str) -> datetime:
        return clock.at(day, _hour(source, rng), rng.randrange(60))

    def add(child: ChildFacts, day: date, kind: str) -> _Plan:
        if rng.random() < CONCERN_SHARE or kind == "identity":
            draft = concern_for(child, day, agencies, rng)
            if kind == "identity":
                _harder_to_match(draft, child, day, rng)
            plan = _Plan(child.id, when(day, draft.agency_key), kind, draft, draft.category)
        else:
            age = age_in_years(child.date_of_birth, day)
            key = agency_key_for(child.id, age, day, agencies, rng)
            category = _category(key, age, child.gender, rng)
            plan = _Plan(child.id, when(day, "phone"), kind, None, category)
            plan.caller = rng.choice(CALLERS)
        allocated = known.get(child.id)
        plan.open_case = allocated is not None and allocated < plan.day
        plan.known_before = allocated is not None and not plan.open_case
        plans.append(plan)
        return plan

    def day_between(low: date, high: date) -> date:
        """A day in the range, weekends and bank holidays less likely."""
        while True:
            day = low + timedelta(days=rng.randint(0, max(0, (high - low).days)))
            if is_working_day(day) or rng.random() < WEEKEND_SHARE:
                return day

    # Children allocated a social worker in the last three years were referred first.
    for child_id, allocated in sorted(known.items()):
        child = children.get(child_id)
        referred = allocated - timedelta(days=rng.randint(0, 7))
        if child and start < referred <= history_end and referred > child.date_of_birth:
            add(child, referred, "anchor")
    # Children not in the index, whom the front door recorded as it met them.
    for _ in range(children_not_in_index(b.n_children)):
        day = day_between(start, history_end)
        draft = concern_about_a_new_child(b.namer, day, agencies, rng)
        plan = _Plan(None, when(day, draft.agency_key), "not_in_index", draft, draft.category)
        plans.append(plan)
    # Everyone else partners worried about: known children often, others now and then.
    excluded = {showcase.id} | set(queue_children)
    known_children = [children[c] for c in sorted(known) if c in children and c not in excluded]
    others = [c for c in unknown if c.id not in excluded]
    pool = rng.sample(others, int(len(others) * POOL_SHARE))
    pool_weights = list(itertools.accumulate(rng.expovariate(1.0) for _ in pool))
    total = round(b.n_children * CONTACTS_PER_CHILD_YEAR * YEARS)
    open_now = QUEUE_SIZE + OVERDUE + IDENTITY_TO_CONFIRM + 1
    generic = max(0, total - len(plans) - open_now - 2)
    for _ in range(generic):
        if known_children and rng.random() < KNOWN_SHARE:
            child = rng.choice(known_children)
        else:
            child = rng.choices(pool, cum_weights=pool_weights)[0]
        low = max(start, child.date_of_birth + timedelta(days=1))
        if low > history_end:
            continue
        add(child, day_between(low, history_end), "generic")
    # Now: the MASH's queue.
    queue_started = involvements["front_door"]
    if len(queue_children) < QUEUE_SIZE:
        extra = rng.sample(
            [c.id for c in others if c.id not in queue_started],
            min(QUEUE_SIZE - len(queue_children), len(others)),
        )
        for child_id in extra:
            queue_started[child_id] = b.today - timedelta(days=rng.randint(0, 2))
        queue_children += extra
    new_front_door = set(queue_children) - set(involvements["front_door_existing"])
    for child_id in queue_children:
        add(children[child_id], queue_started[child_id], "queue")
    others_now = [c for c in others if c.id not in queue_started]
    picked = rng.sample(others_now, min(OVERDUE + IDENTITY_TO_CONFIRM, len(others_now)))
    for child in picked[:OVERDUE]:
        day = add_working_days(b.today, -rng.randint(2, 4))
        new_front_door.add(child.id)
        queue_started[child.id] = day
        add(child, day, "overdue")
    for child in picked[OVERDUE:]:  # the matcher could not say who they are
        add(child, b.today - timedelta(days=rng.randint(0, 1)), "identity")
    _showcase_plans(b, showcase, agencies, clock, plans, rng)
    new_front_door.add(showcase.id)
    queue_started[showcase.id] = b.today

    plans.sort(key=lambda p: (p.at, p.child_id or 0))
    _decide(plans, rng)
    written = _write(b, plans, children, clock, rng)
    _open_front_door(b, {c: queue_started[c] for c in new_front_door})
    reset_sequences()
    alerts = run_alert_rules(today=b.today)
    b.showcase_child_id = showcase.id
    return (
        f"{written['contacts']:,} contacts, {written['referrals']:,} referrals, "
        f"{written['open']} open, {alerts} alerts; "
        f"showcase child {showcase.id} ({showcase.given_name} {showcase.family_name})"
    )


frontdoor_history_step.adds_children = children_not_in_index


def _agencies(b: "Borough") -> Agencies:
    """The borough's agencies, with practitioners who raise concerns (added here: police
    officers, health visitors, school nurses, hospital staff, GP and group safeguarding leads;
    schools' designated safeguarding leads and the demo partner accounts already exist)."""
    gp_of = {}
    practices = {o.pk: o for o in b.gp_practices}
    for child_id, org_id in Involvement.objects.filter(kind=InvolvementKind.GP).values_list(
        "child_id", "organisation_id"
    ):
        gp_of[child_id] = practices[org_id]
    groups = [o for k, o in b.organisations.items() if k.startswith("group_")]
    agencies = Agencies(
        police=b.organisations["police"],
        acute=b.organisations["acute_trust"],
        community_health=b.organisations["community_health"],
        housing=b.organisations["housing"],
        groups=groups,
        gp_practices=b.gp_practices,
        school_of=b.school_of,
        gp_of=gp_of,
    )
    usernames = Usernames(Staff.objects.values_list("username", flat=True))
    new_staff: list[Staff] = []

    def add(org: Organisation, job: str, count: int) -> None:
        for _ in range(count):
            first, last = b.namer.staff_name()
            username = usernames.unique(first, last)
            staff = staff_row(b.next_id(Staff), username, first, last, Role.PARTNER, org, job)
            new_staff.append(staff)
            agencies.reporters.setdefault(org.pk, []).append(Reporter(staff, f"{first} {last}"))

    def demo_account(username: str) -> None:
        staff = b.accounts[username]
        agencies.reporters.setdefault(staff.organisation_id, []).append(
            Reporter(staff, f"{staff.first_name} {staff.last_name}")
        )

    for school in b.schools + b.secondaries:
        lead = b.school_leads[school.pk]
        agencies.reporters[school.pk] = [Reporter(lead, f"{lead.first_name} {lead.last_name}")]
    demo_account("police.officer")
    add(agencies.police, "Detective constable, MASH police desk", 4)
    add(agencies.police, "Police constable, emergency response", 5)
    demo_account("health.visitor")
    add(agencies.community_health, "Health visitor", 6)
    add(agencies.community_health, "School nurse", 3)
    add(agencies.acute, "Paediatric liaison nurse", 2)
    add(agencies.acute, "Emergency department consultant", 2)
    add(agencies.acute, "Midwife", 2)
    add(agencies.housing, "Housing officer", 2)
    demo_account("gp")
    for practice in b.gp_practices:
        if practice.pk not in agencies.reporters:
            add(practice, "GP safeguarding lead", 1)
    for group in groups:
        add(group, "Designated safeguarding lead", 1)
    bulk(Staff, new_staff)
    return agencies


def _involvements() -> dict:
    allocated: dict[int, date] = {}
    social_care: set[int] = set()
    front_door: dict[int, date] = {}
    for child_id, kind, started in Involvement.objects.filter(
        kind__in=list(SOCIAL_CARE_KINDS), ended_on__isnull=True
    ).values_list("child_id", "kind", "started_on"):
        social_care.add(child_id)
        if kind == InvolvementKind.ALLOCATED_WORKER:
            allocated[child_id] = min(started, allocated.get(child_id, started))
        elif kind == InvolvementKind.FRONT_DOOR:
            front_door[child_id] = started
    return {
        "allocated": allocated,
        "social_care": social_care,
        "front_door": front_door,
        "front_door_existing": set(front_door),
    }


def _showcase_child(b: "Borough", unknown: list[ChildFacts], agencies, rng) -> ChildFacts:
    """A primary-age child at the demo school (and, if one is, registered with the demo GP
    practice) whom social care does not know."""
    demo_school, demo_gp = b.organisations["demo_school"], b.organisations["demo_gp"]

    def suits(child: ChildFacts, school=None, gp=None) -> bool:
        age = age_in_years(child.date_of_birth, b.today)
        return (
            6 <= age <= 11
            and (school is None or agencies.school_of.get(child.id) == school)
            and (gp is None or agencies.gp_of.get(child.id) == gp)
            and child.id in agencies.school_of
            and child.address is not None
        )

    for school, gp in ((demo_school, demo_gp), (demo_school, None), (None, None)):
        found = [c for c in unknown if suits(c, school, gp)]
        if found:
            return rng.choice(found)
    return rng.choice(unknown)


def _showcase_plans(
    b, child: ChildFacts, agencies: Agencies, clock: BoroughClock, plans, rng
) -> None:
    """School, GP and police each worried in the last three months; each worry alone was below
    the threshold. The police's came in this morning."""
    name = child.given_name
    worries = [
        (
            add_working_days(b.today, -52),
            "school",
            _C.NEGLECT,
            f"{name} has come to school hungry on several mornings and has been seen taking "
            "food from other children's lunch boxes; uniform unwashed. Mum says money is tight.",
            (2, ContactOutcome.SIGNPOST),
        ),
        (
            add_working_days(b.today, -17),
            "gp",
            _C.DOMESTIC_ABUSE,
            f"Mother attended for low mood and disclosed that her partner 'gets angry'; {name} "
            "hides in the bedroom when he shouts. Declined a referral to domestic abuse support.",
            (2, ContactOutcome.NO_FURTHER_ACTION),
        ),
        (
            b.today,
            "police",
            _C.DOMESTIC_ABUSE,
            "Officers attended the home at 23:40 last night after a neighbour reported "
            "screaming. Mother had a cut lip; her partner was arrested for assault. "
            f"{name} was awake and distressed, and said this happens 'a lot'. DASH risk: high.",
            None,
        ),
    ]
    demo = {
        "school": b.accounts["school.dsl"],
        "gp": b.accounts["gp"],
        "police": b.accounts["police.officer"],
    }
    for day, key, category, details, decision in worries:
        agency = agencies.organisation(key, child.id, rng)
        staff = demo[key] if demo[key].organisation_id == agency.pk else None
        reporter = (
            Reporter(staff, f"{staff.first_name} {staff.last_name}")
            if staff
            else agencies.reporter(agency, rng)
        )
        at = clock.at(day, 7 if key == "police" else 10, 15)
        record = PartnerRecord(
            child.given_name,
            child.family_name,
            child.date_of_birth,
            None,
            child.gender,
            *(child.address or ("", "")),
            nhs_number=child.nhs_number if key == "gp" else "",
            upn=child.upn if key == "school" else "",
        )
        draft = DraftConcern(agency, key, reporter, category, details, record)
        plan = _Plan(child.id, at, "showcase", draft, category)
        if decision:
            plan.level, plan.outcome = decision
        plans.append(plan)


# ---- the MASH's decisions ----------------------------------------------------------------------


def _decide(plans: list[_Plan], rng: random.Random) -> None:
    """Levels of need and outcomes: about a quarter of contacts referred, the most serious
    worries and children whom social care went on to know more often, and children referred
    in the twelve months around less often (so that about a fifth of referrals are
    re-referrals)."""
    for plan in plans:
        if plan.kind in {"queue", "overdue", "identity"} or (
            plan.kind == "showcase" and plan.level is None
        ):
            plan.is_open = True
    decided = [p for p in plans if not p.is_open]  # in the order received
    anchors = {p.child_id: p.day for p in decided if p.kind == "anchor"}
    for plan in decided:
        if plan.kind == "anchor":
            plan.level = LevelOfNeed.ACUTE
    eligible = {
        id(p): (rng.random(), SEVERITY[p.category] * (1.5 if p.known_before else 1.0))
        for p in decided
        if p.kind in {"generic", "not_in_index"} and not p.open_case
    }
    target = round(REFERRAL_SHARE * len(decided)) - len(anchors)
    year = relativedelta(months=12)
    rows = []  # what the referral pass needs, worked out once
    for plan in decided:
        child = plan.child_id if plan.child_id is not None else id(plan)
        if plan.kind == "anchor":
            rows.append((child, plan.day, None, False, 0.0, 0.0, None))
        elif id(plan) in eligible:
            anchor = anchors.get(child)
            upcoming = anchor is not None and plan.day < anchor <= plan.day + year
            draw, weight = eligible[id(plan)]
            rows.append((child, plan.day, plan.day - year, upcoming, draw, weight, plan))

    def referred(scale: float) -> list[_Plan]:
        last: dict[int, date] = {}
        chosen = []
        for child, day, year_ago, upcoming, draw, weight, plan in rows:
            if plan is None:  # an anchor
                last[child] = day
                continue
            previous = last.get(child)
            if previous == day:
                continue
            recent = previous is not None and year_ago <= previous
            if draw < scale * weight * (RE_REFERRAL_DAMPING if recent or upcoming else 1.0):
                chosen.append(plan)
                last[child] = day
        return chosen

    low, high = 0.0, 20.0
    for _ in range(18):  # the scale that refers the target number
        middle = (low + high) / 2
        if len(referred(middle)) < target:
            low = middle
        else:
            high = middle
    for plan in referred(high):
        plan.level = LevelOfNeed.ACUTE
    for plan in decided:
        if plan.level == LevelOfNeed.ACUTE:
            strategy = 0.4 if SEVERITY[plan.category] >= 0.45 else 0.08
            plan.outcome = (
                ContactOutcome.STRATEGY_DISCUSSION
                if rng.random() < strategy
                else ContactOutcome.REFERRAL
            )
        elif plan.level is None:
            _below_threshold(plan, rng)
    for plan in plans:
        if plan.is_open and rng.random() < 0.2 and plan.kind == "queue":
            _below_threshold(plan, rng)  # decided, waiting for a manager's sign-off


def _below_threshold(plan: _Plan, rng: random.Random) -> None:
    if plan.open_case:
        # The case is open: the front door passes the information to the allocated team.
        plan.level = rng.choice([LevelOfNeed.COMPLEX, LevelOfNeed.ACUTE])
        plan.outcome = ContactOutcome.OPEN_CASE
        return
    severity = SEVERITY[plan.category]
    plan.level = rng.choices([1, 2, 3], [0.45 - severity / 2, 0.4, 0.15 + severity])[0]
    outcomes = sorted(OUTCOMES_FOR_LEVEL[LevelOfNeed(plan.level)] - {ContactOutcome.OPEN_CASE})
    plan.outcome = rng.choice(outcomes)


def _decision_times(plan: _Plan, clock: BoroughClock, rng: random.Random):
    received, day = plan.at, plan.day
    due = add_working_days(day, 1)
    if rng.random() < LATE_SHARE:
        decided_on = add_working_days(due, rng.randint(1, 3))
    elif is_working_day(day) and received.astimezone(LONDON).hour < 15 and rng.random() < 0.55:
        decided_on = day
    else:
        decided_on = due
    decided_on = min(decided_on, clock.today)
    decided = datetime.combine(
        decided_on, time(rng.randint(10, 18), rng.randrange(60)), tzinfo=LONDON
    )
    if decided <= received:
        decided = received + timedelta(minutes=rng.randint(30, 150))
    if rng.random() < 0.75:
        signed = decided + timedelta(minutes=rng.randint(20, 300))
    else:
        next_day = add_working_days(decided.astimezone(LONDON).date(), 1)
        signed = datetime.combine(
            next_day, time(rng.randint(9, 12), rng.randrange(60)), tzinfo=LONDON
        )
    decided = clock.not_after_now(decided, received)
    signed = clock.not_after_now(signed, decided)
    return decided, signed


# ---- writing -----------------------------------------------------------------------------------


def _write(b, plans, children, clock: BoroughClock, rng) -> dict[str, int]:
    mash = b.teams["mash"]
    mash_staff = b.staff_by_team["mash"]
    manager_ids = set(
        TeamMembership.objects.filter(team=mash, is_manager=True).values_list("staff_id", flat=True)
    )
    managers = [s for s in mash_staff if s.pk in manager_ids] or [
        s for s in mash_staff if s.role == Role.TEAM_MANAGER
    ]
    workers = [s for s in mash_staff if s.role == Role.MASH]
    ct_concern, ct_contact, ct_referral = map(content_type_id, (Concern, Contact, Referral))
    people, names, addresses, residences = _not_in_index_people(b, plans)
    concerns, contacts, referrals, truths, entries, candidates = [], [], [], [], [], []
    last_referral: dict[int, Referral] = {}
    for plan in plans:
        concern = None
        child_id = plan.child_id if plan.child_id is not None else plan.person.pk
        if plan.draft:
            concern = _concern(b, plan, child_id)
            concerns.append(concern)
            truths.append(
                TrueIdentity(
                    id=b.next_id(TrueIdentity),
                    concern_id=concern.pk,
                    person_id=child_id,
                    in_index=plan.person is None,
                    noise=" ".join(plan.draft.record.noise)[:200],
                )
            )
            if concern.child_id:
                entries.append(
                    ChronologyEntry(
                        child_id=concern.child_id,
                        occurred_at=concern.reported_at,
                        kind=EntryKind.CONCERN,
                        summary=concern_summary(concern),
                        source_type_id=ct_concern,
                        source_id=str(concern.pk),
                        source_organisation_id=concern.agency_id,
                        recorded_by_id=concern.reported_by_id,
                    )
                )
            if plan.kind == "identity":
                candidates += _identity_candidates(concern, plan, child_id)
        worker = rng.choice(workers)
        contact = Contact(
            id=b.next_id(Contact),
            child_id=concern.child_id if concern else child_id,
            concern=concern,
            source=ContactSource.CONCERN
            if concern
            else rng.choice([ContactSource.PHONE, ContactSource.PHONE, ContactSource.EMAIL]),
            received_at=plan.at,
            summary=concern.details if concern else _call_summary(plan, children, rng),
            recorded_by_id=None if concern else worker.pk,
        )
        contacts.append(contact)
        if concern is None:
            entries.append(
                ChronologyEntry(
                    child_id=child_id,
                    occurred_at=contact.received_at,
                    kind=EntryKind.CONTACT,
                    summary=contact_summary(contact),
                    source_type_id=ct_contact,
                    source_id=str(contact.pk),
                    recorded_by_id=worker.pk,
                )
            )
        if plan.is_open and plan.level is None:
            _screening(plan, contact, rng)
            continue
        _decision(plan, contact, worker, rng.choice(managers), clock, rng)
        entries.append(
            ChronologyEntry(
                child_id=contact.child_id,
                occurred_at=contact.decided_at,
                kind=EntryKind.CONTACT_DECISION,
                summary=decision_summary(contact),
                source_type_id=ct_contact,
                source_id=str(contact.pk),
                recorded_by_id=worker.pk,
            )
        )
        if (
            contact.level_of_need != LevelOfNeed.ACUTE
            or contact.outcome == ContactOutcome.OPEN_CASE
        ):
            continue
        referral_date = contact.received_at.astimezone(LONDON).date()
        previous = last_referral.get(contact.child_id)
        referral = Referral(
            id=b.next_id(Referral),
            child_id=contact.child_id,
            contact_id=contact.pk,
            referral_date=referral_date,
            source=referral_source(contact),
            primary_need=PRIMARY_NEED[plan.category],
            is_re_referral=is_re_referral(previous, referral_date),
            previous_referral_id=previous.pk if previous else None,
            opened_by_id=worker.pk,
        )
        last_referral[contact.child_id] = referral
        referrals.append(referral)
        entries.append(
            ChronologyEntry(
                child_id=contact.child_id,
                occurred_at=datetime.combine(referral_date, time(9), tzinfo=LONDON),
                kind=EntryKind.REFERRAL,
                summary=referral_summary(referral),
                source_type_id=ct_referral,
                source_id=str(referral.pk),
                visibility=Visibility.PARTNERS,
                recorded_by_id=worker.pk,
            )
        )
    bulk(Address, addresses)
    bulk(Person, people)
    bulk(PersonName, names)
    bulk(PersonAddress, residences)
    bulk(Concern, concerns, batch_size=2000)  # wide rows: PostgreSQL's 65,535 parameters
    bulk(Contact, contacts, batch_size=2000)
    bulk(Referral, referrals)
    bulk(MatchCandidate, candidates)
    bulk(TrueIdentity, truths)
    bulk(ChronologyEntry, entries)
    b.children.extend(people)
    return {
        "contacts": len(contacts),
        "referrals": len(referrals),
        "open": sum(1 for c in contacts if c.signed_off_at is None),
    }


def _not_in_index_people(b, plans: list[_Plan]):
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


def _concern(b, plan: _Plan, child_id: int) -> Concern:
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
    from everychild.people.matching import Identity, _facts_for, match_identity, score_identity

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


def _harder_to_match(draft: DraftConcern, child: ChildFacts, on: date, rng) -> None:
    """A record the matcher is rarely sure of: no identifiers, an age for a date of birth and,
    often, a misspelt name."""
    record = draft.record
    noise = [n for n in record.noise if n not in {"nhs_given", "upn_given", "dob_swapped"}]
    noise = [n for n in noise if n != "dob_one_part"]
    record.nhs_number = record.upn = ""
    if record.date_of_birth is not None:
        record.date_of_birth, record.age = None, age_in_years(child.date_of_birth, on)
        noise.append("dob_missing_age_given")
    named = any(n.startswith(("given_", "family_")) for n in noise)
    if not named and rng.random() < 0.6 and _can_be_misspelt(child.given_name, child.family_name):
        given, family = noisy_name(child.given_name, child.family_name, rng)
        noise += _name_noise("given", child.given_name, given)
        noise += _name_noise("family", child.family_name, family)
        record.given_name, record.family_name = given, family
    record.noise = noise
    draft.details = details_for(draft.category, record.given_name, record.age, rng)


def _call_summary(plan: _Plan, children, rng) -> str:
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


def _decision(plan: _Plan, contact: Contact, worker, manager, clock, rng) -> None:
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
    decided, signed = _decision_times(plan, clock, rng)
    contact.decided_by_id, contact.decided_at = worker.pk, decided
    if plan.is_open:
        contact.version = 4
        return  # waiting for a manager's sign-off
    contact.signed_off_by_id, contact.signed_off_at = manager.pk, signed
    contact.version = 5


def _screening(plan: _Plan, contact: Contact, rng: random.Random) -> None:
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


def _open_front_door(b, started: dict[int, date]) -> None:
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
